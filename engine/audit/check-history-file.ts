import type { NewEvent } from "../../store/event-store.js";
import { InvalidExportError, TruncatedExportError } from "../errors/export-errors.js";
import type { ThreadEvent } from "../thread/events.js";
import { streamNameOf } from "../thread/ids.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";
import {
  decodeSuperJson,
  historyFileFormat,
  historyFileVersion,
  readableHistoryFileVersions,
  type HistoryFileHeader,
  type SuperJsonValue,
} from "./history-file-format.js";

/** One event of a history file, decoded and checked, ready to append. */
export interface CheckedHistoryEvent {
  readonly threadId: string;
  readonly revision: number;
  readonly event: NewEvent & { readonly id: string };
  /** The line's length in characters: a measure of the append's size. */
  readonly size: number;
}

/**
 * Reads a history file line by line and checks each line as it comes: the header first, then every
 * event (well-formed, a thread event this version knows, in revision order per thread, of a thread
 * the header lists). `finish()` checks that the file held every event its header announced.
 */
export class HistoryFileChecker {
  readonly #file: string;
  #header: HistoryFileHeader | undefined;
  readonly #next = new Map<string, number>();
  #line = 0;
  #events = 0;

  constructor(file: string) {
    this.#file = file;
  }

  /** The header, once the first line was checked. */
  get header(): HistoryFileHeader | undefined {
    return this.#header;
  }

  /** Events checked so far. */
  get events(): number {
    return this.#events;
  }

  /**
   * Checks the next line; returns its event, or undefined for the header. A `last` line that is not
   * JSON is where the file was cut short.
   */
  check(text: string, last = false): CheckedHistoryEvent | undefined {
    this.#line++;
    const value = this.#parse(text, last);
    if (!this.#header) {
      this.#header = this.#checkHeader(value);
      return undefined;
    }
    return this.#checkEvent(value as Record<string, unknown>, text.length);
  }

  /** Checks that every announced event was there. */
  finish(): HistoryFileHeader {
    const header = this.#header;
    if (!header) throw new InvalidExportError(this.#file, 1, "the file is empty, where a history header was expected");
    if (this.#events < header.events) throw new TruncatedExportError(this.#file, header.events, this.#events);
    return header;
  }

  #fail(problem: string): never {
    throw new InvalidExportError(this.#file, this.#line, problem);
  }

  #parse(text: string, last: boolean): unknown {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (last && this.#header) throw new TruncatedExportError(this.#file, this.#header.events, this.#events);
      this.#fail("the line is not JSON");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.#fail("the line is not a JSON object");
    return value;
  }

  #checkHeader(value: unknown): HistoryFileHeader {
    const header = value as Partial<HistoryFileHeader>;
    if (header.format !== historyFileFormat) this.#fail(`the first line is not a history header (its "format" is not "${historyFileFormat}")`);
    if (typeof header.version !== "number" || !readableHistoryFileVersions.includes(header.version)) {
      this.#fail(
        typeof header.version === "number" && header.version > historyFileVersion
          ? `the file is history format version ${header.version}, newer than this replaygraph reads (${historyFileVersion}); upgrade replaygraph to import it`
          : `the header's "version" is ${JSON.stringify(header.version)}, not ${historyFileVersion}`,
      );
    }
    const threads = header.threads;
    if (typeof header.threadId !== "string" || !Array.isArray(threads) || threads.length === 0 || threads[0]?.threadId !== header.threadId) {
      this.#fail(`the header must name the thread ("threadId") and list it first in "threads"`);
    }
    let total = 0;
    for (const thread of threads) {
      if (typeof thread?.threadId !== "string" || !Number.isSafeInteger(thread.events) || thread.events < 0 || this.#next.has(thread.threadId)) {
        this.#fail(`the header's "threads" must list distinct thread ids, each with a count of "events"`);
      }
      this.#next.set(thread.threadId, 0);
      total += thread.events;
    }
    if (header.events !== total) this.#fail(`the header announces ${String(header.events)} events but its threads add up to ${total}`);
    return header as HistoryFileHeader;
  }

  #checkEvent(line: Record<string, unknown>, size: number): CheckedHistoryEvent {
    const { thread, revision, type, id } = line;
    if (typeof thread !== "string" || !this.#next.has(thread))
      this.#fail(`the event's "thread" is ${JSON.stringify(thread)}, not one of the threads the header lists`);
    const expected = this.#next.get(thread)!;
    if (revision !== expected) {
      this.#fail(
        revision === undefined || typeof revision !== "number"
          ? `the event has no numeric "revision"`
          : `the event of thread '${thread}' has revision ${revision} where ${expected} was expected: events are missing, repeated or out of order`,
      );
    }
    if (expected >= this.#header!.threads.find((entry) => entry.threadId === thread)!.events) {
      this.#fail(`thread '${thread}' has more events than the ${expected} the header announces`);
    }
    if (typeof type !== "string" || typeof id !== "string") this.#fail(`the event needs a "type" and an "id"`);
    const decodedData = this.#decode(line, "data");
    const decodedMetadata = this.#decode(line, "metadata");
    if (typeof decodedMetadata !== "object" || decodedMetadata === null || Array.isArray(decodedMetadata))
      this.#fail(`the event's "metadata" is not an object`);
    let event: ThreadEvent | undefined;
    try {
      event = upcastThreadEvent({
        stream: streamNameOf(thread),
        revision: expected,
        type,
        data: decodedData,
        metadata: decodedMetadata as Record<string, unknown>,
      });
    } catch {
      this.#fail(`revision ${expected} of thread '${thread}' ('${type}') is not a thread event this version knows`);
    }
    if (event.type === "ThreadCreated" && event.threadId !== thread) {
      this.#fail(`the ThreadCreated event of thread '${thread}' names another thread`);
    }
    this.#next.set(thread, expected + 1);
    this.#events++;
    return { threadId: thread, revision: expected, size, event: { id, type, data: decodedData, metadata: decodedMetadata as Record<string, unknown> } };
  }

  /** A line's `data` or `metadata`: in version 2 as it is (or in superjson's form under `<field>Superjson`), in version 1 always in superjson's form. */
  #decode(line: Record<string, unknown>, field: "data" | "metadata"): unknown {
    if (this.#header!.version >= 2 && field in line) return line[field];
    const value = this.#header!.version >= 2 ? line[`${field}Superjson`] : line[field];
    if (typeof value !== "object" || value === null || !("json" in value)) this.#fail(`the event's "${field}" is not in superjson's { json, meta } form`);
    try {
      return decodeSuperJson(value as SuperJsonValue);
    } catch (error) {
      this.#fail(`the event's "${field}" cannot be decoded (${(error as Error).message})`);
    }
  }
}

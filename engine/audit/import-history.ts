import { stableHash } from "../serialization/stable-hash.js";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { EventStore, NewEvent } from "../../store/event-store.js";
import { ImportTargetExistsError } from "../errors/export-errors.js";
import { streamNameOf } from "../thread/ids.js";
import { HistoryFileChecker, type CheckedHistoryEvent } from "./check-history-file.js";
import type { HistoryFileHeader } from "./history-file-format.js";

/** Options of {@link importHistory}. */
export interface ImportHistoryOptions {
  /** Called as the import goes: first while the file is checked, then while it is appended. */
  readonly onProgress?: (done: number, total: number, phase: "checking" | "importing") => void;
  /** The most events in one append. Default 500. */
  readonly batchSize?: number;
  /** The most characters of file lines in one append (EventStoreDB refuses appends over 1 MiB). Default 512 KiB. */
  readonly maxBatchChars?: number;
}

/** What {@link importHistory} did. */
export interface ImportHistoryResult {
  readonly threadId: string;
  /** Events in the file. */
  readonly events: number;
  /** Events appended now (fewer than `events` when an interrupted import was continued). */
  readonly imported: number;
  readonly threads: HistoryFileHeader["threads"];
}

const progressEvery = 1000;

/**
 * Imports a history file (made by `exportHistory`) into `store`, keeping every event's revision and
 * id. The whole file is checked first, in one streaming pass, so a truncated or corrupt file
 * changes nothing in the store; then its events are appended in batches, each naming the exact
 * revision it expects. Memory stays bounded: the file is streamed, never held.
 *
 * An import never writes over history: a thread that already has other events is refused. A
 * thread whose events are a first part of the file's (same ids: an import that was interrupted) is
 * continued from where it stopped.
 *
 * WARNING: the check and the appends are two reads of the file; a file changed between them may
 * fail part way, with the threads appended so far left in the store (run the import again once the
 * file is whole: it continues).
 *
 * @throws {InvalidExportError} when a line is not what a history file holds (nothing imported).
 * @throws {TruncatedExportError} when the file ends early (nothing imported).
 * @throws {ImportTargetExistsError} when a thread exists with other events (nothing imported).
 *
 * @example
 * const { imported } = await importHistory(new SqliteEventStore("./laptop.db"), "./thread-42.jsonl");
 */
export async function importHistory(store: EventStore, file: string, options: ImportHistoryOptions = {}): Promise<ImportHistoryResult> {
  const batchSize = options.batchSize ?? 500;
  const maxBatchChars = options.maxBatchChars ?? 512 * 1024;
  const stored = new Map<string, StoredPrefix>();
  const checker = new HistoryFileChecker(file);
  for await (const { text, last } of linesOf(file)) {
    const checked = checker.check(text, last);
    if (!checked) {
      for (const thread of checker.header!.threads) stored.set(thread.threadId, await StoredPrefix.read(store, thread.threadId, thread.events));
      continue;
    }
    await stored.get(checked.threadId)!.assertSame(checked);
    if (checker.events % progressEvery === 0) options.onProgress?.(checker.events, checker.header!.events, "checking");
  }
  const header = checker.finish();
  options.onProgress?.(header.events, header.events, "checking");

  let imported = 0;
  let done = 0;
  let batch: CheckedHistoryEvent[] = [];
  let batchChars = 0;
  const flush = async () => {
    const first = batch[0];
    if (!first) return;
    const expectedRevision = first.revision === 0 ? "no_stream" : first.revision - 1;
    await store.appendToStream(
      streamNameOf(first.threadId),
      batch.map((checked): NewEvent => checked.event),
      { expectedRevision },
    );
    imported += batch.length;
    batch = [];
    batchChars = 0;
  };
  const appender = new HistoryFileChecker(file);
  for await (const { text, last } of linesOf(file)) {
    const checked = appender.check(text, last);
    if (!checked) continue;
    done++;
    if (checked.revision <= stored.get(checked.threadId)!.lastRevision) continue;
    if (batch.length > 0 && (batch[0]!.threadId !== checked.threadId || batch.length >= batchSize || batchChars + checked.size > maxBatchChars)) await flush();
    batch.push(checked);
    batchChars += checked.size;
    if (done % progressEvery === 0) options.onProgress?.(done, header.events, "importing");
  }
  await flush();
  appender.finish();
  options.onProgress?.(header.events, header.events, "importing");
  return { threadId: header.threadId, events: header.events, imported, threads: header.threads };
}

/** The lines of a file, streamed, each with whether it is the last one. */
async function* linesOf(file: string): AsyncGenerator<{ text: string; last: boolean }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let previous: string | undefined;
  for await (const line of lines) {
    if (line.trim() === "") continue;
    if (previous !== undefined) yield { text: previous, last: false };
    previous = line;
  }
  if (previous !== undefined) yield { text: previous, last: true };
}

/** What the target store already holds of one thread: nothing, or the first part of the file's events. */
class StoredPrefix {
  #page: { from: number; events: { id: string; type: string; hash: string }[] } = { from: 0, events: [] };

  private constructor(
    readonly store: EventStore,
    readonly threadId: string,
    readonly lastRevision: number,
  ) {}

  static async read(store: EventStore, threadId: string, fileEvents: number): Promise<StoredPrefix> {
    const { currentRevision } = await store.readStream(streamNameOf(threadId), { direction: "backwards", maxCount: 1 });
    if (currentRevision + 1 > fileEvents) {
      throw new ImportTargetExistsError(threadId, `holds ${currentRevision + 1} events, more than the file's ${fileEvents}`);
    }
    return new StoredPrefix(store, threadId, currentRevision);
  }

  /** Checks that the stored event at the checked event's revision, if any, is that same event. */
  async assertSame(checked: CheckedHistoryEvent): Promise<void> {
    if (checked.revision > this.lastRevision) return;
    const offset = checked.revision - this.#page.from;
    if (offset < 0 || offset >= this.#page.events.length) {
      const { events } = await this.store.readStream(streamNameOf(this.threadId), { fromRevision: checked.revision, maxCount: 1000 });
      this.#page = { from: checked.revision, events: events.map((event) => ({ id: event.id, type: event.type, hash: stableHash(event.data) })) };
    }
    // The same event: same id, type and content (a file edited after export keeps its ids).
    const stored = this.#page.events[checked.revision - this.#page.from];
    if (!stored || stored.id !== checked.event.id || stored.type !== checked.event.type || stored.hash !== stableHash(checked.event.data)) {
      throw new ImportTargetExistsError(this.threadId, `its event ${checked.revision} is not the file's (the store holds another history of it)`);
    }
  }
}

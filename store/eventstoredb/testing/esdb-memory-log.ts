import { randomUUID } from "node:crypto";

/** An event as the wire test server stores it: bytes as received, plus its place in the log. */
export interface StoredRecord {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** The record's `$all` position (commit and prepare positions are equal here). */
  readonly position: bigint;
  /** When the record was written, in .NET ticks (100 ns) since the Unix epoch, as the server sends it. */
  readonly createdTicks: bigint;
}

/** An event proposed by an append, decoded from the wire. */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** The expected revision of an append, as the wire carries it. */
export type WireExpectedRevision =
  { readonly kind: "revision"; readonly revision: bigint } | { readonly kind: "no_stream" } | { readonly kind: "any" } | { readonly kind: "stream_exists" };

/** What an append came to; `currentRevision` undefined means the stream does not exist. */
export type AppendOutcome =
  | { readonly kind: "success"; readonly currentRevision: bigint | undefined; readonly position: bigint | undefined }
  | { readonly kind: "wrong_expected_version"; readonly currentRevision: bigint | undefined };

/** Where a read starts: the first or last record, or a revision (streams) / position ($all). */
export type ReadFrom = "start" | "end" | bigint;

/** Options of one read. */
export interface LogReadOptions {
  readonly from: ReadFrom;
  readonly backwards: boolean;
  readonly count: bigint;
}

/** What a soft delete came to: the position of the metadata event it wrote, or a conflict. */
export type DeleteOutcome =
  { readonly kind: "success"; readonly position: bigint } | { readonly kind: "wrong_expected_version"; readonly currentRevision: bigint | undefined };

/** Called with each record, in `$all` order, as it is written. */
export type RecordListener = (record: StoredRecord) => void;

/** Bytes a record takes in the log besides its payload, so positions grow like a file offset. */
const RECORD_OVERHEAD = 96n;

/**
 * The wire test server's storage: streams of records in memory with EventStoreDB's rules —
 * 0-based revisions, expected-revision checks, idempotent re-append by event id, one `$all`
 * log whose positions grow with every record written, and soft deletes.
 *
 * A soft delete follows EventStoreDB's documentation of it: the stream's metadata stream `$$name`
 * gets a `$metadata` event whose truncate-before (`$tb`) is past the stream's last event, a read
 * of the stream then answers "stream not found", and a later append recreates the stream,
 * continuing its revisions where they left off (the old events stay in `$all`, as they do until
 * a scavenge).
 */
export class EsdbMemoryLog {
  readonly #all: StoredRecord[] = [];
  readonly #streams = new Map<string, StoredRecord[]>();
  /** Soft-deleted streams' truncate-before revision: reads start there. */
  readonly #truncateBefore = new Map<string, bigint>();
  readonly #listeners = new Set<RecordListener>();
  #nextPosition = 0n;

  /** Appends `events` to `stream` if `expected` holds, or reports the earlier identical append. */
  append(stream: string, expected: WireExpectedRevision, events: readonly ProposedEvent[]): AppendOutcome {
    const existing = this.#streams.get(stream) ?? [];
    const current = existing.length === 0 ? undefined : BigInt(existing.length - 1);
    const replay = idempotentReplay(existing, expected, events);
    if (replay !== undefined) return { kind: "success", currentRevision: replay.revision, position: replay.position };
    if (!satisfies(expected, current)) return { kind: "wrong_expected_version", currentRevision: current };
    if (events.length === 0) return { kind: "success", currentRevision: current, position: undefined };

    const last = this.#write(stream, existing, events);
    return { kind: "success", currentRevision: last?.revision, position: last?.position };
  }

  /**
   * Soft-deletes `stream` if `expected` holds: writes `{"$tb": last revision + 1}` to `$$stream`.
   * A stream that does not exist is deleted all the same (its metadata is written).
   */
  softDelete(stream: string, expected: WireExpectedRevision): DeleteOutcome {
    const existing = this.#streams.get(stream) ?? [];
    const current = existing.length === 0 ? undefined : BigInt(existing.length - 1);
    if (!satisfies(expected, current)) return { kind: "wrong_expected_version", currentRevision: current };
    const truncateBefore = current === undefined ? 0n : current + 1n;
    const metastream = `$$${stream}`;
    const metadata: ProposedEvent = {
      id: randomUUID(),
      type: "$metadata",
      contentType: "application/json",
      data: Buffer.from(JSON.stringify({ $tb: Number(truncateBefore) })),
      customMetadata: new Uint8Array(),
    };
    const written = this.#write(metastream, this.#streams.get(metastream) ?? [], [metadata]);
    this.#truncateBefore.set(stream, truncateBefore);
    return { kind: "success", position: written!.position };
  }

  /** Reads `stream`, or returns undefined when it does not exist (or was deleted and not written since). */
  readStream(stream: string, options: LogReadOptions): readonly StoredRecord[] | undefined {
    const truncateBefore = this.#truncateBefore.get(stream) ?? 0n;
    const records = (this.#streams.get(stream) ?? []).filter((record) => record.revision >= truncateBefore);
    if (records.length === 0) return undefined;
    const first = records[0]!.revision;
    const last = records.at(-1)!.revision;
    const from = options.from === "start" ? first : options.from === "end" ? last : options.from;
    return slice(records, (record) => (options.backwards ? record.revision <= from : record.revision >= from), options);
  }

  /** Calls `listener` with every record written from now on, until the returned function is called. */
  listen(listener: RecordListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #write(stream: string, existing: StoredRecord[], events: readonly ProposedEvent[]): StoredRecord | undefined {
    const createdTicks = BigInt(Date.now()) * 10_000n;
    const written: StoredRecord[] = [];
    for (const event of events) {
      const record = { ...event, stream, revision: BigInt(existing.length), position: this.#nextPosition, createdTicks };
      this.#nextPosition += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length + event.type.length);
      existing.push(record);
      this.#all.push(record);
      written.push(record);
    }
    this.#streams.set(stream, existing);
    for (const record of written) for (const listener of this.#listeners) listener(record);
    return written.at(-1);
  }

  /** Reads `$all`, keeping the records `filter` accepts. */
  readAll(options: LogReadOptions, filter: (record: StoredRecord) => boolean): readonly StoredRecord[] {
    const from = options.from;
    const inRange = (record: StoredRecord): boolean => (typeof from !== "bigint" ? true : options.backwards ? record.position < from : record.position >= from);
    const pastTheEdge = options.from === (options.backwards ? "start" : "end");
    const candidates = pastTheEdge ? [] : this.#all;
    return slice(candidates, (record) => inRange(record) && filter(record), options);
  }

  /** The records of `stream` (empty when it does not exist), for tests to inspect. */
  recordsOf(stream: string): readonly StoredRecord[] {
    return this.#streams.get(stream) ?? [];
  }

  /** Every record in `$all` order, for tests to inspect. */
  allRecords(): readonly StoredRecord[] {
    return this.#all;
  }
}

function slice(records: readonly StoredRecord[], keep: (record: StoredRecord) => boolean, options: LogReadOptions): StoredRecord[] {
  const ordered = options.backwards ? [...records].reverse() : records;
  const out: StoredRecord[] = [];
  for (const record of ordered) {
    if (BigInt(out.length) >= options.count) break;
    if (keep(record)) out.push(record);
  }
  return out;
}

function satisfies(expected: WireExpectedRevision, current: bigint | undefined): boolean {
  switch (expected.kind) {
    case "any":
      return true;
    case "no_stream":
      return current === undefined;
    case "stream_exists":
      return current !== undefined;
    case "revision":
      return current === expected.revision;
  }
}

/**
 * EventStoreDB treats an append whose event ids are already the events right after the expected
 * revision as a retry and answers with the original result. With `any`/`stream_exists` it
 * looks for the first id anywhere in the stream (its best effort).
 */
function idempotentReplay(
  existing: readonly StoredRecord[],
  expected: WireExpectedRevision,
  events: readonly ProposedEvent[],
): { revision: bigint; position: bigint } | undefined {
  const first = events[0];
  if (first === undefined) return undefined;
  const start =
    expected.kind === "revision" ? Number(expected.revision) + 1 : expected.kind === "no_stream" ? 0 : existing.findIndex((record) => record.id === first.id);
  if (start < 0 || start + events.length > existing.length) return undefined;
  const same = events.every((event, index) => existing[start + index]?.id === event.id);
  const last = existing[start + events.length - 1];
  return same && last !== undefined ? { revision: last.revision, position: last.position } : undefined;
}

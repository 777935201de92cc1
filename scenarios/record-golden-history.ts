import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import {
  exportHistory,
  MemoryEventStore,
  type AppendToStreamOptions,
  type AppendToStreamResult,
  type EventStore,
  type ListStreamsOptions,
  type ListStreamsResult,
  type NewEvent,
  type ReadStreamOptions,
  type ReadStreamResult,
} from "replaygraph";
import type { GoldenHistory } from "./golden-histories.js";

/** The recording's epoch: 2025-01-01T00:00:00Z; the clock advances one second a reading. */
const epoch = Date.UTC(2025, 0, 1);

/**
 * Plays a golden history's scenario on a fresh store with an injected clock and run ids, and
 * writes its history file to `output`. The same code gives the same bytes: event ids are derived
 * from (stream, revision) and each event's recorded time is the engine's clock reading.
 */
export async function recordGoldenHistory(golden: GoldenHistory, output: Writable): Promise<void> {
  let readings = 0;
  let ids = 0;
  const store = new StableRecordingStore(new MemoryEventStore());
  const graph = golden.buildGraph(store, { clock: () => epoch + 1000 * readings++, generateId: () => `run-${String(++ids).padStart(4, "0")}` });
  await golden.play(graph, golden.threadId);
  await exportHistory(store, golden.threadId, output);
}

/** A store that names each event by its stream and revision, and reports the engine's time as the recorded time. */
class StableRecordingStore implements EventStore {
  constructor(private readonly inner: EventStore) {}

  appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    const expected = options?.expectedRevision;
    const first = expected === "no_stream" ? 0 : typeof expected === "number" ? expected + 1 : undefined;
    if (first === undefined) throw new Error(`The recording store needs an exact expected revision; got ${String(expected)}.`);
    return this.inner.appendToStream(
      stream,
      events.map((event, index) => ({ ...event, id: uuidOf(`${stream}\u0000${first + index}`) })),
      options,
    );
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const result = await this.inner.readStream(stream, options);
    const events = result.events.map((event) => (typeof event.metadata["at"] === "number" ? { ...event, recordedAt: new Date(event.metadata["at"]) } : event));
    return { ...result, events };
  }

  listStreams(options?: ListStreamsOptions): Promise<ListStreamsResult> {
    return this.inner.listStreams(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function uuidOf(text: string): string {
  const hex = createHash("sha1").update(text).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

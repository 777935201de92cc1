import { once } from "node:events";
import type { Writable } from "node:stream";
import type { EventStore } from "../../store/event-store.js";
import { UnknownThreadError } from "../errors/audit-errors.js";
import { streamNameOf } from "../thread/ids.js";
import { encodeHistoryEvent, encodeHistoryHeader, historyFileFormat, historyFileVersion, type HistoryFileHeader } from "./history-file-format.js";

/** Options of {@link exportHistory}. */
export interface ExportHistoryOptions {
  /** Called as the export goes, with events written so far and the events to write. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Also export the threads of the thread's subgraphs (default true): an import then has all it needs. */
  readonly subgraphs?: boolean;
  /** Events read from the store at a time. Defaults to 1000. */
  readonly pageSize?: number;
}

/** What {@link exportHistory} wrote. */
export interface ExportHistoryResult {
  readonly threadId: string;
  /** Events written, all threads together. */
  readonly events: number;
  readonly threads: HistoryFileHeader["threads"];
}

/**
 * Writes a thread's history to `output` as a history file (JSON Lines: a header, then one event
 * a line; see `history-file-format.ts`), page by page, waiting for `output` to drain: memory stays
 * bounded however long the thread. `output` is left open.
 *
 * The export is a consistent cut: it holds each stream's events up to the revision that stream had
 * when the export began, even while the thread goes on.
 *
 * @throws {UnknownThreadError} when the thread has no events.
 *
 * @example
 * const file = createWriteStream("thread-42.jsonl");
 * await exportHistory(store, "thread-42", file, { onProgress: (done, total) => bar.update(done, total) });
 * file.end();
 */
export async function exportHistory(store: EventStore, threadId: string, output: Writable, options: ExportHistoryOptions = {}): Promise<ExportHistoryResult> {
  const pageSize = options.pageSize ?? 1000;
  const threadIds = [threadId, ...(options.subgraphs === false ? [] : await subgraphThreadsOf(store, threadId))];
  const threads: { threadId: string; events: number }[] = [];
  for (const id of threadIds) {
    const { currentRevision } = await store.readStream(streamNameOf(id), { direction: "backwards", maxCount: 1 });
    if (currentRevision === -1 && id === threadId) throw new UnknownThreadError(threadId);
    if (currentRevision >= 0) threads.push({ threadId: id, events: currentRevision + 1 });
  }
  const total = threads.reduce((sum, thread) => sum + thread.events, 0);
  await write(output, `${encodeHistoryHeader({ format: historyFileFormat, version: historyFileVersion, threadId, events: total, threads })}\n`);
  let done = 0;
  for (const thread of threads) {
    const stream = streamNameOf(thread.threadId);
    for (let next = 0; next < thread.events;) {
      const { events } = await store.readStream(stream, { fromRevision: next, maxCount: Math.min(pageSize, thread.events - next) });
      if (events.length === 0) break;
      let chunk = "";
      for (const event of events) chunk += `${encodeHistoryEvent(thread.threadId, event)}\n`;
      await write(output, chunk);
      next += events.length;
      done += events.length;
      options.onProgress?.(done, total);
    }
  }
  return { threadId, events: done, threads };
}

/** The threads of a thread's subgraphs, at any depth: their ids extend the parent's with `/`. */
async function subgraphThreadsOf(store: EventStore, threadId: string): Promise<string[]> {
  const prefix = `${streamNameOf(threadId)}/`;
  const found: string[] = [];
  for (let after: string | undefined; ;) {
    const { streams } = await store.listStreams({ prefix, maxCount: 1000, ...(after !== undefined ? { after } : {}) });
    for (const stream of streams) found.push(stream.slice(streamNameOf("").length));
    if (streams.length < 1000) return found;
    after = streams[streams.length - 1];
  }
}

async function write(output: Writable, chunk: string): Promise<void> {
  if (!output.write(chunk)) await once(output, "drain");
}

import type { EventStore } from "../../store/event-store.js";
import type { Engine } from "../service/create-engine.js";
import { readStoredFrames } from "./read-stored-frames.js";
import { createFrameTranslator, engineModesFor, type RunIdentity, type ServerStreamMode } from "./run-frame-translator.js";
import { RunStreamLog } from "./run-stream-log.js";
import { RunNotFoundError } from "../errors/service-errors.js";
import type { RunChunk } from "../service/run-broadcaster.js";
import type { SseFrame } from "./sse-frame.js";
import { wireJsonOf } from "./wire-json.js";

/** What {@link createRunStreams} needs. */
export interface RunStreamsOptions {
  readonly engine: Engine;
  /** Absent: frames live in this process only. */
  readonly store: EventStore | undefined;
  /** Where a failed append of a resumable run's frames is reported. */
  readonly onError: (error: unknown) => void;
  /** Between two reads of the store when following a run another process executes. Default 20 ms. */
  readonly pollMs?: number;
}

/** How a run's creator asked for its stream. */
export interface OpenRunStream extends RunIdentity {
  readonly modes: readonly ServerStreamMode[];
  /** `stream_resumable`: the frames are stored, so a join from any process replays them. */
  readonly resumable: boolean;
  /** `stream_subgraphs`: chunks from inside subgraphs are sent, as `<mode>|<namespace>`. */
  readonly subgraphs: boolean;
}

/** A thread stream's frame: the run it belongs to names its id (`<run_id>:<frame id>`). */
export interface ThreadFrame {
  readonly idText: string;
  readonly frame: SseFrame;
}

const keptLogs = 1000;
const terminal = (status: string) => status !== "pending" && status !== "running";

/** The SSE events a `stream_mode` query keeps (metadata, error and end always pass). */
export function eventFilterOf(modes: readonly string[] | undefined): ((event: string) => boolean) | undefined {
  if (!modes || modes.length === 0) return undefined;
  const names = new Set(modes.map((mode) => (mode === "messages-tuple" ? "messages" : mode)));
  return (event) => {
    const base = event.split("|")[0]!;
    return base === "metadata" || base === "error" || base === "end" || names.has(base) || (names.has("messages") && base.startsWith("messages/"));
  };
}

/**
 * The server's run streams: every run created through the server gets a {@link RunStreamLog} fed
 * from the engine's chunks (translated to the asked modes, ids from 0), from its first join on. A join reads the log when
 * this process has it, else the store (a resumable run run by another process, or one whose log
 * was dropped here); the thread stream chains its runs' streams, oldest first.
 */
export function createRunStreams(options: RunStreamsOptions) {
  const { engine, store } = options;
  const logs = new Map<string, RunStreamLog>();
  const runEnded = (threadId: string, runId: string) => async () => terminal((await engine.runs.get(threadId, runId)).status);

  // Runs created here whose frames nobody has asked for yet: their log starts at the first join
  // (the engine keeps every chunk of a run from its first, so the frames and ids are the same).
  const unopened = new Map<string, OpenRunStream>();

  const keep = <T>(map: Map<string, T>, runId: string, value: T) => {
    map.set(runId, value);
    for (const [id] of map) {
      if (map.size <= keptLogs) break;
      map.delete(id);
    }
  };

  /**
   * Registers a run created here (call right after creating it): its frames are collected now
   * when `eager` (a stream is being answered) or the run is resumable (they are stored as they
   * come), else at its first join, so a run nobody streams (`/wait`, a plain create) costs no
   * frames.
   */
  async function open(run: OpenRunStream, eager = false): Promise<void> {
    if (eager || (run.resumable && store)) await start(run);
    else keep(unopened, run.runId, run);
  }

  /** Starts a run's log, fed from the engine's chunks; undefined when the engine no longer has them. */
  async function start(run: OpenRunStream): Promise<RunStreamLog | undefined> {
    unopened.delete(run.runId);
    let chunks: AsyncIterableIterator<RunChunk>;
    try {
      chunks = await engine.runs.joinStream(run.threadId, run.runId, { streamMode: engineModesFor(run.modes) });
    } catch (error) {
      if (error instanceof RunNotFoundError) return undefined;
      throw error;
    }
    const translator = createFrameTranslator(run.modes, run, run.subgraphs);
    const log = new RunStreamLog(run.runId, run.threadId, new Set(run.modes), run.resumable && store ? { store, onError: options.onError } : undefined);
    keep(logs, run.runId, log);
    void (async () => {
      try {
        for await (const chunk of chunks) for (const frame of translator.translate(chunk)) log.push(frame.event, wireJsonOf(frame.data));
        for (const frame of translator.end()) log.push(frame.event, wireJsonOf(frame.data));
      } catch (error) {
        log.push("error", wireJsonOf({ error: "Error", message: `the run's stream failed: ${(error as Error).message}` }));
      } finally {
        log.finish();
      }
    })();
    return log;
  }

  /** A run's frames with ids above `afterId` (-1: from the first), live until the run ends. */
  async function* runFrames(threadId: string, runId: string, afterId: number, signal: AbortSignal): AsyncGenerator<SseFrame> {
    const waiting = unopened.get(runId);
    const log = logs.get(runId) ?? (waiting ? await start(waiting) : undefined);
    if (!log) {
      if (!store) return;
      yield* readStoredFrames(store, runId, afterId, {
        hasEnded: runEnded(threadId, runId),
        signal,
        ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      });
      return;
    }
    const queue = log.subscribe(afterId);
    const stop = () => queue.close();
    signal.addEventListener("abort", stop, { once: true });
    try {
      yield* queue;
    } finally {
      signal.removeEventListener("abort", stop);
      log.unsubscribe(queue);
    }
  }

  /**
   * Every run's frames on a thread, run after run, for as long as the client stays: after
   * `lastEventId` (`<run_id>:<id>`, or `-`/`-1` for all the thread's stored runs), else from the
   * run going on now (or the next one).
   */
  async function* threadFrames(threadId: string, lastEventId: string | undefined, signal: AbortSignal): AsyncGenerator<ThreadFrame> {
    let runs = await engine.runs.list(threadId);
    let index: number;
    let afterId = -1;
    const [lastRun, lastId] = lastEventId?.includes(":")
      ? [lastEventId.slice(0, lastEventId.lastIndexOf(":")), Number(lastEventId.slice(lastEventId.lastIndexOf(":") + 1))]
      : [undefined, -1];
    if (lastEventId === "-" || lastEventId === "-1") index = 0;
    else if (lastRun !== undefined) {
      index = Math.max(
        0,
        runs.findIndex((run) => run.run_id === lastRun),
      );
      afterId = Number.isInteger(lastId) ? lastId : -1;
    } else {
      const active = runs.findIndex((run) => !terminal(run.status));
      index = active === -1 ? runs.length : active;
    }
    while (!signal.aborted) {
      while (index < runs.length && !signal.aborted) {
        const runId = runs[index]!.run_id;
        for await (const frame of runFrames(threadId, runId, afterId, signal)) yield { idText: `${runId}:${frame.id}`, frame };
        afterId = -1;
        index++;
      }
      // Waiting for the thread's next run: its run list is read every 100 ms.
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!signal.aborted) runs = await engine.runs.list(threadId);
    }
  }

  return { open, runFrames, threadFrames };
}

/** What {@link createRunStreams} returns. */
export type RunStreams = ReturnType<typeof createRunStreams>;

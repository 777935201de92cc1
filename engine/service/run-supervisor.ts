import type { CancelReason } from "../runtime/await-step.js";
import type { GraphRuntime } from "../runtime/graph-runtime.js";
import { runThread } from "../runtime/run-thread.js";
import type { ThreadActor } from "../runtime/thread-actor.js";
import { queuedRunsOf } from "../thread/lifecycle-machine.js";
import { RunBroadcaster, type BroadcastOptions } from "./run-broadcaster.js";
import type { RunChunkPublisher } from "./run-chunk-stream.js";
import { streamExtrasOf, teeNamespacedSink } from "./run-stream-extras.js";

interface LocalRun {
  readonly runId: string;
  readonly controller: AbortController;
}

const keptBroadcasters = 1000;

/**
 * The runs this process executes. Per thread it starts queued runs one at a time, oldest first,
 * each with an AbortController (cancellation) and a lease (so another process can tell when this
 * one died). Chunks go to the run's {@link RunBroadcaster}.
 *
 * WARNING: without a worker (`createEngine({ worker })`, see RunWorker), a run queued by another
 * process is executed here only when this process dispatches its thread (any `runs.*` call on it
 * does).
 */
export class RunSupervisor {
  readonly #active = new Map<string, LocalRun>();
  readonly #dispatching = new Map<string, Promise<void>>();
  readonly #broadcasters = new Map<string, RunBroadcaster>();

  /** @param publisherOf when given, the chunks of runs executed here also go to the store for other processes (see RunChunkPublisher) */
  constructor(
    private readonly leaseMs: number,
    private readonly publisherOf?: (runId: string) => RunChunkPublisher,
  ) {}

  /** The broadcaster of a run, created when first asked for. */
  broadcasterFor(runId: string, options: BroadcastOptions = {}): RunBroadcaster {
    let broadcaster = this.#broadcasters.get(runId);
    if (!broadcaster) {
      broadcaster = new RunBroadcaster(runId, options);
      this.#broadcasters.set(runId, broadcaster);
      for (const [id] of this.#broadcasters) {
        if (this.#broadcasters.size <= keptBroadcasters) break;
        this.#broadcasters.delete(id);
      }
    }
    return broadcaster;
  }

  /** A run's broadcaster if this process has one. */
  existingBroadcaster(runId: string): RunBroadcaster | undefined {
    return this.#broadcasters.get(runId);
  }

  /** The run this process executes on the thread now, if any. */
  activeRunOn(threadId: string): string | undefined {
    return this.#active.get(threadId)?.runId;
  }

  /** Cancels the run this process executes on the thread; it records its own end. */
  cancelLocal(threadId: string, runId: string | undefined, cancel: CancelReason): boolean {
    const local = this.#active.get(threadId);
    if (!local || (runId !== undefined && local.runId !== runId)) return false;
    local.controller.abort(cancel);
    return true;
  }

  /**
   * Starts the thread's queued runs one after another, until its queue is empty; resolves then.
   * A thread already being dispatched gets the same promise.
   */
  dispatch(threadId: string, runtime: GraphRuntime, actor: ThreadActor): Promise<void> {
    const existing = this.#dispatching.get(threadId);
    if (existing) return existing;
    const drained = this.#drain(threadId, runtime, actor).finally(() => this.#dispatching.delete(threadId));
    this.#dispatching.set(threadId, drained);
    return drained;
  }

  async #drain(threadId: string, runtime: GraphRuntime, actor: ThreadActor): Promise<void> {
    for (;;) {
      if (!actor.busy) await actor.catchUp();
      const next = queuedRunsOf(actor.state.lifecycle)[0];
      if (!next || actor.state.activeRun) return;
      const controller = new AbortController();
      this.#active.set(threadId, { runId: next.runId, controller });
      const timeoutMs = next.metadata["timeout_ms"];
      const timer =
        typeof timeoutMs === "number"
          ? setTimeout(() => controller.abort({ action: "interrupt", reason: `it took longer than its timeout of ${timeoutMs} ms`, timeout: true }), timeoutMs)
          : undefined;
      // The streams its creator asked for, recorded with the run: this may not be the process that created it.
      const streams = next.options.streams ?? {};
      const broadcaster = this.broadcasterFor(next.runId, streams);
      const publisher = this.publisherOf?.(next.runId);
      const reporter = publisher ? teeNamespacedSink(broadcaster, publisher) : broadcaster;
      let started = false;
      try {
        const result = await runThread(
          actor,
          { type: "StartRun", runId: next.runId, graphName: runtime.spec.name, input: next.input, options: next.options, queued: true },
          {
            durable: true,
            // Recorded in RunQueued by whichever process created the run.
            durability: next.options.durability ?? runtime.durability,
            configurable: next.configurable ?? {},
            metadata: next.metadata,
            signal: controller.signal,
            now: runtime.now,
            sink: reporter,
            leaseMs: this.leaseMs,
            longTermStore: runtime.longTermStore,
            ...(await streamExtrasOf(reporter, streams, threadId, next.metadata)),
          },
        );
        // A run that did not start left the queue first (cancelled, or taken by another process);
        // its joiners then read its recorded status.
        started = result.started;
        broadcaster.finish();
        await publisher?.finish(started);
      } catch (error) {
        broadcaster.finish(error);
        await publisher?.finish(true, error);
      } finally {
        clearTimeout(timer);
        this.#active.delete(threadId);
      }
    }
  }
}

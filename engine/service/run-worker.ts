import type { EventStore } from "../../store/event-store.js";
import { isStreamWatch, type StopWatching } from "../../store/stream-watch.js";
import { threadIdOfStream } from "./thread-id-of-stream.js";

/** Options of a worker: `createEngine({ worker })` and `replaygraph worker`. */
export interface WorkerOptions {
  /** The most threads this process executes runs on at once; 0 executes none (a front end). */
  readonly concurrency: number;
  /**
   * How often every thread is looked at, for work whose notification was lost (ms). Default
   * 30 000 on a store that notifies (PostgreSQL, SQLite), 1 000 on one that does not.
   */
  readonly sweepMs?: number;
  /**
   * How long the chunks of a run this worker executed stay in the store after it ended, for
   * joiners in other processes (ms; default 600 000). Each sweep deletes older ones.
   */
  readonly chunkRetentionMs?: number;
}

/** What a thread needs from a worker, as {@link ThreadWork.inspect} finds it. */
export type ThreadNeed =
  /** Queued runs and none running: claim it. */
  | { readonly kind: "claim" }
  /** Another process runs it under a lease until then (epoch ms): look again after it. */
  | { readonly kind: "watch"; readonly until: number }
  | { readonly kind: "none" };

/** The engine's side of a worker: reading threads and executing their runs. */
export interface ThreadWork {
  /** Reads the thread; ends an expired lease of a dead process's run (per `crashedRuns`) first. */
  inspect(threadId: string): Promise<ThreadNeed>;
  /** Executes the thread's queued runs, oldest first, until none is left or another process has them. */
  drain(threadId: string): Promise<void>;
  /** Stops this process's run on the thread if the stream says another writer ended it. */
  reconcile(threadId: string): Promise<void>;
  /** Housekeeping after each sweep (deleting old chunk streams). */
  tidy?(): Promise<void>;
}

/** A lease is looked at again this long after it expires, so clocks a little apart agree it did. */
const leaseMarginMs = 50;

/**
 * Distributes runs over processes through the store alone. A worker learns that a thread has
 * work from the store's watch (PostgreSQL LISTEN/NOTIFY, SQLite's change counter), from this
 * process's own `runs.create`, and from a periodic sweep of every thread (so a lost notification
 * only delays). It claims a queued run by appending the run's `RunStarted` at the revision it
 * read: of several workers that try, the store lets exactly one succeed, and the others see the
 * run started and move on. It executes at most `concurrency` threads at once; each thread's runs
 * in their queue's order (per-thread FIFO). A run of a dead process is taken over when its lease
 * expires (a timer per watched lease).
 *
 * WARNING: a sweep reads every thread of the store (one listing, one read per thread): with many
 * threads keep `sweepMs` long and rely on the watch. A crashed worker's run waits out its lease
 * (`leaseMs`), and the step that was executing when it died runs again on the new worker: node
 * code before an `effect()` record repeats (SEMANTICS rule 15).
 */
export class RunWorker {
  readonly #active = new Set<string>();
  readonly #waiting = new Set<string>();
  /** Threads poked while being inspected or drained: looked at again afterwards. */
  readonly #dirty = new Set<string>();
  readonly #leaseTimers = new Map<string, NodeJS.Timeout>();
  readonly #drains = new Set<Promise<void>>();
  readonly #draining = new Set<string>();
  #stopWatching: StopWatching | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly work: ThreadWork,
    private readonly options: WorkerOptions,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    if (!Number.isSafeInteger(options.concurrency) || options.concurrency < 0) {
      throw new TypeError(`worker.concurrency must be a whole number of threads, 0 or more; got ${String(options.concurrency)}.`);
    }
  }

  /** Threads this worker executes runs on now. */
  get busyThreads(): number {
    return this.#active.size;
  }

  /** Starts watching the store and sweeping; resolves after the first sweep was started. */
  async start(): Promise<void> {
    if (this.options.concurrency === 0) return;
    const watch = isStreamWatch(this.store);
    if (watch) {
      this.#stopWatching = await this.store.watchStreams((streams) => {
        if (streams === undefined) void this.sweep();
        else for (const stream of streams) this.#onStream(stream);
      });
    }
    const every = this.options.sweepMs ?? (watch ? 30_000 : 1_000);
    this.#sweepTimer = setInterval(() => void this.sweep(), every);
    this.#sweepTimer.unref();
    void this.sweep();
  }

  /** Looks at a thread soon: it may have work (this process queued a run on it). */
  poke(threadId: string): void {
    if (this.#stopped || this.options.concurrency === 0) return;
    void this.#check(threadId);
  }

  /** Looks at every thread of the store once (at most one sweep at a time). */
  sweep(): Promise<void> {
    this.#sweeping ??= (async () => {
      try {
        let after: string | undefined;
        for (;;) {
          const { streams } = await this.store.listStreams({ prefix: "thread-", maxCount: 500, ...(after !== undefined ? { after } : {}) });
          for (const stream of streams) this.#onStream(stream);
          if (streams.length < 500 || this.#stopped) break;
          after = streams.at(-1);
        }
        if (!this.#stopped) await this.work.tidy?.();
      } catch (error) {
        this.onError(error);
      } finally {
        this.#sweeping = undefined;
      }
    })();
    return this.#sweeping;
  }

  /** Takes no new runs and waits for the runs it executes to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#sweepTimer);
    for (const timer of this.#leaseTimers.values()) clearTimeout(timer);
    this.#leaseTimers.clear();
    this.#waiting.clear();
    await this.#stopWatching?.();
    while (this.#drains.size > 0) await Promise.allSettled([...this.#drains]);
  }

  #onStream(stream: string): void {
    const threadId = threadIdOfStream(stream);
    if (threadId !== undefined) this.poke(threadId);
  }

  async #check(threadId: string): Promise<void> {
    if (this.#stopped) return;
    if (this.#active.has(threadId)) {
      this.#dirty.add(threadId);
      // Another writer may have ended the run executing here (a cancel, a double text).
      if (this.#draining.has(threadId)) await this.work.reconcile(threadId).catch(this.onError);
      return;
    }
    if (this.#active.size >= this.options.concurrency) {
      this.#waiting.add(threadId);
      return;
    }
    this.#active.add(threadId);
    this.#waiting.delete(threadId);
    let claimed = false;
    try {
      const need = await this.work.inspect(threadId);
      if (need.kind === "watch") this.#watchLease(threadId, need.until);
      if (need.kind === "claim" && !this.#stopped) {
        claimed = true;
        this.#draining.add(threadId);
        const drain = this.work.drain(threadId).catch(this.onError);
        this.#drains.add(drain);
        void drain.finally(() => {
          this.#drains.delete(drain);
          this.#draining.delete(threadId);
          this.#release(threadId, true);
        });
      }
    } catch (error) {
      this.onError(error);
    } finally {
      if (!claimed) this.#release(threadId);
    }
  }

  /**
   * Frees the thread's slot and fills it. A thread poked while it was looked at, or whose drain
   * ended (its queue is empty, or another process took its run: then its lease is watched), is
   * looked at again.
   */
  #release(threadId: string, drained = false): void {
    this.#active.delete(threadId);
    if (this.#dirty.delete(threadId) || drained) void this.#check(threadId);
    const next = this.#waiting.values().next();
    if (!next.done && this.#active.size < this.options.concurrency) void this.#check(next.value);
  }

  #watchLease(threadId: string, until: number): void {
    clearTimeout(this.#leaseTimers.get(threadId));
    const timer = setTimeout(
      () => {
        this.#leaseTimers.delete(threadId);
        void this.#check(threadId);
      },
      Math.max(0, until - Date.now()) + leaseMarginMs,
    );
    timer.unref();
    this.#leaseTimers.set(threadId, timer);
  }
}

import type { EventStore, NewEvent } from "../../store/event-store.js";
import { AsyncQueue } from "../runtime/async-queue.js";
import type { SseFrame } from "./sse-frame.js";

/** The store stream that keeps a resumable run's frames: frame `n` is the event at revision `n`. */
export const runStreamNameOf = (runId: string): string => `runstream-${runId}`;

/** The event type of a stored frame, and of the marker that ends a run's stored frames. */
export const storedFrameType = "StreamFrame";
export const storedEndType = "StreamEnd";

/**
 * One run's SSE frames, as this process produced them: kept in memory for joiners here (each
 * joiner gets every frame after the id it names, then live ones, then the end), and, for a run
 * created with `stream_resumable`, appended to the store in order so that a join from another
 * process replays them ({@link readStoredFrames}). Frames get ids 0, 1, 2, ... in order.
 *
 * CONCURRENCY: one writer per run (the process that executes it); appends name the exact
 * revision they expect, so a second writer would fail rather than interleave.
 */
export class RunStreamLog {
  readonly #frames: SseFrame[] = [];
  readonly #listeners = new Set<AsyncQueue<SseFrame>>();
  readonly #pending: NewEvent[] = [];
  #revision: number | "no_stream" = "no_stream";
  #writing: Promise<void> | undefined;
  #finished = false;
  #failedToPersist = false;
  #resolveDone!: () => void;
  /** Settles when the run's last frame is in (and, when resumable, stored). */
  readonly done: Promise<void> = new Promise((resolve) => (this.#resolveDone = resolve));

  constructor(
    readonly runId: string,
    readonly threadId: string,
    readonly events: ReadonlySet<string>,
    private readonly persist: { store: EventStore; onError: (error: unknown) => void } | undefined,
  ) {}

  get finished(): boolean {
    return this.#finished;
  }

  /** Adds a frame (its id is the next one) and hands it to every joiner. */
  push(event: string, json: string): void {
    if (this.#finished) return;
    const frame: SseFrame = { id: this.#frames.length, event, json };
    this.#frames.push(frame);
    for (const listener of this.#listeners) listener.push(frame);
    if (this.persist) {
      this.#pending.push({ type: storedFrameType, data: { event, json } });
      this.#flush();
    }
  }

  /** Ends the log: joiners' streams end, and a stored log gets its end marker. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    for (const listener of this.#listeners) listener.close();
    this.#listeners.clear();
    if (!this.persist) return this.#resolveDone();
    this.#pending.push({ type: storedEndType, data: {} });
    this.#flush();
    void (this.#writing ?? Promise.resolve()).finally(() => this.#resolveDone());
  }

  /** The frames with ids above `afterId` (-1: all), then live ones until the run ends. */
  subscribe(afterId: number): AsyncQueue<SseFrame> {
    const queue = new AsyncQueue<SseFrame>();
    for (const frame of this.#frames.slice(Math.max(0, afterId + 1))) queue.push(frame);
    if (this.#finished) queue.close();
    else this.#listeners.add(queue);
    return queue;
  }

  /** Stops handing frames to a joiner that went away. */
  unsubscribe(queue: AsyncQueue<SseFrame>): void {
    this.#listeners.delete(queue);
  }

  // One append at a time, each taking every frame that arrived meanwhile, so the stored order is
  // the id order and revisions equal ids.
  #flush(): void {
    if (this.#writing || !this.persist || this.#failedToPersist) return;
    const { store, onError } = this.persist;
    this.#writing = (async () => {
      try {
        while (this.#pending.length > 0) {
          const batch = this.#pending.splice(0);
          const result = await store.appendToStream(runStreamNameOf(this.runId), batch, { expectedRevision: this.#revision });
          this.#revision = result.nextExpectedRevision;
        }
      } catch (error) {
        this.#failedToPersist = true;
        onError(error);
      } finally {
        this.#writing = undefined;
      }
    })();
  }
}

import type {
  AppendToStreamOptions,
  AppendToStreamResult,
  EventStore,
  ListStreamsOptions,
  ListStreamsResult,
  NewEvent,
  ReadStreamOptions,
  ReadStreamResult,
} from "../event-store.js";
import { isSelected, type AppendCall, type AppendSelector } from "./append-call.js";
import { ForwardingEventStore } from "../forwarding-event-store.js";
import { InjectedAppendFailureError } from "./injected-append-failure-error.js";
import { SimulatedCrashError } from "./simulated-crash-error.js";

/** Options of {@link FailingAppendEventStore}. */
export interface FailingAppendOptions {
  /** The append that fails: the n-th made through this store (from 1), or each one a predicate picks. */
  readonly failOn: AppendSelector;
  /**
   * `"before"`: the append never reaches the inner store. `"after"`: the inner store commits it,
   * then the caller gets the error instead of the reply (the "did it commit?" ambiguity).
   */
  readonly when: "before" | "after";
  /**
   * `"continue"` (default): later calls pass through. `"crash"`: the process is dead from the
   * failure on: every later call, reads included, fails with {@link SimulatedCrashError}.
   */
  readonly then?: "continue" | "crash";
}

/**
 * A store decorator that fails chosen appends with {@link InjectedAppendFailureError}, before or
 * after they reach the inner store, and can make the failure a crash of the whole process.
 *
 * @example
 * // Crash right after the 3rd append is durable; a new engine then recovers from `inner`.
 * const dying = new FailingAppendEventStore(inner, { failOn: 3, when: "after", then: "crash" });
 */
export class FailingAppendEventStore extends ForwardingEventStore {
  readonly #options: FailingAppendOptions;
  #appends = 0;
  #crashedAt: number | undefined;
  readonly #failures: AppendCall[] = [];

  constructor(inner: EventStore, options: FailingAppendOptions) {
    super(inner);
    this.#options = options;
  }

  /** How many appends were made through this store (failed ones included). */
  get appends(): number {
    return this.#appends;
  }

  /** The appends that were failed on purpose. */
  get failures(): readonly AppendCall[] {
    return this.#failures;
  }

  /** Whether the simulated process has crashed. */
  get crashed(): boolean {
    return this.#crashedAt !== undefined;
  }

  override async appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    this.#assertAlive("appendToStream");
    const call: AppendCall = { index: ++this.#appends, stream, events, expectedRevision: options?.expectedRevision };
    if (!isSelected(this.#options.failOn, call)) return super.appendToStream(stream, events, options);
    this.#failures.push(call);
    if (this.#options.then === "crash") this.#crashedAt = call.index;
    if (this.#options.when === "before") throw new InjectedAppendFailureError(stream, call.index, false);
    // The reply is lost whatever it was; a refused append (a conflict) stored nothing.
    const committed = await super.appendToStream(stream, events, options).then(
      () => true,
      () => false,
    );
    throw new InjectedAppendFailureError(stream, call.index, committed);
  }

  override async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    this.#assertAlive("readStream");
    return super.readStream(stream, options);
  }

  override async listStreams(options?: ListStreamsOptions): Promise<ListStreamsResult> {
    this.#assertAlive("listStreams");
    return super.listStreams(options);
  }

  #assertAlive(operation: string): void {
    if (this.#crashedAt !== undefined) throw new SimulatedCrashError(this.#crashedAt, operation);
  }
}

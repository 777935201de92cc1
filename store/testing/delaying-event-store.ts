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
import { ForwardingEventStore } from "../forwarding-event-store.js";

/** One call through a {@link DelayingEventStore}. */
export interface DelayedCall {
  readonly operation: "append" | "read" | "list";
  /** Its position among the calls made through the decorator, from 1. */
  readonly index: number;
  /** The stream, for appends and reads. */
  readonly stream?: string;
}

/** A delay in milliseconds, fixed or chosen per call. */
export type Delay = number | ((call: DelayedCall) => number);

/** Options of {@link DelayingEventStore}. */
export interface DelayOptions {
  /** How long a call waits before it reaches the inner store. Default 0. */
  readonly before?: Delay;
  /** How long the caller waits for the inner store's answer after it came (a slow reply). Default 0. */
  readonly after?: Delay;
}

/**
 * A store decorator that slows calls down, before they reach the inner store and/or before their
 * answer reaches the caller, to widen the windows in which concurrent writers race. A delay after
 * an append is the interesting one: the append is already durable while its writer still waits.
 *
 * @example
 * const slow = new DelayingEventStore(inner, { after: (call) => (call.operation === "append" ? 20 : 0) });
 */
export class DelayingEventStore extends ForwardingEventStore {
  readonly #before: Delay;
  readonly #after: Delay;
  #calls = 0;

  constructor(inner: EventStore, options: DelayOptions) {
    super(inner);
    this.#before = options.before ?? 0;
    this.#after = options.after ?? 0;
  }

  override appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    return this.#delayed({ operation: "append", index: ++this.#calls, stream }, () => super.appendToStream(stream, events, options));
  }

  override readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    return this.#delayed({ operation: "read", index: ++this.#calls, stream }, () => super.readStream(stream, options));
  }

  override listStreams(options?: ListStreamsOptions): Promise<ListStreamsResult> {
    return this.#delayed({ operation: "list", index: ++this.#calls }, () => super.listStreams(options));
  }

  async #delayed<TResult>(call: DelayedCall, operation: () => Promise<TResult>): Promise<TResult> {
    await sleep(delayOf(this.#before, call));
    const settled = await operation().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    await sleep(delayOf(this.#after, call));
    if (!settled.ok) throw settled.error;
    return settled.value;
  }
}

function delayOf(delay: Delay, call: DelayedCall): number {
  const ms = typeof delay === "number" ? delay : delay(call);
  if (!Number.isFinite(ms) || ms < 0)
    throw new TypeError(`DelayingEventStore delays must be finite numbers >= 0 ms; got ${String(ms)} for ${call.operation} #${call.index}.`);
  return ms;
}

function sleep(ms: number): Promise<void> {
  return ms === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

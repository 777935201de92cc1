import { randomUUID } from "node:crypto";
import type { AppendToStreamOptions, AppendToStreamResult, EventStore, NewEvent } from "../event-store.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";
import { ForwardingEventStore } from "../forwarding-event-store.js";

/** An append the inner store acknowledged: where its events landed, by id. */
export interface AcknowledgedAppend {
  readonly stream: string;
  /** The revision of its first event. */
  readonly firstRevision: number;
  readonly events: readonly { readonly id: string; readonly type: string }[];
}

/**
 * A store decorator that records every acknowledged append (stream, revisions, event ids and
 * types) and counts the appends the inner store refused with a conflict, so a test can check
 * afterwards that nothing acknowledged was lost and that writers really raced. It names an id
 * for every event that has none, so each acknowledged event can be found again.
 *
 * @example
 * const recorder = new RecordingEventStore(inner);
 * // ... writers use `recorder` ...
 * for (const ack of recorder.acknowledged) { ... read ack.stream at ack.firstRevision, compare ids ... }
 */
export class RecordingEventStore extends ForwardingEventStore {
  readonly #acknowledged: AcknowledgedAppend[] = [];
  readonly #onAcknowledged: ((ack: AcknowledgedAppend) => void) | undefined;
  #conflicts = 0;

  /** `onAcknowledged` hears of each acknowledged append as soon as the reply comes (e.g. to print it). */
  constructor(inner: EventStore, options: { readonly onAcknowledged?: (ack: AcknowledgedAppend) => void } = {}) {
    super(inner);
    this.#onAcknowledged = options.onAcknowledged;
  }

  /** Every append the inner store acknowledged, in the order their replies came. */
  get acknowledged(): readonly AcknowledgedAppend[] {
    return this.#acknowledged;
  }

  /** How many appends the inner store refused with {@link ExpectedRevisionConflictError}. */
  get conflicts(): number {
    return this.#conflicts;
  }

  override async appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    const named = events.map((event) => (event.id === undefined ? { ...event, id: randomUUID() } : event));
    try {
      const result = await super.appendToStream(stream, named, options);
      if (named.length > 0) {
        const ack = {
          stream,
          firstRevision: result.nextExpectedRevision - named.length + 1,
          events: named.map((event) => ({ id: event.id!, type: event.type })),
        };
        this.#acknowledged.push(ack);
        this.#onAcknowledged?.(ack);
      }
      return result;
    } catch (error) {
      if (error instanceof ExpectedRevisionConflictError) this.#conflicts++;
      throw error;
    }
  }
}

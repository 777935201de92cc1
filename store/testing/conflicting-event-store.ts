import type { AppendToStreamOptions, AppendToStreamResult, EventStore, NewEvent } from "../event-store.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";
import { isSelected, type AppendCall, type AppendSelector } from "./append-call.js";
import { ForwardingEventStore } from "../forwarding-event-store.js";

/**
 * A store decorator that refuses chosen appends with {@link ExpectedRevisionConflictError} (reporting
 * the stream's real current revision) without storing anything, as if another writer had won a
 * race that left no trace. Callers must reload and decide again; a correct one then retries.
 *
 * @example
 * // Every other append loses a race: the engine must reload and re-decide each time.
 * const contested = new ConflictingEventStore(inner, { conflictOn: (call) => call.index % 2 === 1 });
 */
export class ConflictingEventStore extends ForwardingEventStore {
  readonly #conflictOn: AppendSelector;
  #appends = 0;
  readonly #conflicts: AppendCall[] = [];

  constructor(inner: EventStore, options: { readonly conflictOn: AppendSelector }) {
    super(inner);
    this.#conflictOn = options.conflictOn;
  }

  /** The appends refused on purpose. */
  get conflicts(): readonly AppendCall[] {
    return this.#conflicts;
  }

  override async appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    const call: AppendCall = { index: ++this.#appends, stream, events, expectedRevision: options?.expectedRevision };
    if (!isSelected(this.#conflictOn, call)) return super.appendToStream(stream, events, options);
    this.#conflicts.push(call);
    const { currentRevision } = await this.inner.readStream(stream, { direction: "backwards", maxCount: 1 });
    throw new ExpectedRevisionConflictError(stream, options?.expectedRevision ?? "any", currentRevision);
  }
}

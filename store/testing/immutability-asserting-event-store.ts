import type { AppendToStreamOptions, AppendToStreamResult, EventStore, NewEvent, ReadStreamOptions, ReadStreamResult, RecordedEvent } from "../event-store.js";
import { eventSerializer } from "../event-serializer.js";
import { ForwardingEventStore } from "../forwarding-event-store.js";
import { HistoryChangedError } from "./history-changed-error.js";

/**
 * A store decorator that asserts history never changes (after LangGraph's
 * `MemorySaverAssertImmutable`): every event it sees, appended through it or read through it, is
 * remembered as bytes (id, type, data, metadata and recording time, encoded), and every later read
 * of the same revision must give the same bytes. After each append it reads the appended events
 * back and checks the store kept what was sent. `assertUnchanged()` re-reads everything seen.
 *
 * Failures throw {@link HistoryChangedError} from the call that saw the change.
 *
 * WARNING: the check after an append costs one read per append; use it in tests only. A retried
 * append (same event ids) must carry the same events as the first attempt, or it fails the check.
 *
 * @example
 * const store = new ImmutabilityAssertingEventStore(new SqliteEventStore(path));
 * // ... run threads on `store` ...
 * await store.assertUnchanged();
 */
export class ImmutabilityAssertingEventStore extends ForwardingEventStore {
  readonly #seen: Map<string, Map<number, string>>;

  constructor(inner: EventStore, seen?: Map<string, Map<number, string>>) {
    super(inner);
    this.#seen = seen ?? new Map();
  }

  /**
   * The same checks over another handle on the same data (a restarted process's), remembering
   * everything this one has seen: history must not change across restarts either.
   */
  on(handle: EventStore): ImmutabilityAssertingEventStore {
    return new ImmutabilityAssertingEventStore(handle, this.#seen);
  }

  /** How many events it remembers, over all streams. */
  get eventsSeen(): number {
    let count = 0;
    for (const revisions of this.#seen.values()) count += revisions.size;
    return count;
  }

  override async appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    const result = await super.appendToStream(stream, events, options);
    if (events.length === 0) return result;
    const first = result.nextExpectedRevision - events.length + 1;
    const { events: stored } = await this.inner.readStream(stream, { fromRevision: first, maxCount: events.length });
    for (const [index, sent] of events.entries()) {
      const kept = stored[index];
      const withId = sent.id !== undefined;
      const expected = fingerprintOf(sent, withId);
      const actual = kept === undefined ? "(missing)" : fingerprintOf(kept, withId);
      if (kept?.revision !== first + index || expected !== actual) {
        throw new HistoryChangedError(stream, first + index, expected, actual, "between the append and reading it back");
      }
    }
    this.#remember(stream, stored, "since it was appended");
    return result;
  }

  override async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const result = await super.readStream(stream, options);
    this.#remember(stream, result.events, "since it was last read");
    return result;
  }

  /** Reads every stream it has seen again, whole, and checks each remembered event is unchanged. */
  async assertUnchanged(): Promise<void> {
    for (const [stream, revisions] of this.#seen) {
      const { events } = await this.inner.readStream(stream);
      const found = new Set(events.map((event) => event.revision));
      for (const revision of revisions.keys()) {
        if (!found.has(revision)) throw new HistoryChangedError(stream, revision, revisions.get(revision)!, "(missing)", "since it was seen: it is gone");
      }
      this.#remember(stream, events, "since it was seen");
    }
  }

  #remember(stream: string, events: readonly RecordedEvent[], when: string): void {
    let revisions = this.#seen.get(stream);
    if (!revisions) this.#seen.set(stream, (revisions = new Map()));
    for (const event of events) {
      const bytes = storedBytesOf(event);
      const before = revisions.get(event.revision);
      if (before === undefined) revisions.set(event.revision, bytes);
      else if (before !== bytes) throw new HistoryChangedError(stream, event.revision, before, bytes, when);
    }
  }
}

/** What an append sent, comparable with what a read returns: type, body and metadata, plus the id when named. */
function fingerprintOf(event: NewEvent | RecordedEvent, withId: boolean): string {
  return eventSerializer.stringify({ ...(withId ? { id: event.id } : {}), type: event.type, data: event.data, metadata: event.metadata ?? {} });
}

function storedBytesOf(event: RecordedEvent): string {
  return eventSerializer.stringify({ id: event.id, type: event.type, data: event.data, metadata: event.metadata, recordedAt: event.recordedAt.getTime() });
}

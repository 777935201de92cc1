import type {
  AppendToStreamOptions,
  AppendToStreamResult,
  EventStore,
  ListStreamsOptions,
  ListStreamsResult,
  NewEvent,
  ReadStreamOptions,
  ReadStreamResult,
} from "./event-store.js";

/**
 * An {@link EventStore} that hands every call to an inner store unchanged: the base of store
 * decorators (the testing ones in store/testing/, fuzzGraph's live-state check, a benchmark's
 * read counter), which override only the calls they change.
 *
 * @example
 * class CountingEventStore extends ForwardingEventStore {
 *   appends = 0;
 *   override appendToStream(...args: Parameters<EventStore["appendToStream"]>) {
 *     this.appends++;
 *     return super.appendToStream(...args);
 *   }
 * }
 */
export class ForwardingEventStore implements EventStore {
  constructor(readonly inner: EventStore) {}

  appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    return this.inner.appendToStream(stream, events, options);
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    return this.inner.readStream(stream, options);
  }

  listStreams(options?: ListStreamsOptions): Promise<ListStreamsResult> {
    return this.inner.listStreams(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

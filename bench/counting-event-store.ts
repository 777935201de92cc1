import type {
  AppendToStreamOptions,
  AppendToStreamResult,
  EventStore,
  ListStreamsOptions,
  ListStreamsResult,
  NewEvent,
  ReadStreamOptions,
  ReadStreamResult,
} from "replaygraph";

/**
 * A replaygraph store wrapper that counts the thread events read through it (snapshot streams
 * apart), to show what a cold load reads. Everything else passes through unchanged.
 */
export class CountingEventStore implements EventStore {
  /** Events of `thread-*` streams handed out so far. */
  threadEventsRead = 0;

  constructor(readonly inner: EventStore) {}

  async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const result = await this.inner.readStream(stream, options);
    if (stream.startsWith("thread-")) this.threadEventsRead += result.events.length;
    return result;
  }

  appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    return this.inner.appendToStream(stream, events, options);
  }

  listStreams(options?: ListStreamsOptions): Promise<ListStreamsResult> {
    return this.inner.listStreams(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

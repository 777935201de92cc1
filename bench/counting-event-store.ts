import { ForwardingEventStore, type ReadStreamOptions, type ReadStreamResult } from "replaygraph";

/**
 * A replaygraph store wrapper that counts the thread events read through it (snapshot streams
 * apart), to show what a cold load reads. Everything else passes through unchanged.
 */
export class CountingEventStore extends ForwardingEventStore {
  /** Events of `thread-*` streams handed out so far. */
  threadEventsRead = 0;

  override async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const result = await super.readStream(stream, options);
    if (stream.startsWith("thread-")) this.threadEventsRead += result.events.length;
    return result;
  }
}

import type { EventStore } from "./event-store.js";

/**
 * Tells `onChange` which streams changed: their names, or `undefined` when the watcher cannot
 * say (it reconnected, or missed notifications), so the listener should look at everything.
 */
export type StreamChangeListener = (streams: readonly string[] | undefined) => void;

/** Stops a watch; resolves when its connection or timer is released. */
export type StopWatching = () => Promise<void>;

/**
 * An optional capability of an {@link EventStore}: learning, in one process, that another process
 * changed streams, from the database's own mechanism (PostgreSQL LISTEN/NOTIFY, SQLite's change
 * counter). Workers use it to find queued runs without a coordinator of their own.
 *
 * WARNING: a watch is a hint, not a log. A notification may be lost (a dropped connection, a
 * process that died between its append and its signal), may arrive twice, and may arrive before
 * the reader's next read sees the change on a replica. Whoever acts on it must also sweep now and
 * then, and must treat the stream itself (read at an expected revision) as the only truth.
 */
export interface StreamWatch {
  /**
   * Calls `onChange` soon after streams change in any process, until the returned function is
   * called. Which changes are reported depends on the store: SQLite reports every committed append
   * of other connections; PostgreSQL reports the streams named to {@link signalStreams}.
   */
  watchStreams(onChange: StreamChangeListener): Promise<StopWatching>;
  /** Tells every watcher, in every process, that these streams changed. Best effort (see the WARNING). */
  signalStreams(streams: readonly string[]): Promise<void>;
}

/** Whether `store` can tell other processes' changes to a watcher. */
export function isStreamWatch(store: EventStore): store is EventStore & StreamWatch {
  const candidate = store as Partial<StreamWatch>;
  return typeof candidate.watchStreams === "function" && typeof candidate.signalStreams === "function";
}

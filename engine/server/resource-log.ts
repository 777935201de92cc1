import type { EventStore } from "../../store/event-store.js";
import { ExpectedRevisionConflictError } from "../../store/store-errors.js";

/** One change to the server's resources (threads listed, assistants created...), as stored. */
export interface ResourceChange {
  readonly type: string;
}

/** What {@link createResourceLog} returns. */
export interface ResourceLog<TChange extends ResourceChange> {
  /** Applies every change appended since the last call (by this or another process). */
  catchUp(): Promise<void>;
  /** Appends a change after catching up, so `decide` sees the latest projection; returns what `decide` returned. */
  record<TResult>(decide: () => { change: TChange | undefined; result: TResult }): Promise<TResult>;
}

/**
 * The server's own resources (what LangGraph keeps in its `thread`/`assistant` tables, as opposed to
 * checkpoints) as one event stream of `store`, folded into an in-memory projection by `apply`.
 * Every read catches up from the last revision seen, so several servers sharing a store see each
 * other's changes; appends name the exact revision and retry on a conflict, so each change is
 * decided on the latest projection. Operations of one process are serialized.
 *
 * WARNING: the projection lives in memory; a server starting on a store reads the whole resource
 * stream once (it holds one small event per thread created, patched or deleted, not checkpoints).
 */
export function createResourceLog<TChange extends ResourceChange>(store: EventStore, stream: string, apply: (change: TChange) => void): ResourceLog<TChange> {
  let revision = -1;
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const catchUpNow = async () => {
    const { events } = await store.readStream(stream, { fromRevision: revision + 1 });
    for (const event of events) {
      apply(event.data as TChange);
      revision = event.revision;
    }
  };
  // Reads asked for while one waits its turn share it: a burst of requests costs one store read.
  let waiting: Promise<void> | undefined;
  const catchUp = (): Promise<void> => {
    waiting ??= serialized(() => {
      waiting = undefined;
      return catchUpNow();
    });
    return waiting;
  };
  return {
    catchUp,
    record: (decide) =>
      serialized(async () => {
        for (;;) {
          await catchUpNow();
          const { change, result } = decide();
          if (change === undefined) return result;
          try {
            const appended = await store.appendToStream(stream, [{ type: change.type, data: change }], {
              expectedRevision: revision === -1 ? "no_stream" : revision,
            });
            apply(change);
            revision = appended.nextExpectedRevision;
            return result;
          } catch (error) {
            if (!(error instanceof ExpectedRevisionConflictError)) throw error;
          }
        }
      }),
  };
}

import { END, eventTypeFilter, type AllStreamSubscription, type EventStoreDBClient, type Position } from "@eventstore/db-client";
import type { StopWatching, StreamChangeListener } from "../stream-watch.js";
import { translateEsdbError } from "./esdb-error-translation.js";

/**
 * The thread events that give a worker something to do: a run queued (by `runs.create`, or again
 * after its worker died) and a run ended by another writer (a cancel, a double text), which the
 * worker executing it must notice. These are the changes PostgreSQL's watch is signalled about.
 */
export const WORK_EVENT_TYPES: readonly string[] = ["RunQueued", "RunCancelled", "RunRolledBack"];

const resubscribeDelaysMs = [50, 250, 1000, 5000];

/**
 * Watches `$all` through a catch-up subscription with a server-side event-type filter (only events
 * whose type starts with one of `eventTypes` cross the wire) and reports each one's stream. The
 * first subscription starts at the end of `$all` and the promise resolves once the node confirmed
 * it, so every matching append acknowledged after that is reported.
 *
 * A dropped subscription is made again, with a growing delay, from the last position the node
 * reported (an event, or a checkpoint it sends while it skips events the filter drops), so what
 * was appended meanwhile is reported then; before any position is known it starts at the end
 * again and reports `undefined` (look at everything).
 */
export async function watchEsdbStreams(client: EventStoreDBClient, eventTypes: readonly string[], onChange: StreamChangeListener): Promise<StopWatching> {
  let stopped = false;
  let position: Position | undefined;
  let current: AllStreamSubscription | undefined;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  const open = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const subscription = client.subscribeToAll({
        fromPosition: position ?? END,
        filter: eventTypeFilter({
          prefixes: [...eventTypes],
          checkpointInterval: 1,
          checkpointReached: (_subscription, reached) => {
            position = reached;
          },
        }),
      });
      current = subscription;
      let confirmed = false;
      subscription.on("confirmation", () => {
        if (stopped) void subscription.unsubscribe().catch(() => undefined);
        confirmed = true;
        failures = 0;
        resolve();
      });
      subscription.on("data", (resolved) => {
        if (resolved.event === undefined) return;
        position = resolved.event.position;
        onChange([resolved.event.streamId]);
      });
      const dropped = (error?: unknown): void => {
        if (current !== subscription) return;
        current = undefined;
        void subscription.unsubscribe().catch(() => undefined);
        if (!confirmed) reject(translateEsdbError(error ?? new Error("the subscription ended before the node confirmed it"), { stream: "$all" }));
        else resubscribe();
      };
      subscription.on("error", dropped);
      subscription.on("end", () => dropped());
    });

  const resubscribe = (): void => {
    if (stopped) return;
    const delay = resubscribeDelaysMs[Math.min(failures++, resubscribeDelaysMs.length - 1)]!;
    const knewPosition = position !== undefined;
    retry = setTimeout(() => {
      open().then(
        () => {
          if (!knewPosition) onChange(undefined);
        },
        () => resubscribe(),
      );
    }, delay);
  };

  await open();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const held = current;
    current = undefined;
    await held?.unsubscribe().catch(() => undefined);
  };
}

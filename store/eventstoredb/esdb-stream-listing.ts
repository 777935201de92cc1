import { FORWARDS, START, type AllStreamResolvedEvent, type EventStoreDBClient, type Position, type ReadPosition } from "@eventstore/db-client";
import type { ListStreamsOptions } from "../event-store.js";
import { translateEsdbError } from "./esdb-error-translation.js";
import { readLastEvent } from "./esdb-stream-reader.js";

/** How many `$all` events one read fetches while listing streams. */
const PAGE_SIZE = 512;

/**
 * Lists streams by reading `$all` forwards and keeping each non-system stream's first event
 * (revision 0). `$all` is in commit order, so the names come in the order the streams were created.
 *
 * Why `$all`: client 6.2.1's `readAll` has no server-side filter (only subscriptions do), and the
 * `$streams` system stream exists only while the `$streams` projection runs, lags behind appends,
 * and is missing on nodes started without projections. A `$all` read is answered by every node,
 * at once, and sees an append as soon as it is acknowledged.
 *
 * A deleted stream's first event stays in `$all` until a scavenge, so a stream whose metadata
 * stream (`$$name`) has an event (a soft delete writes one) is read once more and listed only if
 * the read finds it; a deletion may come later in `$all` than the stream's first event, so the
 * scan always runs to the end.
 *
 * WARNING: this scans all of `$all` on every call: O(events in the database), and it needs the
 * right to read `$all` (`$admins` on a secure node). It suits tools, tests and a worker's periodic
 * sweep, not hot paths. A stream whose first event was scavenged (after `$tb`/`$maxCount`
 * truncation) is not listed, nor one written again after a delete.
 */
export async function listStreamsFromAll(client: EventStoreDBClient, options: ListStreamsOptions): Promise<string[]> {
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (maxCount <= 0) return [];
  const candidates: string[] = [];
  const withMetadata = new Set<string>();
  let started = options.after === undefined;
  let from: ReadPosition = START;
  let previous: Position | undefined;
  for (;;) {
    const page = await readPage(client, from);
    for (const resolved of page) {
      const event = resolved.event;
      // A page starts at the position the previous one ended on; skip that event the second time.
      if (event === undefined || samePosition(event.position, previous)) continue;
      previous = event.position;
      if (event.streamId.startsWith("$$") && event.type === "$metadata") withMetadata.add(event.streamId.slice(2));
      if (event.revision !== 0n || event.streamId.startsWith("$")) continue;
      if (!started) {
        started = event.streamId === options.after;
        continue;
      }
      if (options.prefix !== undefined && !event.streamId.startsWith(options.prefix)) continue;
      candidates.push(event.streamId);
    }
    if (page.length < PAGE_SIZE || previous === undefined) break;
    from = previous;
  }
  const streams: string[] = [];
  for (const stream of candidates) {
    if (withMetadata.has(stream) && (await readLastEvent(client, stream)) === undefined) continue;
    streams.push(stream);
    if (streams.length >= maxCount) break;
  }
  return streams;
}

async function readPage(client: EventStoreDBClient, fromPosition: ReadPosition): Promise<AllStreamResolvedEvent[]> {
  const page: AllStreamResolvedEvent[] = [];
  try {
    for await (const resolved of client.readAll({ fromPosition, direction: FORWARDS, maxCount: PAGE_SIZE, resolveLinkTos: false })) {
      page.push(resolved);
    }
    return page;
  } catch (error) {
    throw translateEsdbError(error, { stream: "$all", operation: "list" });
  }
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a.commit === b.commit && a.prepare === b.prepare;
}

import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { streamNameOf } from "../thread/ids.js";
import type { ThreadState } from "../thread/thread-state.js";
import { snapshotEventType, snapshotStreamOf } from "./snapshot-stream.js";
import { decodeThreadSnapshot, encodeThreadSnapshot, type ThreadSnapshot } from "./thread-snapshot.js";

/**
 * Writes a snapshot of `state` to its thread's snapshot stream, through the ordinary store port
 * (any adapter keeps it). Resolves to the length of the snapshot's state text, or undefined when
 * nothing was written. Never rejects: a snapshot is a cache, and failing to keep one (a store
 * error, a state over the store's event size limit) costs only speed.
 *
 * The state is encoded before anything is awaited, so the snapshot is the state as it was when
 * this was called, whatever happens to the objects afterwards.
 */
export async function writeThreadSnapshot(store: EventStore, graph: GraphSpec, state: ThreadState): Promise<number | undefined> {
  try {
    const encoded = encodeThreadSnapshot(graph, state, "");
    // The snapshot names the event it follows, so it can only ever be matched with this history.
    const { events } = await store.readStream(streamNameOf(state.threadId), { fromRevision: state.revision, maxCount: 1 });
    const last = events[0];
    if (last === undefined || last.revision !== state.revision) return undefined;
    await store.appendToStream(snapshotStreamOf(state.threadId), [{ type: snapshotEventType, data: { ...encoded, eventId: last.id } }], {
      expectedRevision: "any",
    });
    return encoded.state.length;
  } catch {
    return undefined;
  }
}

/** One event of a snapshot stream, read: its position in that stream, and the snapshot if it can be trusted. */
export interface SnapshotRead {
  /** The event's revision in the snapshot stream; read `position - 1` next for an older snapshot. */
  readonly position: number;
  readonly snapshot: ThreadSnapshot | undefined;
}

/**
 * Reads the snapshot of `threadId` at `position` of its snapshot stream (default: the newest)
 * and checks it: decoded, taken under a graph with the same fingerprint, and naming the event
 * that really is at its revision in the thread's stream; `snapshot` is undefined otherwise.
 * Resolves to undefined when there is no snapshot there, or reading fails (the caller then
 * replays the stream itself, which reports a real store failure).
 */
export async function readThreadSnapshot(store: EventStore, graph: GraphSpec, threadId: string, position?: number): Promise<SnapshotRead | undefined> {
  try {
    const read = await readUncheckedThreadSnapshot(store, graph, threadId, position);
    const decoded = read?.snapshot;
    if (read === undefined || decoded === undefined) return read;
    const at = await store.readStream(streamNameOf(threadId), { fromRevision: decoded.revision, maxCount: 1 });
    const followed = at.events[0];
    const trusted = followed !== undefined && followed.revision === decoded.revision && followed.id === decoded.eventId;
    return { position: read.position, snapshot: trusted ? decoded : undefined };
  } catch {
    return undefined;
  }
}

/**
 * {@link readThreadSnapshot} without its check against the thread's stream: the caller must see
 * that the thread's event at `snapshot.revision` has the id `snapshot.eventId` before trusting
 * it (a cold actor does, with the read of the events after it: one read fewer). Decoded and of
 * the same graph; undefined when there is none or reading fails.
 */
export async function readUncheckedThreadSnapshot(store: EventStore, graph: GraphSpec, threadId: string, position?: number): Promise<SnapshotRead | undefined> {
  try {
    if (position !== undefined && position < 0) return undefined;
    const { events } = await store.readStream(snapshotStreamOf(threadId), {
      direction: "backwards",
      maxCount: 1,
      ...(position !== undefined ? { fromRevision: position } : {}),
    });
    const event = events[0];
    if (event === undefined) return undefined;
    const decoded = event.type === snapshotEventType ? decodeThreadSnapshot(graph, threadId, event.data) : undefined;
    return { position: event.revision, snapshot: decoded };
  } catch {
    return undefined;
  }
}

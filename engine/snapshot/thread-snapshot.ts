import { hexDigest } from "../serialization/hex-digest.js";
import { eventSerializer } from "../../store/event-serializer.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { restoredLifecycle } from "../thread/lifecycle-machine.js";
import type { ThreadState } from "../thread/thread-state.js";
import { graphFingerprintOf } from "./graph-fingerprint.js";

/**
 * The snapshot format. Bump it whenever {@link ThreadState}'s shape or the meaning of the fold
 * (`evolve`) changes: snapshots of another format are ignored and their threads replayed in full.
 */
export const snapshotFormat = 3;

/** What a snapshot event carries: a thread's folded state at one revision, and how to trust it. */
export interface ThreadSnapshotData {
  readonly v: typeof snapshotFormat;
  readonly threadId: string;
  /** The revision of the last event folded into the state. */
  readonly revision: number;
  /** The id of the thread's event at `revision`: a snapshot of another history under the same stream name does not match. */
  readonly eventId: string;
  /** The fingerprint of the graph that folded the state (see graphFingerprintOf). */
  readonly graph: string;
  /** sha256 of `state`, hex: a damaged snapshot does not match. */
  readonly hash: string;
  /** The state as superjson text (Maps, Sets, Dates, BigInts and LangChain objects in channel values survive). */
  readonly state: string;
}

/** A snapshot that passed every check, decoded. */
export interface ThreadSnapshot {
  readonly revision: number;
  readonly eventId: string;
  readonly state: ThreadState;
  /** The length of the snapshot's state text (what it costs to keep and to read). */
  readonly stateCharacters: number;
}

/** Encodes `state` (the fold up to the event with id `eventId`) as a snapshot. */
export function encodeThreadSnapshot(graph: GraphSpec, state: ThreadState, eventId: string): ThreadSnapshotData {
  const text = eventSerializer.stringify(state);
  return { v: snapshotFormat, threadId: state.threadId, revision: state.revision, eventId, graph: graphFingerprintOf(graph), hash: hashOf(text), state: text };
}

/**
 * Decodes a snapshot of `threadId` taken under `graph`, or returns undefined when it cannot be
 * trusted: another format, another thread, another graph fingerprint, a hash that does not match
 * its state, or a state that does not decode. Never throws: a snapshot is only a cache.
 */
export function decodeThreadSnapshot(graph: GraphSpec, threadId: string, data: unknown): ThreadSnapshot | undefined {
  if (!isSnapshotData(data)) return undefined;
  if (data.v !== snapshotFormat || data.threadId !== threadId || data.graph !== graphFingerprintOf(graph)) return undefined;
  if (hashOf(data.state) !== data.hash) return undefined;
  try {
    const stored = eventSerializer.parse(data.state) as ThreadState;
    if (typeof stored !== "object" || stored === null || stored.threadId !== threadId || stored.revision !== data.revision) return undefined;
    return { revision: data.revision, eventId: data.eventId, state: threadStateOf(stored), stateCharacters: data.state.length };
  } catch {
    return undefined;
  }
}

/** The state with every field in the order the fold writes them, its lifecycle rebuilt. */
function threadStateOf(stored: ThreadState): ThreadState {
  return {
    threadId: stored.threadId,
    revision: stored.revision,
    lifecycle: restoredLifecycle(stored.lifecycle),
    values: stored.values,
    step: stored.step,
    next: stored.next,
    barriers: stored.barriers,
    pendingStep: stored.pendingStep,
    breakpoint: stored.breakpoint,
    checkpoint: stored.checkpoint,
    activeRun: stored.activeRun,
    answered: stored.answered,
    // Snapshots from 0.1.0 lack it, and are of threads created by 0.1.0.
    firstWriteReduced: stored.firstWriteReduced ?? true,
    effects: stored.effects,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    metadata: stored.metadata,
  };
}

function isSnapshotData(data: unknown): data is ThreadSnapshotData {
  if (typeof data !== "object" || data === null) return false;
  const record = data as Record<string, unknown>;
  return (
    typeof record["v"] === "number" &&
    typeof record["threadId"] === "string" &&
    Number.isSafeInteger(record["revision"]) &&
    (record["revision"] as number) >= 0 &&
    typeof record["eventId"] === "string" &&
    typeof record["graph"] === "string" &&
    typeof record["hash"] === "string" &&
    typeof record["state"] === "string"
  );
}

function hashOf(text: string): string {
  return hexDigest("sha256", text);
}

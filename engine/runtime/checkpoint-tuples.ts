import { upcastThreadEvent } from "../thread/upcast-thread-event.js";
import type { EventStore } from "../../store/event-store.js";
import { START } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { checkpointOrderOf, revisionOfCheckpointId, streamNameOf } from "../thread/ids.js";
import type { CheckpointConfig, StateSnapshot } from "../thread/state-snapshot.js";
import { historyOf } from "./thread-history.js";

/** A checkpoint in LangGraph's `Checkpoint` shape (what `checkpointer.get(config)` returns). */
export interface Checkpoint {
  /** LangGraph's checkpoint format version. */
  readonly v: 4;
  readonly id: string;
  /** When the checkpoint was made, as an ISO string. */
  readonly ts: string;
  /** The state's channels; the input checkpoint also has `__start__`, the input its task writes. */
  readonly channel_values: Readonly<Record<string, unknown>>;
  /** Per channel, a number that grows each time the channel is written. */
  readonly channel_versions: Readonly<Record<string, number>>;
  /** Per node that has run (or that an update was made as), the channel versions when it last ran. */
  readonly versions_seen: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** A checkpoint's metadata as the checkpointer keeps it (LangGraph's `getState` adds `thread_id`). */
export interface CheckpointTupleMetadata {
  readonly source: "input" | "loop" | "update" | "fork";
  readonly step: number;
  readonly parents: Readonly<Record<string, string>>;
}

/** A write of a task of the step that followed a checkpoint: `[taskId, channel, value]`. */
export type PendingWrite = readonly [string, string, unknown];

/** LangGraph's `CheckpointTuple`: what `checkpointer.getTuple(config)` returns and `list` yields. */
export interface CheckpointTuple {
  readonly config: CheckpointConfig;
  readonly checkpoint: Checkpoint;
  readonly metadata: CheckpointTupleMetadata;
  readonly parentConfig?: CheckpointConfig;
  /**
   * What the tasks of the step after the checkpoint recorded: each state write, `__error__`
   * (`{ message, name }`) for a failed task, `__interrupt__` (the interrupts) for a paused one.
   */
  readonly pendingWrites: readonly PendingWrite[];
}

/** Which tuples {@link checkpointTuplesOf} returns, as LangGraph's `checkpointer.list` options. */
export interface CheckpointListOptions {
  /** At most this many, the newest first. */
  readonly limit?: number | undefined;
  /** Only checkpoints older than the one this config names. */
  readonly before?: { readonly configurable?: { readonly checkpoint_id?: string } } | undefined;
  /** Only checkpoints whose metadata has these values. */
  readonly filter?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * A thread's checkpoints as LangGraph checkpointer tuples, newest first, projected from the same
 * replay `getStateHistory` shows (so ids, configs, values and metadata are the ones it shows).
 * Channel versions are derived from the history: a channel's version grows at each checkpoint
 * whose step (or update, or input) wrote it. LangGraph's internal channels (`branch:to:*`,
 * `__pregel_tasks`) are not shown: replaygraph has none.
 */
export async function checkpointTuplesOf(
  graph: GraphSpec,
  store: EventStore,
  threadId: string,
  options: CheckpointListOptions = {},
): Promise<CheckpointTuple[]> {
  const oldestFirst = (await historyOf(graph, store, threadId)).reverse();
  const updatedAs = await updateNodesOf(store, threadId, oldestFirst);
  const byId = new Map<string, Projected>();
  const tuples: CheckpointTuple[] = [];
  for (const snapshot of oldestFirst) {
    const id = snapshot.config.configurable.checkpoint_id!;
    const parentId = snapshot.parentConfig?.configurable.checkpoint_id;
    const parent = parentId === undefined ? undefined : byId.get(parentId);
    const tuple = tupleOf(snapshot, parent, updatedAs.get(id));
    byId.set(id, { tuple, snapshot });
    tuples.push(tuple);
  }
  return selected(tuples.reverse(), threadId, options);
}

/** A checkpoint already projected, with the snapshot it was projected from. */
interface Projected {
  readonly tuple: CheckpointTuple;
  readonly snapshot: StateSnapshot;
}

function tupleOf(snapshot: StateSnapshot, parentProjected: Projected | undefined, updatedAs: readonly string[] | undefined): CheckpointTuple {
  const parent = parentProjected?.tuple;
  const metadata = snapshot.metadata!;
  const values = definedOf(snapshot.values);
  const input = metadata.source === "input" ? snapshot.tasks.find((task) => task.name === START)?.result : undefined;
  const channelValues = input === undefined ? values : { ...values, [START]: input };
  const versions = { ...(parent?.checkpoint.channel_versions ?? {}) };
  const seen: Record<string, Readonly<Record<string, number>>> = { ...(parent?.checkpoint.versions_seen ?? {}) };
  const previous = parent?.checkpoint.channel_values ?? {};
  // The channels the parent's step wrote, and any whose value changed (an update, a fork).
  const finished = parentProjected?.snapshot.tasks.filter((task) => task.result !== undefined) ?? [];
  const written = new Set<string>(finished.flatMap((task) => Object.keys(task.result!)));
  // A thread's first checkpoint holds the channels' defaults: written by no one (LangGraph versions only its input).
  if (parent === undefined && input !== undefined) written.add(START);
  if (parent !== undefined) for (const [channel, value] of Object.entries(channelValues)) if (!sameValue(previous[channel], value)) written.add(channel);
  const nextVersion = Math.max(0, ...Object.values(versions)) + 1;
  for (const channel of written) if (channel in channelValues) versions[channel] = nextVersion;
  for (const task of finished) seen[task.name] = parent!.checkpoint.channel_versions;
  for (const node of updatedAs ?? []) seen[node] = parent?.checkpoint.channel_versions ?? {};
  return {
    config: snapshot.config,
    checkpoint: {
      v: 4,
      id: snapshot.config.configurable.checkpoint_id!,
      ts: snapshot.createdAt!,
      channel_values: channelValues,
      channel_versions: versions,
      versions_seen: seen,
    },
    metadata: { source: metadata.source, step: metadata.step, parents: metadata.parents },
    ...(snapshot.parentConfig !== undefined ? { parentConfig: snapshot.parentConfig } : {}),
    pendingWrites: pendingWritesOf(snapshot),
  };
}

/** What the tasks after a checkpoint recorded, as LangGraph's pending writes. */
function pendingWritesOf(snapshot: StateSnapshot): PendingWrite[] {
  const writes: PendingWrite[] = [];
  // In the order LangGraph records them: a failed attempt's error and a pause come before the writes of the run that finished the task.
  for (const task of snapshot.tasks) {
    if (task.error !== undefined) writes.push([task.id, "__error__", { message: task.error.message, name: task.error.name }]);
    if (task.interrupts.length > 0) writes.push([task.id, "__interrupt__", task.interrupts.map(({ id, value }) => ({ id, value }))]);
    if (task.result === undefined) continue;
    for (const [channel, value] of Object.entries(task.result)) {
      // A key the task wrote more than once (shown as { $writes }) is one pending write per value, as LangGraph keeps them.
      const several = typeof value === "object" && value !== null && Object.keys(value).length === 1 && Array.isArray((value as { $writes?: unknown }).$writes);
      for (const one of several ? (value as { $writes: unknown[] }).$writes : [value]) writes.push([task.id, channel, one]);
    }
  }
  return writes;
}

/** The nodes each `update` checkpoint was made as (`updateState(config, values, asNode)`, a bulkUpdateState superstep), by checkpoint id. */
async function updateNodesOf(store: EventStore, threadId: string, snapshots: readonly StateSnapshot[]): Promise<Map<string, readonly string[]>> {
  const found = new Map<string, readonly string[]>();
  for (const snapshot of snapshots) {
    if (snapshot.metadata?.source !== "update") continue;
    const id = snapshot.config.configurable.checkpoint_id!;
    const revision = revisionOfCheckpointId(threadId, id);
    if (revision === undefined) continue;
    const { events } = await store.readStream(streamNameOf(threadId), { fromRevision: revision, maxCount: 1 });
    const event = events[0]?.type === "StateUpdated" ? upcastThreadEvent(events[0]) : undefined;
    if (event?.type === "StateUpdated" && typeof event.asNode === "string")
      found.set(id, [event.asNode, ...(event.alongside ?? []).map((update) => update.asNode)]);
  }
  return found;
}

function selected(newestFirst: CheckpointTuple[], threadId: string, options: CheckpointListOptions): CheckpointTuple[] {
  const beforeId = options.before?.configurable?.checkpoint_id;
  const before = beforeId === undefined ? undefined : (checkpointOrderOf(threadId, beforeId) ?? -Infinity);
  const { filter, limit } = options;
  const kept = newestFirst.filter((tuple) => {
    if (before !== undefined && (checkpointOrderOf(threadId, tuple.checkpoint.id) ?? Infinity) >= before) return false;
    if (filter === undefined) return true;
    const metadata = { ...tuple.metadata, thread_id: threadId } as Record<string, unknown>;
    return Object.entries(filter).every(([key, value]) => JSON.stringify(metadata[key]) === JSON.stringify(value));
  });
  return limit === undefined ? kept : kept.slice(0, limit);
}

function definedOf(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

import type { CheckpointInfo } from "../thread/thread-state.js";
import type { RunConfig } from "./run-config.js";
import { checkpointNsOf } from "./subgraph-scope.js";

/**
 * Where the stateful subgraphs of a run start when the run travels back in time, as LangGraph's
 * time travel loads them, on each subgraph's first call in the run: the checkpoint a subgraph's
 * config names (`checkpoint_map`, from getState of the subgraph), else the subgraph's latest
 * checkpoint made before the root checkpoint the run went back to (`bound`). Later calls in the
 * same run go on from the subgraph's latest state.
 */
export interface SubgraphReplay {
  /** Named checkpoints by stable namespace (task ids left out: a fork runs its tasks under new ids). */
  readonly targets: ReadonlyMap<string, NamedCheckpoint>;
  /** The deepest namespace named, as named (LangGraph reports the run's pause under it). */
  readonly deepest?: readonly string[];
  /** The revision of the root checkpoint the run went back to. */
  readonly bound?: number;
  /** The namespaces already called in this run. */
  readonly visited: Set<string>;
}

/** A subgraph checkpoint a config names: its id, and the thread that holds it (a stateless subgraph's thread is its task's). */
export interface NamedCheckpoint {
  readonly checkpointId: string;
  readonly threadId: string | undefined;
}

/** Where one subgraph's first call in a travelling run starts. */
export type ReplayTarget = NamedCheckpoint | { readonly before: number };

/** The replay of a run's subgraphs, when the run travels back in time (named checkpoints, or a bound); none otherwise. */
export function subgraphReplayFor(
  named: { targets: ReadonlyMap<string, NamedCheckpoint>; deepest: readonly string[] } | undefined,
  bound: number | undefined,
): { replay?: SubgraphReplay } {
  if (named === undefined && bound === undefined) return {};
  return {
    replay: {
      targets: named?.targets ?? new Map(),
      visited: new Set(),
      ...(named ? { deepest: named.deepest } : {}),
      ...(bound !== undefined ? { bound } : {}),
    },
  };
}

/**
 * The root checkpoint a run from past checkpoint `checkpoint` goes back to, as LangGraph's
 * ReplayState: the checkpoint itself, or for one an update or a fork made, the checkpoint it
 * was made from (what the update edited is what the subgraphs go back to).
 */
export function replayBoundOf(checkpoint: CheckpointInfo | undefined): number | undefined {
  if (!checkpoint) return undefined;
  if ((checkpoint.source === "update" || checkpoint.source === "fork") && checkpoint.parentRevision !== undefined) return checkpoint.parentRevision;
  return checkpoint.revision;
}

/** A run addressed to its thread's current checkpoint travels only when an update or a fork made it (LangGraph's rule). */
export function headReplayBoundOf(checkpoint: CheckpointInfo | undefined): { bound?: number } {
  if (!checkpoint || (checkpoint.source !== "update" && checkpoint.source !== "fork") || checkpoint.parentRevision === undefined) return {};
  return { bound: checkpoint.parentRevision };
}

/** A namespace without its task ids (`a:id|b` → `a|b`), as LangGraph matches a subgraph across forks. */
export function stableNamespaceOf(namespace: readonly string[] | string): string {
  const elements = typeof namespace === "string" ? namespace.split("|") : namespace;
  return checkpointNsOf(elements.map((element) => element.split(":")[0]!));
}

/**
 * A run config that names a subgraph's checkpoint (`checkpoint_ns` and `checkpoint_id`, as
 * getState of a subgraph gives it), split as LangGraph reads it: the root's own checkpoint
 * (`checkpoint_map[""]`; none, the thread's latest) and the checkpoints its subgraphs start from.
 * Undefined for a config of the root graph itself.
 */
export function subgraphReplayOf(
  config: RunConfig | undefined,
  /** The thread that holds a namespace's checkpoints, if the graph has that subgraph. */
  threadOf: (checkpointNs: string) => string | undefined,
): { rootConfig: RunConfig; targets: ReadonlyMap<string, NamedCheckpoint>; deepest: readonly string[] } | undefined {
  const configurable = config?.configurable;
  const ns = configurable?.checkpoint_ns;
  if (!config || !configurable || !ns || configurable.checkpoint_id === undefined) return undefined;
  const map = (configurable as { checkpoint_map?: Readonly<Record<string, string>> }).checkpoint_map ?? {};
  const targets = new Map<string, NamedCheckpoint>();
  const named = { ...map, [ns]: configurable.checkpoint_id };
  let deepest = ns;
  for (const [key, id] of Object.entries(named)) {
    if (key === "" || typeof id !== "string") continue;
    targets.set(stableNamespaceOf(key), { checkpointId: id, threadId: threadOf(key) });
    if (key.length > deepest.length) deepest = key;
  }
  const { checkpoint_ns: _ns, checkpoint_id: _id, checkpoint_map: _map, ...rest } = configurable as Record<string, unknown>;
  const rootCheckpointId = map[""];
  const rootConfig = { ...config, configurable: { ...rest, ...(rootCheckpointId !== undefined ? { checkpoint_id: rootCheckpointId } : {}) } } as RunConfig;
  return { rootConfig, targets, deepest: deepest.split("|") };
}

/** Where a subgraph at `namespace` starts in this run, on its first call; undefined after (and when the run does not travel). */
export function takeReplayTarget(replay: SubgraphReplay | undefined, namespace: readonly string[]): ReplayTarget | undefined {
  if (!replay) return undefined;
  const key = stableNamespaceOf(namespace);
  if (replay.visited.has(key)) return undefined;
  replay.visited.add(key);
  const named = replay.targets.get(key);
  if (named !== undefined) return named;
  return replay.bound === undefined ? undefined : { before: replay.bound };
}

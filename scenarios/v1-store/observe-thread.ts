import { stateAt, verify, type CompiledStateGraph } from "replaygraph";

// Graphs of every state shape are observed alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyGraph = CompiledStateGraph<any>;

/** What a user sees of a thread: its state, its whole history, `stateAt`'s status and `verify`'s verdict. */
export interface ThreadObservation {
  readonly state: unknown;
  readonly history: readonly unknown[];
  readonly status: string;
  readonly verified: string;
  readonly verifiedEvents: number;
}

/** Observes `threadId` through the public API only (what the 0.1.0 fixture's expectations were recorded with). */
export async function observeThread(graph: AnyGraph, threadId: string): Promise<ThreadObservation> {
  const config = { configurable: { thread_id: threadId } };
  const history: unknown[] = [];
  for await (const snapshot of graph.getStateHistory(config)) history.push(snapshotOf(snapshot));
  const verdict = await verify(graph, threadId);
  return {
    state: snapshotOf(await graph.getState(config)),
    history,
    status: (await stateAt(graph, threadId)).status,
    verified: verdict.ok ? "ok" : JSON.stringify(verdict.divergence),
    verifiedEvents: verdict.events,
  };
}

function snapshotOf(snapshot: {
  values: unknown;
  next: readonly string[];
  config: unknown;
  parentConfig?: unknown;
  metadata?: unknown;
  createdAt?: unknown;
  tasks: readonly unknown[];
}) {
  return {
    values: snapshot.values,
    next: snapshot.next,
    config: snapshot.config,
    parentConfig: snapshot.parentConfig,
    metadata: snapshot.metadata,
    createdAt: snapshot.createdAt,
    tasks: snapshot.tasks,
  };
}

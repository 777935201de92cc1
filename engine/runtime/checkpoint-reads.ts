import { upcastThreadEvent } from "../thread/upcast-thread-event.js";
import type { EventStore } from "../../store/event-store.js";
import { NotSupportedError } from "../errors/not-supported-error.js";
import { streamNameOf } from "../thread/ids.js";
import { checkpointTuplesOf, type Checkpoint, type CheckpointListOptions, type CheckpointTuple } from "./checkpoint-tuples.js";
import { checkpointerGraphNamesOf, checkpointerGraphOf } from "./checkpointer-graphs.js";

/** The config a checkpointer read takes: the thread, and optionally one of its checkpoints. */
export interface CheckpointReadConfig {
  readonly configurable?: { readonly thread_id?: unknown; readonly checkpoint_id?: unknown; readonly checkpoint_ns?: unknown; readonly [key: string]: unknown };
}

/**
 * LangGraph's `checkpointer.getTuple(config)` on an event store: the checkpoint `checkpoint_id`
 * names, or the thread's latest; undefined when the thread (or that checkpoint) does not exist,
 * and for a subgraph's namespace (`checkpoint_ns`), whose checkpoints are its graph's to show
 * (`graph.getState(config)` with that namespace).
 */
export async function readCheckpointTuple(store: EventStore, config: CheckpointReadConfig): Promise<CheckpointTuple | undefined> {
  const threadId = config.configurable?.thread_id;
  if (threadId === undefined || threadId === null || namespaceOf(config) !== "") return undefined;
  const checkpointId = config.configurable?.checkpoint_id;
  const tuples = await tuplesOfThread(store, String(threadId), "getTuple");
  if (checkpointId === undefined || checkpointId === null || checkpointId === "") return tuples[0];
  return tuples.find((tuple) => tuple.checkpoint.id === checkpointId);
}

/** LangGraph's `checkpointer.get(config)`: the checkpoint of {@link readCheckpointTuple}. */
export async function readCheckpoint(store: EventStore, config: CheckpointReadConfig): Promise<Checkpoint | undefined> {
  return (await readCheckpointTuple(store, config))?.checkpoint;
}

/**
 * LangGraph's `checkpointer.list(config, { limit, before, filter })`: a thread's checkpoints,
 * newest first (every root thread's, when `config` names none). A subgraph's checkpoints are not
 * listed (LangGraph lists them too, under their `checkpoint_ns`).
 */
export async function* listCheckpointTuples(
  store: EventStore,
  config: CheckpointReadConfig,
  options: CheckpointListOptions = {},
): AsyncGenerator<CheckpointTuple> {
  if (namespaceOf(config) !== "") return;
  const threadId = config.configurable?.thread_id;
  const checkpointId = config.configurable?.checkpoint_id;
  if (threadId !== undefined && threadId !== null) {
    if (typeof checkpointId === "string" && checkpointId !== "") {
      const all = await tuplesOfThread(store, String(threadId), "list", { ...options, limit: undefined });
      yield* all.filter((tuple) => tuple.checkpoint.id === checkpointId).slice(0, options.limit ?? Number.POSITIVE_INFINITY);
      return;
    }
    yield* await tuplesOfThread(store, String(threadId), "list", options);
    return;
  }
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let after: string | undefined;
  for (;;) {
    const { streams } = await store.listStreams({ prefix: "thread-", maxCount: 1000, ...(after !== undefined ? { after } : {}) });
    for (const stream of streams) {
      const created = await firstEventOf(store, stream);
      if (created === undefined || created.parent !== undefined) continue;
      for (const tuple of await tuplesOfThread(store, created.threadId, "list", {
        ...options,
        limit: remaining === Number.POSITIVE_INFINITY ? undefined : remaining,
      })) {
        if (remaining <= 0) return;
        remaining--;
        yield tuple;
      }
    }
    if (streams.length < 1000) return;
    after = streams[streams.length - 1];
  }
}

async function tuplesOfThread(store: EventStore, threadId: string, call: string, options: CheckpointListOptions = {}): Promise<CheckpointTuple[]> {
  const created = await firstEventOf(store, streamNameOf(threadId));
  if (created === undefined) return [];
  const graph = checkpointerGraphOf(store, created.graph);
  if (graph === undefined) {
    const known = checkpointerGraphNamesOf(store);
    throw new NotSupportedError(
      `checkpointer.${call}() of a thread whose graph ('${created.graph}') was not compiled on this checkpointer in this process`,
      `replaygraph's checkpointer keeps events, and their graph's reducers make the state: compile the graph with compile({ checkpointer }) on this store first${known.length > 0 ? ` (compiled here: ${known.map((name) => `'${name}'`).join(", ")})` : ""}, or read the thread with graph.getState(config) / graph.getStateHistory(config).`,
    );
  }
  return checkpointTuplesOf(graph, store, threadId, options);
}

/** The thread a stream's first event creates, if the stream exists and starts with one. */
async function firstEventOf(store: EventStore, stream: string): Promise<{ threadId: string; graph: string; parent: unknown } | undefined> {
  const { events } = await store.readStream(stream, { maxCount: 1 });
  const event = events[0]?.type === "ThreadCreated" ? upcastThreadEvent(events[0]) : undefined;
  if (event?.type !== "ThreadCreated") return undefined;
  return { threadId: event.threadId, graph: event.graph, parent: event.parent };
}

function namespaceOf(config: CheckpointReadConfig): string {
  const namespace = config.configurable?.checkpoint_ns;
  return typeof namespace === "string" ? namespace : "";
}

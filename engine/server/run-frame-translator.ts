import type { StreamMode } from "../runtime/run-sink.js";
import type { RunChunk } from "../service/run-broadcaster.js";

/** A `stream_mode` a client may ask the Agent Server for. */
export type ServerStreamMode = "values" | "updates" | "custom" | "debug" | "messages" | "messages-tuple" | "events" | "tasks" | "checkpoints" | "tools";

/** An SSE event before it has an id and its JSON. */
export interface FrameEvent {
  readonly event: string;
  readonly data: unknown;
}

/** Who a run is, for the metadata LangGraph attaches to `messages` and `events` frames. */
export interface RunIdentity {
  readonly runId: string;
  readonly threadId: string;
  readonly graphId: string;
  readonly assistantId: string;
  /** The run's input as the client sent it (the root `on_chain_start`'s input). */
  readonly input: unknown;
}

const engineStreamModes: readonly string[] = ["values", "updates", "custom", "debug", "tasks", "checkpoints"];

/**
 * The engine modes a run must report for what the client asked: its own engine modes, `debug`
 * for `events` (made from task starts and results), `messages` (the engine's token chunks) for
 * `messages-tuple` and `messages`, and `values` for `messages` (its `messages/complete` frames come
 * from the state's messages).
 */
export function engineModesFor(asked: readonly ServerStreamMode[]): StreamMode[] {
  const modes = new Set(asked.filter((mode): mode is StreamMode => engineStreamModes.includes(mode)));
  if (asked.includes("events")) modes.add("debug");
  if (asked.includes("messages-tuple") || asked.includes("messages")) modes.add("messages");
  if (asked.includes("messages")) modes.add("values");
  return [...modes];
}

interface TaskPayload {
  readonly id: string;
  readonly name: string;
  readonly input?: unknown;
  readonly triggers?: readonly string[];
  readonly result?: unknown;
  readonly error?: unknown;
  readonly interrupts?: readonly unknown[];
}

type MessageLike = { id?: string; concat?: (other: unknown) => MessageLike };

/** A token chunk (`AIMessageChunk` and kin) rather than a whole message: what LangGraph's `on_chat_model_stream` carries. */
const isMessageChunk = (value: unknown): value is MessageLike =>
  value !== null &&
  typeof value === "object" &&
  typeof (value as MessageLike).concat === "function" &&
  typeof (value as { getType?: unknown }).getType === "function";

/**
 * Turns a run's engine chunks into the SSE events the Agent Server sends for the asked modes:
 * engine modes as they are; `messages-tuple` as `messages` `[message chunk, metadata]`, the
 * engine's `messages` chunks (tokens, and messages nodes return); `messages` as LangGraph's server
 * makes it: per token, `messages/metadata` `{ [id]: { metadata } }` the first time a message id
 * streams, then `messages/partial` `[the message so far]`, and `messages/complete` for each message
 * first seen in the state; `events` as LangChain `streamEvents` v2 chain events of the graph and
 * its nodes. `metadata` and `error` always pass. Call `end()` after a run that ended without error
 * for the closing events.
 *
 * A chunk from inside a subgraph (one that names its `namespace`, `["<node>:<task id>", ...]`) is
 * sent as `<mode>|<namespace...>` with `stream_subgraphs` (`subgraphs`), and dropped without.
 *
 * WARNING: `events` has no events from inside nodes (LLM, tool, subgraph runs), and the engine's
 * `messages` chunks from inside subgraphs are not namespaced (they come as root `messages`).
 */
export function createFrameTranslator(asked: readonly ServerStreamMode[], run: RunIdentity, subgraphs = false) {
  const wants = new Set<string>(asked);
  const runMetadata = { graph_id: run.graphId, assistant_id: run.assistantId, run_attempt: 1, thread_id: run.threadId, run_id: run.runId };
  const completed = new Set<string>();
  const partial = new Map<string, MessageLike>();
  const started = new Map<string, { runId: string; input: unknown; metadata: Record<string, unknown>; tags: string[] }>();
  let lastValues: unknown = run.input;
  let failed = false;

  const nodeMetadata = (step: number, task: TaskPayload) => ({
    ...runMetadata,
    langgraph_step: step,
    langgraph_node: task.name,
    langgraph_triggers: task.triggers ?? [],
    langgraph_path: ["__pregel_pull", task.name],
    langgraph_checkpoint_ns: `${task.name}:${task.id}`,
    checkpoint_ns: `${task.name}:${task.id}`,
  });
  const fromDebug = (debug: { step: number; type: string; payload: TaskPayload }): FrameEvent[] => {
    const task = debug.payload;
    if (debug.type === "task") {
      const node = { runId: crypto.randomUUID(), input: task.input, metadata: nodeMetadata(debug.step, task), tags: [`graph:step:${debug.step}`] };
      started.set(task.id, node);
      return wants.has("events")
        ? [
            {
              event: "events",
              data: {
                event: "on_chain_start",
                data: { input: task.input },
                name: task.name,
                tags: node.tags,
                run_id: node.runId,
                metadata: node.metadata,
                parent_ids: [run.runId],
              },
            },
          ]
        : [];
    }
    if (debug.type !== "task_result") return [];
    const node = started.get(task.id);
    started.delete(task.id);
    if (!node || task.error || (task.interrupts?.length ?? 0) > 0) return [];
    const frames: FrameEvent[] = [];
    if (wants.has("events")) {
      frames.push({
        event: "events",
        data: {
          event: "on_chain_end",
          data: { output: task.result, input: node.input },
          run_id: node.runId,
          name: task.name,
          tags: node.tags,
          metadata: node.metadata,
          parent_ids: [run.runId],
        },
      });
    }
    return frames;
  };

  return {
    /** The SSE events of one engine chunk. */
    translate(chunk: RunChunk): FrameEvent[] {
      const namespace = (chunk as { readonly namespace?: readonly string[] }).namespace;
      if (namespace !== undefined && namespace.length > 0) {
        if (!subgraphs || chunk.event === "metadata" || chunk.event === "error") return [];
        return wants.has(chunk.event) ? [{ event: `${chunk.event}|${namespace.join("|")}`, data: chunk.data }] : [];
      }
      switch (chunk.event) {
        case "metadata":
          return wants.has("events")
            ? [
                chunk,
                {
                  event: "events",
                  data: {
                    event: "on_chain_start",
                    data: { input: run.input },
                    name: "LangGraph",
                    tags: [],
                    run_id: run.runId,
                    metadata: runMetadata,
                    parent_ids: [],
                  },
                },
              ]
            : [chunk];
        case "error":
          failed = true;
          return [chunk];
        case "values": {
          const frames: FrameEvent[] = wants.has("values") ? [chunk] : [];
          const values = chunk.data as Record<string, unknown> | null;
          if (values && !("__interrupt__" in values)) lastValues = values;
          if (wants.has("messages")) frames.push(...completeMessageFrames(values, completed));
          return frames;
        }
        case "debug": {
          const frames = wants.has("events") ? fromDebug(chunk.data as never) : [];
          return wants.has("debug") ? [chunk, ...frames] : frames;
        }
        case "updates":
        case "custom":
        case "tasks":
        case "checkpoints":
          return wants.has(chunk.event) ? [chunk] : [];
        case "messages":
          return messageFrames(chunk.data as [unknown, Record<string, unknown>], wants, runMetadata, partial);
      }
    },
    /** The events that close a run that did not fail: the root chain's `on_chain_end`. */
    end(): FrameEvent[] {
      if (failed || !wants.has("events")) return [];
      return [
        {
          event: "events",
          data: { event: "on_chain_end", data: { output: lastValues }, run_id: run.runId, name: "LangGraph", tags: [], metadata: runMetadata, parent_ids: [] },
        },
      ];
    },
  };
}

/** What {@link createFrameTranslator} returns. */
export type FrameTranslator = ReturnType<typeof createFrameTranslator>;

/** `messages/complete` for each message of a `values` chunk not seen complete before (`completed` remembers them). */
function completeMessageFrames(values: Record<string, unknown> | null, completed: Set<string>): FrameEvent[] {
  if (!values || !Array.isArray(values["messages"])) return [];
  const fresh = (values["messages"] as { id?: string }[]).filter((message) => message?.id !== undefined && !completed.has(message.id));
  for (const message of fresh) completed.add(message.id!);
  return fresh.length > 0 ? [{ event: "messages/complete", data: fresh }] : [];
}

/** The frames of one engine `messages` chunk: `messages-tuple` as is, `messages` as `messages/metadata` once per id, then `messages/partial` (`partial` holds each message so far). */
function messageFrames(
  [message, ownMetadata]: [unknown, Record<string, unknown>],
  wants: ReadonlySet<string>,
  runMetadata: Record<string, unknown>,
  partial: Map<string, MessageLike>,
): FrameEvent[] {
  // The run's ids, as LangGraph's server puts them in every run's metadata.
  const metadata: Record<string, unknown> = { ...runMetadata, ...ownMetadata };
  const frames: FrameEvent[] = wants.has("messages-tuple") ? [{ event: "messages", data: [message, metadata] }] : [];
  if (wants.has("messages") && isMessageChunk(message) && message.id !== undefined) {
    const sofar = partial.get(message.id);
    if (sofar === undefined) {
      const { tags: _tags, name: _name, ...messageMetadata } = metadata;
      frames.push({ event: "messages/metadata", data: { [message.id]: { metadata: messageMetadata } } });
    }
    const next = sofar === undefined ? message : sofar.concat!(message);
    partial.set(message.id, next);
    frames.push({ event: "messages/partial", data: [next] });
  }
  return frames;
}

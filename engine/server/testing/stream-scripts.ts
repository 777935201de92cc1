import type { Client } from "@langchain/langgraph-sdk";

// SDK programs about streams, run unchanged against `replaygraph serve` and LangGraph's server.

/** Every stream mode the Agent Server has (`tools` aside: no graph here calls tools). */
export const allStreamModes = ["values", "updates", "messages", "messages-tuple", "custom", "debug", "events", "tasks", "checkpoints"] as const;

// LangGraph's server also copies the run's metadata (graph_id, assistant_id, run_id, ...) into
// every checkpoint's metadata; replaygraph's checkpoints keep LangGraph's own keys only.
const checkpointMetadataKeys = ["source", "step", "parents", "writes"];

type Chunk = { event: string; data: unknown; id?: string };
const pick = (value: unknown, keys: readonly string[]) =>
  Object.fromEntries(
    keys.filter((key) => value !== null && typeof value === "object" && key in value).map((key) => [key, (value as Record<string, unknown>)[key]]),
  );

/**
 * What a client can rely on in a frame of each mode, the same on both servers: the frame less
 * the fields that carry each server's own bookkeeping (run metadata, configs, timestamps).
 */
function comparable(chunk: Chunk): unknown {
  const data = chunk.data as Record<string, unknown>;
  switch (chunk.event) {
    case "messages": {
      const [message, metadata] = chunk.data as [unknown, Record<string, unknown>];
      return [message, pick(metadata, ["tags", "name", "langgraph_step", "langgraph_node", "langgraph_triggers", "langgraph_path"])];
    }
    case "events":
      return pick(data, ["event", "name", "tags", "data"]);
    case "tasks":
      return pick(data, ["id", "name", "input", "triggers", "interrupts", "result", "error"]);
    case "checkpoints":
      return { ...pick(data, ["values", "next"]), metadata: pick(data["metadata"], checkpointMetadataKeys) };
    case "debug": {
      const payload = data["payload"] as Record<string, unknown>;
      const kept =
        data["type"] === "checkpoint"
          ? { ...pick(payload, ["values", "next"]), metadata: pick(payload["metadata"], checkpointMetadataKeys) }
          : pick(payload, ["id", "name", "input", "triggers", "interrupts", "result", "error"]);
      return { type: data["type"], step: data["step"], payload: kept };
    }
    default:
      return chunk.data;
  }
}

/** A stream's frames grouped by event name, each group in arrival order (the order across modes is each server's own). */
export function framesByEvent(chunks: readonly Chunk[]): Record<string, unknown[]> {
  const groups: Record<string, unknown[]> = {};
  for (const chunk of chunks) (groups[chunk.event] ??= []).push(comparable(chunk));
  return groups;
}

/** `runs.stream` with every mode: a chat reply, an interrupt and its resume, three nodes with custom events. */
export async function everyStreamMode(client: Client): Promise<Record<string, unknown>> {
  const stream = async (threadId: string, graph: string, payload: Record<string, unknown>) => {
    const chunks: Chunk[] = [];
    for await (const chunk of client.runs.stream(threadId, graph, { ...payload, streamMode: [...allStreamModes] })) chunks.push(chunk as Chunk);
    if (chunks[0]?.event !== "metadata") throw new Error(`the first frame is ${chunks[0]?.event}, not metadata`);
    return framesByEvent(chunks);
  };
  const chatThread = await client.threads.create();
  const hitlThread = await client.threads.create();
  const agentThread = await client.threads.create();
  return {
    chat: await stream(chatThread.thread_id, "chat", { input: { messages: [{ role: "user", content: "hi" }] } }),
    chatAgain: await stream(chatThread.thread_id, "chat", { input: { messages: [{ role: "user", content: "again" }] } }),
    paused: await stream(hitlThread.thread_id, "hitl", { input: { label: "h" } }),
    resumed: await stream(hitlThread.thread_id, "hitl", { command: { resume: "yes" } }),
    agent: await stream(agentThread.thread_id, "agent", { input: { label: "a" } }),
  };
}

/**
 * A resumable stream left after its third frame and joined again with `Last-Event-ID`: what the
 * client saw in all (events and ids), and a join from the start after the end.
 */
export async function resumedStream(client: Client): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  const first: Chunk[] = [];
  for await (const chunk of client.runs.stream(thread.thread_id, "agent", {
    input: { label: "r" },
    streamMode: ["updates", "custom"],
    streamResumable: true,
    config: { configurable: { sleep_ms: 100 } },
  })) {
    first.push(chunk as Chunk);
    if (first.length === 3) break;
  }
  const runId = (first[0]!.data as { run_id: string }).run_id;
  const rest: Chunk[] = [];
  for await (const chunk of client.runs.joinStream(thread.thread_id, runId, { lastEventId: first.at(-1)!.id! })) rest.push(chunk as Chunk);
  const replay: Chunk[] = [];
  for await (const chunk of client.runs.joinStream(thread.thread_id, runId, { lastEventId: "-1" })) replay.push(chunk as Chunk);
  const seen = [...first, ...rest].map((chunk) => ({ id: chunk.id, event: chunk.event, data: chunk.data }));
  return {
    seen,
    replayed: replay.map((chunk) => ({ id: chunk.id, event: chunk.event, data: chunk.data })),
    status: (await client.runs.get(thread.thread_id, runId)).status,
  };
}

/** `on_disconnect: "cancel"`: the client reads the first `updates` frame, then goes away. */
export async function disconnectCancels(client: Client): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  const controller = new AbortController();
  let runId = "";
  try {
    for await (const chunk of client.runs.stream(thread.thread_id, "agent", {
      input: { label: "d" },
      streamMode: ["updates"],
      onDisconnect: "cancel",
      signal: controller.signal,
      config: { configurable: { sleep_ms: 300 } },
    })) {
      if (chunk.event === "metadata") runId = (chunk.data as { run_id: string }).run_id;
      if (chunk.event === "updates") controller.abort();
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  let status = "";
  for (let tries = 0; tries < 300; tries++) {
    status = (await client.runs.get(thread.thread_id, runId)).status;
    if (status !== "pending" && status !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 700));
  return { status, values: (await client.threads.getState(thread.thread_id)).values, threadStatus: (await client.threads.get(thread.thread_id)).status };
}

const messageMetadataKeys = [
  "graph_id",
  "assistant_id",
  "thread_id",
  "run_id",
  "run_attempt",
  "langgraph_step",
  "langgraph_node",
  "langgraph_triggers",
  "langgraph_path",
  "ls_provider",
  "ls_model_type",
];

/** A frame of the token and subgraph streams, less each server's bookkeeping (see {@link comparable}). */
function comparableFrame(chunk: Chunk): unknown {
  if (chunk.event.startsWith("messages/metadata")) {
    return Object.fromEntries(
      Object.entries(chunk.data as Record<string, { metadata: unknown }>).map(([id, { metadata }]) => [id, { metadata: pick(metadata, messageMetadataKeys) }]),
    );
  }
  if (chunk.event === "messages") {
    const [message, metadata] = chunk.data as [unknown, Record<string, unknown>];
    return [message, pick(metadata, ["tags", "name", ...messageMetadataKeys])];
  }
  return comparable({ ...chunk, event: chunk.event.split("|")[0]! });
}

/**
 * Streams whose frames' order matters within the stream: a chat model's tokens as `messages`
 * (metadata, partials, complete) and as `messages-tuple`, and a parent with a subgraph with
 * `stream_subgraphs` (frames named `<mode>|<namespace>`), each as the list of frames received;
 * `unasked`, the events of modes no stream asked for.
 */
export async function tokenAndSubgraphStreams(client: Client): Promise<Record<string, unknown>> {
  const stream = async (graph: string, payload: Record<string, unknown> & { streamMode: string[] }) => {
    const thread = await client.threads.create();
    const frames: { event: string; data: unknown }[] = [];
    const asked = new Set(payload.streamMode.map((mode) => (mode === "messages-tuple" ? "messages" : mode)));
    for await (const chunk of client.runs.stream(thread.thread_id, graph, payload as never)) {
      if (chunk.event === "metadata") continue;
      const base = chunk.event.split("|")[0]!.split("/")[0]!;
      // LangGraph's JS server also sends LangGraph 1.7's checkpoint envelopes ({ id, parent_id,
      // step, source }) as `checkpoints` frames with stream_subgraphs, asked for or not: counted apart.
      if (!asked.has(base)) unasked.push(`${graph}:${chunk.event.split("|")[0]}`);
      else frames.push({ event: chunk.event, data: comparableFrame(chunk as Chunk) });
    }
    return frames;
  };
  const unasked: string[] = [];
  const hello = { input: { messages: [{ role: "user", content: "hello" }] } };
  return {
    messages: await stream("tokens", { ...hello, streamMode: ["messages"] }),
    messagesTuple: await stream("tokens", { ...hello, streamMode: ["messages-tuple"] }),
    messagesWithValues: await stream("tokens", { ...hello, streamMode: ["messages", "values"] }),
    subgraphUpdates: await stream("nested", { input: { items: [] }, streamMode: ["updates"], streamSubgraphs: true }),
    subgraphValuesAndTasks: await stream("nested", { input: { items: [] }, streamMode: ["values", "tasks"], streamSubgraphs: true }),
    subgraphsNotAsked: await stream("nested", { input: { items: [] }, streamMode: ["updates"] }),
    unasked: [...new Set(unasked)],
  };
}

/**
 * What a user observes of a stream's chunks, with what differs between any two runs (LangChain
 * run ids, task ids, timestamps) replaced by its shape, so LangGraph's chunks and replaygraph's
 * compare equal when they say the same thing.
 */
export function observedChunks(chunks: readonly unknown[]): unknown[] {
  return chunks.map((chunk) => withoutIds(JSON.parse(JSON.stringify(describe(chunk)))));
}

function describe(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(describe);
  if (isMessage(value)) return { class: value.constructor.name, ...messageFields(value) };
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, describe(item)]));
  return value;
}

function isMessage(value: unknown): value is { constructor: { name: string }; content: unknown; id?: string } {
  return value !== null && typeof value === "object" && typeof (value as { _getType?: unknown })._getType === "function";
}

function messageFields(message: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = { content: message["content"], id: message["id"] };
  for (const key of ["tool_calls", "tool_call_id", "name"] as const) {
    const value = message[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) fields[key] = value;
  }
  return fields;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function withoutIds(value: unknown): unknown {
  if (typeof value === "string") return value.replace(uuid, "<uuid>");
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        // A task's id is the library's own (LangGraph: a uuid5; replaygraph: its task id).
        if ((key === "langgraph_checkpoint_ns" || key === "checkpoint_ns") && typeof item === "string") return [key, item.replace(/:[^|]+/g, ":<task>")];
        if (key === "run_id" || key === "timestamp") return [key, "<id>"];
        // An interrupt's id is a hash of the library's own task path.
        if (key === "__interrupt__" && Array.isArray(item))
          return [key, item.map((interrupt) => ({ ...(withoutIds(interrupt) as object), id: "<interrupt>" }))];
        return [key, withoutIds(item)];
      }),
    );
  }
  return value;
}

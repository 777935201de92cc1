/**
 * `replaygraph/zod`: LangGraph's `@langchain/langgraph/zod` for replaygraph. Declare a state's
 * reducers and defaults on zod fields (`registry`, `withLangGraph`, the `.langgraph` plugin),
 * then build `new StateGraph(z.object({...}))` from `replaygraph`: inputs, node writes and the
 * context are parsed by the schemas, and refused with zod's own error, as LangGraph does.
 *
 * @example
 * import { z } from "zod";
 * import { StateGraph, START } from "replaygraph";
 * import { registry } from "replaygraph/zod";
 *
 * const State = z.object({
 *   topic: z.string().min(1),
 *   notes: z.array(z.string()).register(registry, { reducer: { fn: (a, b) => a.concat(b) }, default: () => [] }),
 * });
 * const graph = new StateGraph(State).addNode("write", () => ({ notes: ["a"] })).addEdge(START, "write").compile();
 */
import "./zod-plugin.js";

export { LanggraphZodMetaRegistry, registry } from "./zod-registry.js";
export { META_EXTRAS_DESCRIPTION_PREFIX, SchemaMetaRegistry, schemaMetaRegistry, type SchemaMeta } from "./schema-meta-registry.js";
export { withLangGraph } from "./with-lang-graph.js";
export { MessagesZodMeta, MessagesZodState } from "./messages-zod-state.js";

/**
 * `replaygraph/zod/schema`: LangGraph's `@langchain/langgraph/zod/schema` for replaygraph, the JSON
 * schemas of a graph built from zod schemas. Needs `@langchain/core` (an optional peer dependency),
 * whose converter LangGraph uses.
 *
 * @example
 * import { getStateTypeSchema } from "replaygraph/zod/schema";
 * console.log(getStateTypeSchema(graph)); // { type: "object", properties: { ... }, ... }
 */
export {
  getConfigTypeSchema,
  getInputTypeSchema,
  getOutputTypeSchema,
  getStateTypeSchema,
  getUpdateTypeSchema,
  type JsonSchema,
} from "../state-type-schemas.js";

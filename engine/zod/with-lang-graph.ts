import { schemaMetaRegistry, type SchemaMeta } from "./schema-meta-registry.js";
import { defaultGetterOf, type AnyZodSchema } from "./zod-interop.js";

/**
 * Gives a zod field a reducer, a default or JSON-schema extras, as LangGraph's `withLangGraph`
 * (`@langchain/langgraph/zod`): a field with a reducer and no `default` takes the schema's own
 * default (`.default(...)`). Returns the schema.
 *
 * @example
 * const State = z.object({
 *   items: withLangGraph(z.array(z.string()), {
 *     reducer: { fn: (a, b) => a.concat(b), schema: z.union([z.string(), z.array(z.string())]) },
 *     default: () => [],
 *   }),
 * });
 */
export function withLangGraph<TSchema extends AnyZodSchema>(schema: TSchema, meta: SchemaMeta<any, any>): TSchema {
  if (meta.reducer && !meta.default) {
    const defaultGetter = defaultGetterOf(schema);
    if (defaultGetter !== undefined) meta.default = defaultGetter;
  }
  if (meta.reducer) {
    const withReducer = Object.assign(schema, { lg_reducer_schema: meta.reducer.schema ?? schema });
    schemaMetaRegistry.extend(withReducer, () => meta);
    return withReducer;
  }
  schemaMetaRegistry.extend(schema, () => meta);
  return schema;
}

import { schemaMetaRegistry, type SchemaMeta } from "./schema-meta-registry.js";
import { defaultGetterOf, type AnyZodSchema } from "./zod-interop.js";
import type { ReducedZodChannel } from "./zod-state-definition.js";

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
export function withLangGraph<TValue, TUpdate, TSchema extends AnyZodSchema>(
  schema: TSchema,
  meta: SchemaMeta<TValue, TUpdate>,
): ReducedZodChannel<TSchema, TUpdate> {
  if (meta.reducer && !meta.default) {
    const defaultGetter = defaultGetterOf(schema);
    if (defaultGetter !== undefined) meta.default = defaultGetter as () => TValue;
  }
  if (meta.reducer) {
    const withReducer = Object.assign(schema, { lg_reducer_schema: meta.reducer.schema ?? schema });
    schemaMetaRegistry.extend(withReducer, () => meta);
    // Its type says which updates the reducer takes (ReducerSchemaOf); at run time it holds the reducer's schema.
    return withReducer as unknown as ReducedZodChannel<TSchema, TUpdate>;
  }
  schemaMetaRegistry.extend(schema, () => meta);
  return schema as ReducedZodChannel<TSchema, TUpdate>;
}

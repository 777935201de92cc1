import { $ZodRegistry, type $ZodType } from "zod/v4/core";
import { schemaMetaRegistry, type SchemaMeta, type SchemaMetaRegistry } from "./schema-meta-registry.js";
import { defaultGetterOf } from "./zod-interop.js";

/**
 * LangGraph's zod 4 registry: `field.register(registry, { reducer, default })` declares how a
 * state key folds its writes. Stored in {@link schemaMetaRegistry}; a field registered without
 * a `default` takes the schema's own (`.default(...)`).
 */
export class LanggraphZodMetaRegistry extends $ZodRegistry<SchemaMeta<any, any>, $ZodType> {
  readonly parent: SchemaMetaRegistry;

  constructor(parent: SchemaMetaRegistry) {
    super();
    this.parent = parent;
    // Both registries read one map, as LangGraph's do.
    (this as unknown as { _map: unknown })._map = parent._map;
  }

  override add<TSchema extends $ZodType>(schema: TSchema, ...meta: any[]): this {
    const first = meta[0] as SchemaMeta | undefined;
    if (first && !first.default) {
      const defaultGetter = defaultGetterOf(schema);
      if (defaultGetter !== undefined) first.default = defaultGetter;
    }
    return super.add(schema, ...(meta as [any]));
  }
}

/**
 * The registry of `@langchain/langgraph/zod`, for zod 4 schemas.
 *
 * @example
 * const State = z.object({
 *   messages: z.custom<BaseMessage[]>().register(registry, MessagesZodMeta),
 *   count: z.number().register(registry, { reducer: { fn: (a, b) => a + b }, default: () => 0 }),
 * });
 * const graph = new StateGraph(State);
 */
export const registry: LanggraphZodMetaRegistry = new LanggraphZodMetaRegistry(schemaMetaRegistry);

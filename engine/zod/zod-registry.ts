import type * as core from "zod/v4/core";
import { $ZodRegistry, type $ZodType } from "zod/v4/core";
import type { ReducedZodChannel } from "./zod-state-definition.js";
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

// As LangGraph's: `field.register(registry, meta)` types the field as a reduced channel, so
// `new StateGraph(schema)` types the key's updates as its reducer's (see ZodStateDefinition).
declare module "zod/v4" {
  interface ZodType<
    out Output = unknown,
    out Input = unknown,
    out Internals extends core.$ZodTypeInternals<Output, Input> = core.$ZodTypeInternals<Output, Input>,
  > extends core.$ZodType<Output, Input, Internals> {
    register<R extends LanggraphZodMetaRegistry, TOutput = core.output<this>, TInput = core.input<this>>(
      registry: R,
      meta: SchemaMeta<TOutput, TInput>,
    ): ReducedZodChannel<this, TInput>;
  }
}

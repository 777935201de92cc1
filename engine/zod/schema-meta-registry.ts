import { Annotation, type ChannelSpec, type StateDefinition } from "../graph/annotation.js";
import { descriptionOf, extendedWith, isZodSchemaV3, partialOf, shapeOf, type AnyZodObject, type AnyZodSchema } from "./zod-interop.js";

/** Prefix of a description that carries JSON-schema extras (LangGraph's `lg:`). */
export const META_EXTRAS_DESCRIPTION_PREFIX = "lg:";

/**
 * What a zod field says about its state key, as LangGraph's `SchemaMeta`: a `reducer` (its `fn`,
 * and the `schema` of the updates it takes), a `default`, and extras for the JSON schema.
 */
export interface SchemaMeta<TValue = any, TUpdate = TValue> {
  readonly reducer?: { readonly schema?: AnyZodSchema; readonly fn: (current: TValue, update: TUpdate) => TValue };
  default?: () => TValue;
  readonly jsonSchemaExtra?: Readonly<Record<string, unknown>> & { readonly langgraph_nodes?: readonly string[]; readonly langgraph_type?: string };
}

/** Which schema of a state a caller wants: updates (reducer schemas), all-optional, JSON extras in descriptions. */
export interface SchemaEffects {
  readonly withReducerSchema?: boolean;
  readonly asPartial?: boolean;
  readonly withJsonSchemaExtrasAsDescription?: boolean;
}

/**
 * LangGraph's `SchemaMetaRegistry`: the metadata of zod fields (reducers, defaults), read when a
 * `StateGraph` is built from a zod object. {@link registry} and {@link withLangGraph} write to it.
 */
export class SchemaMetaRegistry {
  /** @internal */
  _map: Map<AnyZodSchema, SchemaMeta> = new Map();
  /** @internal */
  _extensionCache: Map<string, Map<AnyZodObject, AnyZodObject>> = new Map();

  get<TValue, TUpdate = TValue>(schema: AnyZodSchema): SchemaMeta<TValue, TUpdate> | undefined {
    return this._map.get(schema) as SchemaMeta<TValue, TUpdate> | undefined;
  }

  extend<TValue, TUpdate = TValue>(schema: AnyZodSchema, predicate: (meta: SchemaMeta<TValue, TUpdate> | undefined) => SchemaMeta<TValue, TUpdate>): void {
    this._map.set(schema, predicate(this.get<TValue, TUpdate>(schema)));
  }

  remove(schema: AnyZodSchema): this {
    this._map.delete(schema);
    return this;
  }

  has(schema: AnyZodSchema): boolean {
    return this._map.has(schema);
  }

  /**
   * The channels of a zod object state, as LangGraph builds them: a field with a reducer folds
   * its writes with it (from its `default`), any other keeps the last value (its `default` if given).
   */
  getChannelsForSchema(schema: AnyZodObject): StateDefinition {
    const channels: Record<string, ChannelSpec> = {};
    for (const [key, field] of Object.entries(shapeOf(schema))) {
      const meta = this.get(field);
      if (meta?.reducer) {
        channels[key] = Annotation({ reducer: meta.reducer.fn, ...(meta.default ? { default: meta.default } : {}) });
      } else {
        channels[key] = meta?.default ? { default: meta.default } : {};
      }
    }
    return channels;
  }

  /**
   * The state's object schema changed as `effects` ask, as LangGraph's: fields with a reducer
   * take their reducer's update schema, JSON extras go into descriptions, every field optional.
   */
  getExtendedChannelSchemas(schema: AnyZodObject, effects: SchemaEffects): AnyZodObject {
    if (Object.keys(effects).length === 0) return schema;
    const cacheKey = Object.entries(effects)
      .filter(([, on]) => on === true)
      .map(([name]) => name)
      .sort()
      .join("|");
    const cache = this._extensionCache.get(cacheKey) ?? new Map<AnyZodObject, AnyZodObject>();
    const cached = cache.get(schema);
    if (cached) return cached;
    let modified = schema;
    if (effects.withReducerSchema || effects.withJsonSchemaExtrasAsDescription) {
      const fields = Object.entries(shapeOf(schema)).map(([key, field]) => {
        const meta = this.get(field);
        let output: AnyZodSchema = effects.withReducerSchema ? (meta?.reducer?.schema ?? field) : field;
        if (effects.withJsonSchemaExtrasAsDescription && meta?.jsonSchemaExtra) {
          const description = descriptionOf(output) ?? descriptionOf(field);
          output = (output as { describe(text: string): AnyZodSchema }).describe(
            `${META_EXTRAS_DESCRIPTION_PREFIX}${JSON.stringify({ ...meta.jsonSchemaExtra, description })}`,
          );
        }
        return [key, output] as const;
      });
      modified = extendedWith(schema, Object.fromEntries(fields));
      if (isZodSchemaV3(modified)) (modified._def as { unknownKeys?: string }).unknownKeys = "strip";
    }
    if (effects.asPartial) modified = partialOf(modified);
    cache.set(schema, modified);
    this._extensionCache.set(cacheKey, cache);
    return modified;
  }
}

const registryKey = Symbol.for("replaygraph.zod.schemaMetaRegistry");

/**
 * The one registry every copy of replaygraph in the process reads (kept on `globalThis`, so a
 * schema registered through one import path is seen by a graph built through another).
 */
export const schemaMetaRegistry: SchemaMetaRegistry = ((globalThis as Record<symbol, SchemaMetaRegistry | undefined>)[registryKey] ??=
  new SchemaMetaRegistry());

import { AnnotationRoot, type ChannelSpec, type StateDefinition } from "./annotation.js";
import { InvalidGraphError } from "../errors/graph-errors.js";
import { schemaMetaRegistry } from "../zod/schema-meta-registry.js";
import { isZodObject } from "../zod/zod-interop.js";
import { StateSchema as FieldStateSchema } from "../state/langgraph-state-schema.js";
import { stateValidationOf, type StateValidation } from "../zod/zod-state-validation.js";

/** A zod object schema (`z.object({...})`: zod 3, zod 4, zod 4 mini), seen by its parsed type. */
export type ZodObjectSchema = { readonly _output: unknown } | { readonly _zod: { readonly output: unknown } };

/**
 * A state schema: an `Annotation.Root(...)`, its definition (`{ key: Annotation<T>(), ... }`), or
 * a zod object (reducers and defaults from `replaygraph/zod`'s `registry` / `withLangGraph`).
 */
export type StateSchema<TDefinition extends StateDefinition = StateDefinition> =
  AnnotationRoot<TDefinition> | TDefinition | ZodObjectSchema | FieldStateSchema<any>;

/** One channel of the old `{ channels }` form: `{ reducer, default }` (or `{ value, default }`), or `null` for last-value. */
export interface ChannelArgument {
  readonly reducer?: (current: any, update: any) => any;
  /** The old name of `reducer`. */
  readonly value?: (current: any, update: any) => any;
  readonly default?: () => any;
}

/** `new StateGraph(state, { input, output })`: the schemas an input is read with and an output shown with. */
export interface StateGraphOptions {
  readonly input?: StateSchema<any>;
  readonly output?: StateSchema<any>;
  /** The schema of the run's `context` (a zod object is checked on every run, as LangGraph does). */
  readonly context?: unknown;
}

/** The schemas of a graph: its state, and the keys its input takes and its output shows. */
export interface GraphSchemas {
  readonly state: StateDefinition;
  readonly input: StateDefinition;
  readonly output: StateDefinition;
  /** The checks of a graph with zod schemas (see {@link StateValidation}). */
  readonly validation?: StateValidation;
}

const channelSpecKeys = new Set(["reducer", "default", "value", "__types"]);

function isChannelSpec(value: unknown): value is ChannelSpec {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  // A state key named `value` (`{ value: Annotation(...) }`) holds a channel, where a channel's own `value` is a reducer function.
  return Object.entries(value).every(([key, inner]) => channelSpecKeys.has(key) && (key === "__types" || inner === undefined || typeof inner === "function"));
}

function isAnnotationRoot(value: unknown): value is AnnotationRoot<StateDefinition> {
  return value instanceof AnnotationRoot;
}

/** Whether `value` is a schema: an AnnotationRoot, or a non-empty map of channels. */
export function isStateSchema(value: unknown): value is StateSchema {
  if (isAnnotationRoot(value) || isZodObject(value) || FieldStateSchema.isInstance(value)) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value) || isChannelSpec(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every(isChannelSpec);
}

/** The channels of a schema. */
export function definitionOf(schema: StateSchema): StateDefinition {
  if (isZodObject(schema as unknown)) return schemaMetaRegistry.getChannelsForSchema(schema);
  // Any copy's StateSchema, read by its fields.
  if (FieldStateSchema.isInstance(schema)) return new FieldStateSchema(schema.fields).getChannels();
  return isAnnotationRoot(schema) ? schema.spec : (schema as StateDefinition);
}

/**
 * The schemas a `StateGraph` is built with, from every form LangGraph 1.7 accepts:
 * `(Annotation.Root)`, `(definition)`, `(state, { input, output })`, `({ state | stateSchema, input, output })`,
 * `({ input, output })` (the state is the input schema) and the old `({ channels })`.
 *
 * @throws {InvalidGraphError} for anything else.
 */
export function schemasOf(argument: unknown, options?: StateGraphOptions | ZodObjectSchema | AnnotationRoot<any>): GraphSchemas {
  // As LangGraph: a zod object or an Annotation.Root as the second argument is the context schema.
  const contextGiven = isZodObject(options) || isAnnotationRoot(options);
  const opts = contextGiven ? { context: options } : ((options ?? {}) as StateGraphOptions);
  if (isStateSchema(argument)) {
    return withIo(argument, opts.input, opts.output, opts.context);
  }
  if (typeof argument === "object" && argument !== null) {
    const init = argument as { state?: unknown; stateSchema?: unknown; input?: unknown; output?: unknown; channels?: unknown; context?: unknown };
    const state = [init.state, init.stateSchema, init.input].find(isStateSchema);
    if (state !== undefined) {
      for (const key of ["input", "output"] as const) {
        if (init[key] != null && !isStateSchema(init[key]))
          throw new InvalidGraphError(`StateGraph's ${key} schema must be an Annotation.Root(...), a zod object or a map of channels.`);
      }
      const givenInput = (init.input ?? opts.input) as StateSchema | undefined;
      const givenOutput = (init.output ?? opts.output) as StateSchema | undefined;
      return withIo(state, givenInput, givenOutput, init.context ?? opts.context);
    }
    if (typeof init.channels === "object" && init.channels !== null) {
      const definition = channelsDefinitionOf(init.channels as Record<string, ChannelArgument | null>);
      return { state: definition, input: definition, output: definition };
    }
  }
  throw new InvalidGraphError(
    `new StateGraph(...) needs a state schema: Annotation.Root({ ... }), { state, input?, output? }, { stateSchema }, { input, output } or { channels }.`,
  );
}

function withIo(state: StateSchema, input: StateSchema | undefined, output: StateSchema | undefined, context: unknown): GraphSchemas {
  const validation = stateValidationOf({ state, input, output, context });
  return { state: definitionOf(state), input: definitionOf(input ?? state), output: definitionOf(output ?? state), ...(validation ? { validation } : {}) };
}

function channelsDefinitionOf(channels: Readonly<Record<string, ChannelArgument | null>>): StateDefinition {
  const definition: Record<string, ChannelSpec> = {};
  for (const [key, channel] of Object.entries(channels)) {
    const reducer = channel?.reducer ?? channel?.value;
    definition[key] = {
      ...(reducer ? { reducer } : {}),
      ...(channel?.default ? { default: channel.default } : {}),
    };
  }
  return definition;
}

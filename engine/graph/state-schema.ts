import { AnnotationRoot, type ChannelSpec, type StateDefinition } from "./annotation.js";
import { InvalidGraphError } from "../errors/graph-errors.js";

/** A state schema: an `Annotation.Root(...)`, or its definition (`{ key: Annotation<T>(), ... }`). */
export type StateSchema<TDefinition extends StateDefinition = StateDefinition> = AnnotationRoot<TDefinition> | TDefinition;

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
}

/** The schemas of a graph: its state, and the keys its input takes and its output shows. */
export interface GraphSchemas {
  readonly state: StateDefinition;
  readonly input: StateDefinition;
  readonly output: StateDefinition;
}

const channelSpecKeys = new Set(["reducer", "default", "value", "__types"]);

function isChannelSpec(value: unknown): value is ChannelSpec {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => channelSpecKeys.has(key));
}

function isAnnotationRoot(value: unknown): value is AnnotationRoot<StateDefinition> {
  return value instanceof AnnotationRoot;
}

/** Whether `value` is a schema: an AnnotationRoot, or a non-empty map of channels. */
export function isStateSchema(value: unknown): value is StateSchema {
  if (isAnnotationRoot(value)) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value) || isChannelSpec(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every(isChannelSpec);
}

/** The channels of a schema. */
export function definitionOf(schema: StateSchema): StateDefinition {
  return isAnnotationRoot(schema) ? schema.spec : schema;
}

/**
 * The schemas a `StateGraph` is built with, from every form LangGraph 1.7 accepts:
 * `(Annotation.Root)`, `(definition)`, `(state, { input, output })`, `({ state | stateSchema, input, output })`,
 * `({ input, output })` (the state is the input schema) and the old `({ channels })`.
 *
 * @throws {InvalidGraphError} for anything else.
 */
export function schemasOf(argument: unknown, options?: StateGraphOptions): GraphSchemas {
  if (isStateSchema(argument)) return withIo(definitionOf(argument), options?.input ?? argument, options?.output ?? argument);
  if (typeof argument === "object" && argument !== null) {
    const init = argument as { state?: unknown; stateSchema?: unknown; input?: unknown; output?: unknown; channels?: unknown };
    const state = [init.state, init.stateSchema, init.input].find(isStateSchema);
    if (state !== undefined) {
      for (const key of ["input", "output"] as const) {
        if (init[key] != null && !isStateSchema(init[key])) throw new InvalidGraphError(`StateGraph's ${key} schema must be an Annotation.Root(...) or a map of channels.`);
      }
      const input = (init.input ?? options?.input ?? state) as StateSchema;
      return withIo(definitionOf(state), input, (init.output ?? options?.output ?? state) as StateSchema);
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

function withIo(state: StateDefinition, input: StateSchema, output: StateSchema): GraphSchemas {
  return { state, input: definitionOf(input), output: definitionOf(output) };
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

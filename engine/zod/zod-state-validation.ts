import { isOverwrite, overwrittenValueOf, OVERWRITE } from "../graph/overwrite.js";
import { StateSchema } from "../state/langgraph-state-schema.js";
import { schemaMetaRegistry } from "./schema-meta-registry.js";
import { isZodObject, parseWith, partialOf, shapeOf, type AnyZodObject } from "./zod-interop.js";

type Values = Readonly<Record<string, unknown>>;

/**
 * How a graph built from zod schemas checks what comes in, as LangGraph 1.7 does. Each method
 * returns the values as the schema parsed them (defaults filled in, unknown keys dropped,
 * transforms applied) or throws the schema's own error (zod 4's `$ZodError`, zod 3's
 * `ZodError`), whose `issues` name each key and what is wrong with it.
 */
export interface StateValidation {
  /** The zod schemas as LangGraph's builder keeps them (`_schemaRuntimeDefinition`, ...), for the JSON schemas of `replaygraph/zod/schema`. */
  readonly schemas: RuntimeSchemas;
  /** A run's input object, parsed by the input schema (else the state's, every key optional). */
  input(values: Values): Values;
  /** The update of a `Command` given as input: the keys it has, parsed as an input. */
  commandUpdate(update: Values): Values;
  /** A write to the state (a node's update, an input, `updateState`): each state key by the state schema, a reducer's key by its update schema. */
  update(writes: Values): Values;
  /** The run's `context` (else its `configurable`), checked by the context schema; not changed. */
  context(value: unknown): void;
}

/** The zod schemas a `StateGraph` was given, as given (any of them may be an Annotation instead). */
export interface GivenSchemas {
  readonly state: unknown;
  /** The input schema given, or undefined (then the state's, every key optional). */
  readonly input: unknown;
  /** The output schema given, or undefined (then the state's). */
  readonly output: unknown;
  readonly context: unknown;
}

/** LangGraph's marker of "the input is the state schema, every key optional". */
export const PARTIAL_STATE_SCHEMA: unique symbol = Symbol.for("langgraph.state.partial") as never;

/** The zod objects of a graph, as LangGraph's builder holds them. */
export interface RuntimeSchemas {
  readonly state: AnyZodObject | StateSchema | undefined;
  readonly input: AnyZodObject | StateSchema | typeof PARTIAL_STATE_SCHEMA;
  readonly output: AnyZodObject | StateSchema | undefined;
  readonly context: AnyZodObject | undefined;
}

/** Any copy's StateSchema as this copy's (read by its fields), or undefined. */
function fieldStateSchemaOf(value: unknown): StateSchema | undefined {
  return StateSchema.isInstance(value) ? new StateSchema(value.fields) : undefined;
}

/** The validation of a graph with zod schemas or a StateSchema; undefined when it has neither. */
export function stateValidationOf(given: GivenSchemas): StateValidation | undefined {
  const fieldState = fieldStateSchemaOf(given.state);
  if (fieldState) return fieldStateValidationOf(fieldState, given);
  return zodStateValidationOf(given);
}

/**
 * LangGraph's validation of a StateSchema state: the input by the input StateSchema (else the
 * state's), each written key by its field; the error is LangGraph's `Validation failed for field "key": [issues]`.
 */
function fieldStateValidationOf(state: StateSchema, given: GivenSchemas): StateValidation {
  const input = fieldStateSchemaOf(given.input) ?? state;
  const context = isZodObject(given.context) ? given.context : undefined;
  const stateKeys = new Set(state.getChannelKeys());
  return {
    schemas: {
      state,
      input: fieldStateSchemaOf(given.input) ?? PARTIAL_STATE_SCHEMA,
      output: fieldStateSchemaOf(given.output) ?? (isZodObject(given.output) ? given.output : state),
      context,
    },
    input: (values) => input.validateInputSync(values) as Values,
    commandUpdate: (update) => input.validateInputSync(update) as Values,
    update: (writes) => {
      const checked: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(writes)) {
        checked[key] = stateKeys.has(key) ? (state.validateInputSync({ [key]: value }) as Values)[key] : value;
      }
      return checked;
    },
    context: (value) => {
      if (context) parseWith(context, value);
    },
  };
}

function zodStateValidationOf(given: GivenSchemas): StateValidation | undefined {
  const state = isZodObject(given.state) ? given.state : undefined;
  const context = isZodObject(given.context) ? given.context : undefined;
  const inputSchema = inputSchemaOf(state, given.input);
  if (state === undefined && context === undefined && inputSchema === undefined) return undefined;
  const stateKeys = state ? new Set(Object.keys(shapeOf(state))) : new Set<string>();
  const updateSchema = state ? partialOf(schemaMetaRegistry.getExtendedChannelSchemas(state, { withReducerSchema: true })) : undefined;
  const valueSchema = state ? partialOf(state) : undefined;
  const schemas: RuntimeSchemas = {
    state,
    input: isZodObject(given.input) ? given.input : PARTIAL_STATE_SCHEMA,
    output: isZodObject(given.output) ? given.output : state,
    context,
  };
  return {
    schemas,
    input: (values) => (inputSchema ? parseWith(inputSchema, values) : values),
    commandUpdate: (update) => {
      if (!inputSchema) return update;
      const parsed = parseWith(inputSchema, update) as Values;
      return Object.fromEntries(Object.keys(update).map((key) => [key, parsed[key]]));
    },
    update: (writes) => {
      if (!updateSchema || !valueSchema || !Object.keys(writes).some((key) => stateKeys.has(key))) return writes;
      const checked: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(writes)) {
        if (!stateKeys.has(key)) checked[key] = value;
        else if (isOverwrite(value)) {
          const parsed = parseWith(valueSchema, { [key]: overwrittenValueOf(value) }) as Values;
          checked[key] = Object.prototype.hasOwnProperty.call(parsed, key) ? { [OVERWRITE]: parsed[key] } : value;
        } else {
          const parsed = parseWith(updateSchema, { [key]: value }) as Values;
          checked[key] = Object.prototype.hasOwnProperty.call(parsed, key) ? parsed[key] : value;
        }
      }
      return checked;
    },
    context: (value) => {
      if (context) parseWith(context, value);
    },
  };
}

/** LangGraph's input schema: the zod input schema with reducers' update schemas, else the zod state's, all optional. */
function inputSchemaOf(state: AnyZodObject | undefined, input: unknown): AnyZodObject | undefined {
  if (isZodObject(input)) return schemaMetaRegistry.getExtendedChannelSchemas(input, { withReducerSchema: true });
  if (state) return partialOf(schemaMetaRegistry.getExtendedChannelSchemas(state, { withReducerSchema: true }));
  return undefined;
}

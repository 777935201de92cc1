import { Annotation, type ChannelSpec, type StateDefinition } from "../graph/annotation.js";
import { isOverwrite, overwrittenValueOf, OVERWRITE } from "../graph/overwrite.js";
import { InvalidGraphError } from "../errors/graph-errors.js";
import { ReducedValue } from "./reduced-value.js";
import { getJsonSchemaFromSchema, getSchemaDefaultGetter, isStandardSchema, type StandardSchemaLike } from "./standard-schema.js";

const stateSchemaKey = Symbol.for("langgraph.state.state_schema");

/** A field of a {@link StateSchema}: a Standard Schema (last value) or a {@link ReducedValue}. */
export type StateSchemaField = StandardSchemaLike | ReducedValue<any, any>;

/**
 * LangGraph's `StateSchema`: a state declared field by field with Standard Schemas (zod 4,
 * valibot, ...), last-value unless the field is a {@link ReducedValue}; a schema's default is its
 * channel's default. Inputs and writes are validated field by field, as LangGraph does.
 *
 * `UntrackedValue` and `DeltaValue` fields are not supported yet (their names throw NotSupportedError).
 *
 * @example
 * const State = new StateSchema({ messages: MessagesValue, topic: z.string().min(3) });
 * const graph = new StateGraph(State).addNode("agent", agent).addEdge(START, "agent").compile();
 */
export class StateSchema<TFields extends Readonly<Record<string, StateSchemaField>> = Readonly<Record<string, StateSchemaField>>> {
  readonly [stateSchemaKey] = true;
  readonly fields: TFields;

  constructor(fields: TFields) {
    for (const [key, field] of Object.entries(fields)) {
      if (!ReducedValue.isInstance(field) && !isStandardSchema(field)) {
        throw new InvalidGraphError(
          `Invalid state field "${key}": must be a Standard Schema (a zod 4 schema, ...) or a ReducedValue; UntrackedValue and DeltaValue are not supported by replaygraph yet.`,
        );
      }
    }
    this.fields = fields;
  }

  /** The channels: a ReducedValue folds with its reducer, any other field keeps the last value; defaults from the schemas. */
  getChannels(): StateDefinition {
    const channels: Record<string, ChannelSpec> = {};
    for (const [key, field] of Object.entries(this.fields)) {
      if (ReducedValue.isInstance(field)) {
        const defaultGetter = getSchemaDefaultGetter(field.valueSchema);
        channels[key] = Annotation({ reducer: field.reducer, ...(defaultGetter ? { default: defaultGetter } : {}) });
      } else {
        const defaultGetter = getSchemaDefaultGetter(field);
        channels[key] = defaultGetter ? { default: defaultGetter } : {};
      }
    }
    return channels;
  }

  /** The state's JSON schema (a field without a default is required). */
  getJsonSchema(): Record<string, unknown> {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [key, field] of Object.entries(this.fields)) {
      const schema = ReducedValue.isInstance(field) ? field.valueSchema : field;
      let fieldSchema = getJsonSchemaFromSchema(schema);
      if (ReducedValue.isInstance(field) && field.jsonSchemaExtra) fieldSchema = { ...(fieldSchema ?? {}), ...field.jsonSchemaExtra };
      if (!fieldSchema) continue;
      properties[key] = fieldSchema;
      if (getSchemaDefaultGetter(schema) === undefined) required.push(key);
    }
    return { type: "object", properties, required: required.length > 0 ? required : undefined };
  }

  /** The JSON schema of an input or update (a ReducedValue's field by its input schema). */
  getInputJsonSchema(): Record<string, unknown> {
    const properties: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(this.fields)) {
      let fieldSchema = getJsonSchemaFromSchema(ReducedValue.isInstance(field) ? field.inputSchema : field);
      if (ReducedValue.isInstance(field) && field.jsonSchemaExtra) fieldSchema = { ...(fieldSchema ?? {}), ...field.jsonSchemaExtra };
      if (fieldSchema) properties[key] = fieldSchema;
    }
    return { type: "object", properties };
  }

  getChannelKeys(): string[] {
    return Object.keys(this.fields);
  }

  getAllKeys(): string[] {
    return Object.keys(this.fields);
  }

  /** `data` with each field validated by its schema (LangGraph's async form). */
  async validateInput(data: unknown): Promise<unknown> {
    return this.validateInputSync(data);
  }

  /**
   * `data` with each field validated by its schema, at once; unknown keys kept as they are.
   *
   * @throws {Error} `Validation failed for field "key": [issues]`, as LangGraph's; or when a schema validates asynchronously.
   */
  validateInputSync(data: unknown): unknown {
    if (data == null || typeof data !== "object") return data;
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      const field = this.fields[key];
      if (field === undefined) {
        result[key] = value;
        continue;
      }
      if (ReducedValue.isInstance(field) && isOverwrite(value)) {
        result[key] = { [OVERWRITE]: validated(field.valueSchema, overwrittenValueOf(value), key) };
        continue;
      }
      result[key] = validated(ReducedValue.isInstance(field) ? field.inputSchema : field, value, key);
    }
    return result;
  }

  /** Whether `value` is a StateSchema (of any copy of replaygraph or LangGraph). */
  static isInstance(value: unknown): value is StateSchema {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[stateSchemaKey] === true;
  }
}

function validated(schema: StandardSchemaLike, value: unknown, key: string): unknown {
  const result = schema["~standard"].validate(value);
  if (typeof (result as PromiseLike<unknown>).then === "function") {
    throw new InvalidGraphError(
      `State field "${key}" validates asynchronously, which replaygraph does not support: use a schema without async refinements or transforms.`,
    );
  }
  const sync = result as { value?: unknown; issues?: readonly unknown[] };
  if (sync.issues) throw new Error(`Validation failed for field "${key}": ${JSON.stringify(sync.issues)}`);
  return sync.value;
}

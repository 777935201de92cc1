/**
 * Standard Schema (`~standard`, https://standardschema.dev) helpers, as LangGraph's
 * `@langchain/langgraph` exports them: zod 4, valibot, arktype and others implement it.
 */

/** What `~standard.validate` gives: the value, or issues. */
export interface StandardResult {
  readonly value?: unknown;
  readonly issues?: readonly unknown[] | undefined;
}

/** A schema with Standard Schema's `~standard.validate`. */
export interface StandardSchemaLike {
  readonly "~standard": {
    validate(value: unknown): StandardResult | PromiseLike<StandardResult>;
    readonly jsonSchema?: { input(options: { target: string }): Record<string, unknown> };
  };
}

/** Whether `schema` implements Standard Schema (`~standard.validate`). */
export function isStandardSchema(schema: unknown): schema is StandardSchemaLike {
  if (typeof schema !== "object" || schema === null || !("~standard" in schema)) return false;
  const standard = (schema as { "~standard": unknown })["~standard"];
  return typeof standard === "object" && standard !== null && "validate" in standard;
}

/** Whether `schema` implements Standard JSON Schema (`~standard.jsonSchema`). */
export function isStandardJSONSchema(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null || !("~standard" in schema)) return false;
  const standard = (schema as { "~standard": unknown })["~standard"];
  return typeof standard === "object" && standard !== null && "jsonSchema" in standard;
}

/** Whether `schema` both validates and has a JSON schema (what a StateSchema field needs to be shown). */
export function isSerializableSchema(schema: unknown): boolean {
  return isStandardSchema(schema) && isStandardJSONSchema(schema);
}

/** The schema's JSON schema (draft-07 input side), or undefined. */
export function getJsonSchemaFromSchema(schema: unknown): Record<string, unknown> | undefined {
  if (!isStandardJSONSchema(schema)) return undefined;
  try {
    return (schema as StandardSchemaLike)["~standard"].jsonSchema!.input({ target: "draft-07" });
  } catch {
    return undefined;
  }
}

/** A getter of the schema's default (what it validates `undefined` to, synchronously), or undefined. */
export function getSchemaDefaultGetter(schema: unknown): (() => unknown) | undefined {
  if (!isStandardSchema(schema)) return undefined;
  try {
    const result = schema["~standard"].validate(undefined);
    if (typeof (result as PromiseLike<unknown>).then === "function") return undefined;
    const sync = result as { value?: unknown; issues?: readonly unknown[] };
    if (sync.issues) return undefined;
    const value = sync.value;
    return () => value;
  } catch {
    return undefined;
  }
}

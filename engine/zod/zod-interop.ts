import { $ZodOptional, globalRegistry, parse, util, type $ZodType } from "zod/v4/core";

/**
 * The few operations on zod schemas the engine needs, for zod 4 (classic or mini) and zod 3
 * schemas alike, done as LangGraph does them (`@langchain/core/utils/types`), so a schema parses
 * the same values, with the same errors, on both libraries.
 */

/** A zod schema of either major version, seen structurally (the user's zod copy may not be ours). */
export type AnyZodSchema = object;

/** A zod object schema (`z.object({...})`), zod 3 or 4. */
export type AnyZodObject = object;

/** Whether `value` is a zod 4 schema (`_zod.def`). */
export function isZodSchemaV4(value: unknown): value is $ZodType {
  if (typeof value !== "object" || value === null || !("_zod" in value)) return false;
  const internals = (value as { _zod: unknown })._zod;
  return typeof internals === "object" && internals !== null && "def" in internals;
}

/** Whether `value` is a zod 3 schema (`_def.typeName`, no `_zod`). */
export function isZodSchemaV3(value: unknown): value is { _def: { typeName: string }; parse(input: unknown): unknown } {
  if (typeof value !== "object" || value === null || !("_def" in value) || "_zod" in value) return false;
  const def = (value as { _def: unknown })._def;
  return typeof def === "object" && def !== null && "typeName" in def;
}

/** Whether `value` is a zod schema of either version. */
export function isZodSchema(value: unknown): value is AnyZodSchema {
  return isZodSchemaV4(value) || isZodSchemaV3(value);
}

/** Whether `value` is a zod object schema (`z.object({...})`), zod 3 or 4. */
export function isZodObject(value: unknown): value is AnyZodObject {
  if (isZodSchemaV3(value)) return value._def.typeName === "ZodObject";
  return isZodSchemaV4(value) && (value._zod.def as { type?: unknown }).type === "object";
}

/** The fields of a zod object schema. */
export function shapeOf(schema: AnyZodObject): Readonly<Record<string, AnyZodSchema>> {
  if (isZodSchemaV3(schema)) return (schema as unknown as { shape: Record<string, AnyZodSchema> }).shape;
  return (schema as unknown as { _zod: { def: { shape: Record<string, AnyZodSchema> } } })._zod.def.shape;
}

/** The object schema with some fields replaced or added. */
export function extendedWith(schema: AnyZodObject, fields: Readonly<Record<string, AnyZodSchema>>): AnyZodObject {
  if (isZodSchemaV3(schema)) return (schema as unknown as { extend(shape: unknown): AnyZodObject }).extend(fields);
  return util.extend(schema as never, fields as never) as AnyZodObject;
}

/** The object schema with every field optional. */
export function partialOf(schema: AnyZodObject): AnyZodObject {
  if (isZodSchemaV3(schema)) return (schema as unknown as { partial(): AnyZodObject }).partial();
  return util.partial($ZodOptional, schema as never, undefined) as AnyZodObject;
}

/**
 * `value` parsed by `schema`: the parsed value, or the schema's own error thrown (zod 4's
 * `$ZodError`, zod 3's `ZodError`: `issues` name each key and what is wrong with it), as LangGraph throws it.
 */
export function parseWith(schema: AnyZodSchema, value: unknown): any {
  if (isZodSchemaV4(schema)) return parse(schema, value);
  if (isZodSchemaV3(schema)) return schema.parse(value);
  throw new TypeError("parseWith() needs a zod 3 or zod 4 schema.");
}

/** The schema's default (what it parses `undefined` to), as a getter; undefined if it has none. */
export function defaultGetterOf(schema: AnyZodSchema): (() => unknown) | undefined {
  try {
    const value = parseWith(schema, undefined);
    return () => value;
  } catch {
    return undefined;
  }
}

/** The schema's description, if any. */
export function descriptionOf(schema: AnyZodSchema): string | undefined {
  if (isZodSchemaV3(schema)) return (schema as { description?: string }).description;
  return (globalRegistry.get(schema as $ZodType) as { description?: string } | undefined)?.description;
}

import { fc, type Arbitrary } from "./fast-check.js";
import { InvalidAnswerSchemaError } from "./invalid-answer-schema-error.js";

/** The part of JSON Schema that describes answers: types, enums and constants, objects and arrays, alternatives. */
export interface JsonSchema {
  readonly type?: "null" | "boolean" | "integer" | "number" | "string" | "array" | "object" | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/**
 * Values a JSON Schema accepts, to narrow the answers `fuzzGraph` gives to interrupts to the ones a
 * human could give (`replaygraph fuzz --answers schema.json`, or an `answers` export holding a
 * schema). Keywords outside {@link JsonSchema} are refused rather than ignored, so a schema is never
 * read more loosely than it was written.
 *
 * @throws {InvalidAnswerSchemaError} naming the keyword or type it cannot generate values for.
 */
export function arbitraryFromJsonSchema(schema: JsonSchema, at = "the schema"): Arbitrary<unknown> {
  if (typeof schema !== "object" || schema === null) throw new InvalidAnswerSchemaError(at, "it is not an object");
  const known = new Set([
    "type",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "properties",
    "required",
    "items",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "$schema",
    "title",
    "description",
    "additionalProperties",
  ]);
  const unknown = Object.keys(schema).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new InvalidAnswerSchemaError(at, `the keyword '${unknown[0]}' is not supported (supported: ${[...known].join(", ")})`);
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative, index) => arbitraryFromJsonSchema(alternative, `${at}.anyOf[${index}]`)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => arbitraryFromJsonSchema({ ...schema, type } as JsonSchema, at)));
  switch (schema.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case "number":
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case "string":
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 12 });
    case "array":
      return fc.array(schema.items ? arbitraryFromJsonSchema(schema.items, `${at}.items`) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? 4,
      });
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      return fc.record(Object.fromEntries(properties.map(([key, property]) => [key, arbitraryFromJsonSchema(property, `${at}.properties.${key}`)])), {
        requiredKeys: (schema.required ?? []).filter((key) => properties.some(([name]) => name === key)),
      });
    }
    case undefined:
      return fc.jsonValue({ maxDepth: 2 });
    default:
      throw new InvalidAnswerSchemaError(at, `the type '${String(schema.type)}' is not a JSON Schema type`);
  }
}

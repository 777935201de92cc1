import { langChainCoreEntry } from "../../store/langchain/langchain-core-entry.js";
import { LangChainCoreMissingError } from "../../store/store-errors.js";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";
import { META_EXTRAS_DESCRIPTION_PREFIX, schemaMetaRegistry, type SchemaMetaRegistry } from "./schema-meta-registry.js";
import { PARTIAL_STATE_SCHEMA } from "./zod-state-validation.js";
import { StateSchema } from "../state/langgraph-state-schema.js";
import { isZodObject, type AnyZodObject } from "./zod-interop.js";

/**
 * The JSON schemas of a graph built from zod schemas, as LangGraph's `@langchain/langgraph/zod/schema`
 * gives them (the Agent Server shows them as an assistant's schemas). Each is undefined for a
 * graph whose schema is not a zod object.
 */

/** A JSON schema. */
export type JsonSchema = Record<string, unknown>;

interface GraphWithBuilder {
  readonly builder: {
    readonly _schemaRuntimeDefinition?: unknown;
    readonly _inputRuntimeDefinition?: unknown;
    readonly _outputRuntimeDefinition?: unknown;
    readonly _configRuntimeSchema?: unknown;
  };
}

function hasBuilder(graph: unknown): graph is GraphWithBuilder {
  return (
    typeof graph === "object" &&
    graph !== null &&
    typeof (graph as { builder?: unknown }).builder === "object" &&
    (graph as { builder?: unknown }).builder !== null
  );
}

/** `@langchain/core`'s converter, which LangGraph uses (zod 4's own `toJSONSchema`, or zod-to-json-schema for zod 3). */
function toJsonSchema(schema: AnyZodObject): JsonSchema {
  let entry: Readonly<Record<string, unknown>> | undefined;
  try {
    entry = langChainCoreEntry("utils/json_schema");
  } catch (error) {
    if (error instanceof LangChainCoreMissingError) throw new MissingPeerDependencyError("The JSON schema of a zod state", "@langchain/core", { cause: error });
    throw error;
  }
  const convert = entry?.["toJsonSchema"];
  if (typeof convert !== "function")
    throw new MissingPeerDependencyError("The JSON schema of a zod state", "@langchain/core (a version with utils/json_schema)");
  return extrasFromDescriptions(convert(schema)) as JsonSchema;
}

/** JSON-schema extras carried in `lg:{...}` descriptions, put back as keys (LangGraph's way). */
function extrasFromDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(extrasFromDescriptions);
  if (typeof schema !== "object" || schema === null) return schema;
  const output: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, extrasFromDescriptions(value)]));
  if (typeof output["description"] === "string" && output["description"].startsWith(META_EXTRAS_DESCRIPTION_PREFIX)) {
    const extras = JSON.parse(output["description"].slice(META_EXTRAS_DESCRIPTION_PREFIX.length)) as Record<string, unknown>;
    delete output["description"];
    Object.assign(output, extras);
  }
  return output;
}

function zodObjectOr(value: unknown): AnyZodObject | undefined {
  return isZodObject(value) ? value : undefined;
}

/** The JSON schema of the graph's state. */
export function getStateTypeSchema(graph: unknown, registry: SchemaMetaRegistry = schemaMetaRegistry): JsonSchema | undefined {
  if (!hasBuilder(graph)) return undefined;
  const definition = graph.builder._schemaRuntimeDefinition;
  if (StateSchema.isInstance(definition)) return new StateSchema(definition.fields).getJsonSchema();
  const state = zodObjectOr(definition);
  if (!state) return undefined;
  return toJsonSchema(registry.getExtendedChannelSchemas(state, { withJsonSchemaExtrasAsDescription: true }));
}

/** The JSON schema of an update to the graph's state (every key optional, a reducer's key as its update schema). */
export function getUpdateTypeSchema(graph: unknown, registry: SchemaMetaRegistry = schemaMetaRegistry): JsonSchema | undefined {
  if (!hasBuilder(graph)) return undefined;
  const definition = graph.builder._schemaRuntimeDefinition;
  if (StateSchema.isInstance(definition)) return new StateSchema(definition.fields).getInputJsonSchema();
  const state = zodObjectOr(definition);
  if (!state) return undefined;
  return toJsonSchema(registry.getExtendedChannelSchemas(state, { withReducerSchema: true, withJsonSchemaExtrasAsDescription: true, asPartial: true }));
}

/** The JSON schema of the graph's input. */
export function getInputTypeSchema(graph: unknown, registry: SchemaMetaRegistry = schemaMetaRegistry): JsonSchema | undefined {
  if (!hasBuilder(graph)) return undefined;
  const given = graph.builder._inputRuntimeDefinition;
  const definition = given === PARTIAL_STATE_SCHEMA ? graph.builder._schemaRuntimeDefinition : given;
  if (StateSchema.isInstance(definition)) return new StateSchema(definition.fields).getInputJsonSchema();
  const input = zodObjectOr(definition);
  if (!input) return undefined;
  return toJsonSchema(registry.getExtendedChannelSchemas(input, { withReducerSchema: true, withJsonSchemaExtrasAsDescription: true, asPartial: true }));
}

/** The JSON schema of the graph's output. */
export function getOutputTypeSchema(graph: unknown, registry: SchemaMetaRegistry = schemaMetaRegistry): JsonSchema | undefined {
  if (!hasBuilder(graph)) return undefined;
  const definition = graph.builder._outputRuntimeDefinition;
  if (StateSchema.isInstance(definition)) return new StateSchema(definition.fields).getJsonSchema();
  const output = zodObjectOr(definition);
  if (!output) return undefined;
  return toJsonSchema(registry.getExtendedChannelSchemas(output, { withJsonSchemaExtrasAsDescription: true }));
}

/** The JSON schema of the graph's context (its `contextSchema`). */
export function getConfigTypeSchema(graph: unknown, registry: SchemaMetaRegistry = schemaMetaRegistry): JsonSchema | undefined {
  if (!hasBuilder(graph)) return undefined;
  const context = zodObjectOr(graph.builder._configRuntimeSchema);
  if (!context) return undefined;
  return toJsonSchema(registry.getExtendedChannelSchemas(context, { withJsonSchemaExtrasAsDescription: true }));
}

import { hexDigest } from "./hex-digest.js";
import { eventSerializer } from "../../store/event-serializer.js";

/**
 * A short hash of a value that does not depend on object key order: two payloads that are equal
 * as data hash the same. Used to compare interrupt payloads across executions of a task.
 */
export function stableHash(value: unknown): string {
  // Plain JSON is its own superjson form (no meta): the serializer skips superjson's walk.
  const { json, meta } = eventSerializer.serialize(value);
  return hexDigest("sha256", `${canonicalJson(json)}|${canonicalJson(meta ?? null)}`).slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
}

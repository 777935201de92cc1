/**
 * JSON.stringify's replacer for values JSON cannot hold: Maps become objects, Sets arrays,
 * BigInts strings, undefined stays out, Errors show name and message. Dates are ISO strings already.
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** A value as one line of JSON, cut to `width` characters with an ellipsis. */
export function compactJson(value: unknown, width = 80): string {
  const text = JSON.stringify(value, jsonReplacer) ?? "undefined";
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

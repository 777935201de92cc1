/**
 * A string that changes when a value's content changes: compared before and after a node runs to
 * see whether it changed its input state in place. Not a hash; not stable across key orders
 * (a node that re-inserts keys in another order did change its input).
 */
export function fingerprint(value: unknown): string {
  try {
    return JSON.stringify(value, revealCollections) ?? "undefined";
  } catch {
    // A cycle or an exotic value: such a state cannot be stored anyway; do not warn on it.
    return "unfingerprintable";
  }
}

function revealCollections(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { "$map": [...value] };
  if (value instanceof Set) return { "$set": [...value] };
  if (typeof value === "bigint") return `${value}n`;
  return value;
}

import { fullSnapshot, sameSnapshot, sampledSnapshot } from "./structural-snapshot.js";

/**
 * A string that changes when a value's content changes: compared before and after a node runs to
 * see whether it changed its input state in place. Not a hash; not stable across key orders
 * (a node that re-inserts keys in another order did change its input).
 */
export function fingerprint(value: unknown): string {
  try {
    // A replacer makes JSON.stringify call back into JavaScript for every value, several times
    // slower than its native path; it is only needed to reveal Maps, Sets and BigInts. Without
    // them both give the same text.
    if (!needsReplacer(value, 0)) return JSON.stringify(value) ?? "undefined";
    return JSON.stringify(value, revealCollections) ?? "undefined";
  } catch {
    // A cycle or an exotic value: such a state cannot be stored anyway; do not warn on it.
    return "unfingerprintable";
  }
}

function revealCollections(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  if (typeof value === "bigint") return `${value}n`;
  return value;
}

const maxPlainDepth = 64;

/**
 * Whether `value` holds something only the replacer renders: a Map, a Set, a BigInt, or an object
 * with its own `toJSON` (whose result the replacer would see). Deep values (or cycles) take the
 * replacer's path too, which gives the same text or throws on the cycle.
 */
function needsReplacer(value: unknown, depth: number): boolean {
  if (typeof value === "bigint") return true;
  if (typeof value !== "object" || value === null) return false;
  if (depth > maxPlainDepth || value instanceof Map || value instanceof Set) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (needsReplacer(value[i], depth + 1)) return true;
    return false;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return !(value instanceof Date);
  for (const key in value) if (needsReplacer((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/**
 * How many values (containers and leaves) of a state the in-place change check looks at. States
 * up to this size are compared whole; larger ones by a bounded sample (see
 * {@link watchForInPlaceChanges}), so the check costs the same on every step however long the
 * history behind a growing state is.
 */
export const inPlaceCheckBudget = 512;

/** Of a large state, the most children of one container sampled, so one long list does not use up the budget. */
const sampledPerContainer = 32;

/**
 * Takes a fingerprint of `value` now (a node's input state) and returns a function that says
 * whether `value` was changed in place since. A state of up to {@link inPlaceCheckBudget} values
 * is compared whole: plain data as {@link fingerprint} sees it, other data (LangChain messages,
 * Maps, Sets) as a {@link fullSnapshot} of its fields. A larger one is compared by its shape and a
 * bounded sample, breadth first: each container's kind and size, and up to 32 of its children
 * (the first keys of an object, the first entries of a Map or Set, the first and last items of an
 * array), down to the budget.
 *
 * WARNING: on a state larger than the budget, an in-place change deep inside it (an element in the
 * middle of a long list, a nested field past the sampled levels) can go unseen; a `push`, a `pop`,
 * a new or removed key, or a change near the top or at the ends of a list is seen. The check
 * exists to catch the usual mistake (`state.items.push(item)`), not to prove a node pure.
 */
export function watchForInPlaceChanges(value: unknown): () => boolean {
  if (fitsBudget(value)) {
    // Plain data: one native JSON.stringify, faster than any walk in JavaScript.
    if (!needsReplacer(value, 0)) {
      const before = fingerprint(value);
      return () => fingerprint(value) !== before;
    }
    const before = fullSnapshot(value, inPlaceCheckBudget);
    if (before !== undefined) {
      return () => {
        const after = fullSnapshot(value, inPlaceCheckBudget);
        return after === undefined || !sameSnapshot(before, after);
      };
    }
  }
  const before = sampledSnapshot(value, inPlaceCheckBudget, sampledPerContainer);
  return () => !sameSnapshot(before, sampledSnapshot(value, inPlaceCheckBudget, sampledPerContainer));
}

/** Whether `value` has at most {@link inPlaceCheckBudget} values; stops counting past it. */
function fitsBudget(value: unknown): boolean {
  let left = inPlaceCheckBudget;
  const visit = (item: unknown, depth: number): boolean => {
    if (--left < 0 || depth > maxPlainDepth) return false;
    if (typeof item !== "object" || item === null) return true;
    if (Array.isArray(item)) {
      if (item.length > left) return false;
      for (let i = 0; i < item.length; i++) if (!visit(item[i], depth + 1)) return false;
      return true;
    }
    if (item instanceof Map || item instanceof Set) {
      if (item.size > left) return false;
      for (const entry of item) if (!visit(entry, depth + 1)) return false;
      return true;
    }
    for (const key in item) if (!visit((item as Record<string, unknown>)[key], depth + 1)) return false;
    return true;
  };
  return visit(value, 0);
}

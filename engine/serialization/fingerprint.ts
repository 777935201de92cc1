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
  if (value instanceof Map) return { "$map": [...value] };
  if (value instanceof Set) return { "$set": [...value] };
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
 * is compared whole, as {@link fingerprint} sees it. A larger one is compared by its shape and a
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
    const before = fingerprint(value);
    return () => fingerprint(value) !== before;
  }
  const before = sampledFingerprint(value);
  return () => sampledFingerprint(value) !== before;
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

/**
 * The shape of `value` and a sample of its leaves, breadth first, within the budget: each
 * container as its kind and size, then its first keys (objects), first entries (Maps, Sets) or
 * first and last items (arrays); leaves as their JSON.
 */
function sampledFingerprint(value: unknown): string {
  const parts: string[] = [];
  const queue: unknown[] = [value];
  let left = inPlaceCheckBudget;
  for (let next = 0; next < queue.length && left > 0; next++, left--) {
    const item = queue[next];
    if (typeof item !== "object" || item === null) {
      parts.push(leafText(item));
      continue;
    }
    if (Array.isArray(item)) {
      parts.push(`[${item.length}`);
      for (let low = 0, high = item.length - 1, taken = 0; low <= high && taken < sampledPerContainer && queue.length < inPlaceCheckBudget; low++, high--, taken += 2) {
        queue.push(item[low]);
        if (high !== low) queue.push(item[high]);
      }
      continue;
    }
    if (item instanceof Map || item instanceof Set) {
      // Insertion order: the first entries, and the size for what was added or removed.
      parts.push(`${item instanceof Map ? "map" : "set"}${item.size}`);
      let taken = 0;
      for (const entry of item) {
        if (taken++ >= sampledPerContainer || queue.length >= inPlaceCheckBudget) break;
        queue.push(entry);
      }
      continue;
    }
    if (item instanceof Date) {
      parts.push(`date${item.getTime()}`);
      continue;
    }
    const keys = Object.keys(item);
    parts.push(`{${keys.length}`);
    for (let k = 0; k < keys.length && k < sampledPerContainer && queue.length < inPlaceCheckBudget; k++) {
      const key = keys[k]!;
      parts.push(key);
      queue.push((item as Record<string, unknown>)[key]);
    }
  }
  return parts.join("\u0000");
}

function leafText(leaf: unknown): string {
  if (typeof leaf === "bigint") return `${leaf}n`;
  if (typeof leaf === "string") return JSON.stringify(leaf);
  return String(leaf);
}

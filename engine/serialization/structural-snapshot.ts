/**
 * What a walk of a value saw, as a flat list of tokens compared one by one with `Object.is`:
 * leaves as themselves (a string is compared by value, as the JSON text of it would be), each
 * container as a kind marker and its size, then an object's keys and each one's value. Building
 * it allocates one array and no strings, so taking and comparing one is several times cheaper
 * than the JSON text of the same value, most of all for objects with their own `toJSON` (a
 * LangChain message's builds its whole constructor form on every call).
 */
export type StructuralSnapshot = readonly unknown[];

const arrayMark = Symbol("array");
const objectMark = Symbol("object");
const mapMark = Symbol("map");
const setMark = Symbol("set");
const dateMark = Symbol("date");
const jsonMark = Symbol("json");

const maxDepth = 64;

/**
 * The whole of `value`, depth first, or undefined when it has more than `budget` values (or is
 * nested deeper than 64: a cycle, most likely). An object with a `toJSON` of its own that is not a
 * Date nor a LangChain object is one leaf, its JSON text, as the JSON fingerprint saw it; a
 * LangChain object is walked as its own fields (its `toJSON` reads them, and `lc_kwargs` is one of
 * them), so every change its JSON would show is seen.
 */
export function fullSnapshot(value: unknown, budget: number): StructuralSnapshot | undefined {
  const tokens: unknown[] = [];
  let left = budget;
  const visit = (item: unknown, depth: number): boolean => {
    if (--left < 0 || depth > maxDepth) return false;
    if (typeof item !== "object" || item === null) {
      tokens.push(item);
      return true;
    }
    if (Array.isArray(item)) {
      if (item.length > left) return false;
      tokens.push(arrayMark, item.length);
      for (let i = 0; i < item.length; i++) if (!visit(item[i], depth + 1)) return false;
      return true;
    }
    if (item instanceof Map || item instanceof Set) {
      if (item.size > left) return false;
      tokens.push(item instanceof Map ? mapMark : setMark, item.size);
      for (const entry of item) if (!visit(entry, depth + 1)) return false;
      return true;
    }
    if (item instanceof Date) {
      tokens.push(dateMark, item.getTime());
      return true;
    }
    if (hasOwnJson(item)) {
      tokens.push(jsonMark, jsonTextOf(item));
      return true;
    }
    const keys = Object.keys(item);
    tokens.push(objectMark, keys.length);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      tokens.push(key);
      if (!visit((item as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
  };
  return visit(value, 0) ? tokens : undefined;
}

/**
 * The shape of `value` and a sample of its values, breadth first, within `budget`: each container
 * as its kind and size, then its first keys (objects, up to `perContainer`), first entries (Maps,
 * Sets) or first and last items (arrays); leaves as themselves.
 */
export function sampledSnapshot(value: unknown, budget: number, perContainer: number): StructuralSnapshot {
  const tokens: unknown[] = [];
  const queue: unknown[] = [value];
  let left = budget;
  for (let next = 0; next < queue.length && left > 0; next++, left--) {
    const item = queue[next];
    if (typeof item !== "object" || item === null) {
      tokens.push(item);
      continue;
    }
    if (Array.isArray(item)) {
      tokens.push(arrayMark, item.length);
      for (let low = 0, high = item.length - 1, taken = 0; low <= high && taken < perContainer && queue.length < budget; low++, high--, taken += 2) {
        queue.push(item[low]);
        if (high !== low) queue.push(item[high]);
      }
      continue;
    }
    if (item instanceof Map || item instanceof Set) {
      // Insertion order: the first entries, and the size for what was added or removed.
      tokens.push(item instanceof Map ? mapMark : setMark, item.size);
      let taken = 0;
      for (const entry of item) {
        if (taken++ >= perContainer || queue.length >= budget) break;
        queue.push(entry);
      }
      continue;
    }
    if (item instanceof Date) {
      tokens.push(dateMark, item.getTime());
      continue;
    }
    const keys = Object.keys(item);
    tokens.push(objectMark, keys.length);
    for (let k = 0; k < keys.length && k < perContainer && queue.length < budget; k++) {
      const key = keys[k]!;
      tokens.push(key);
      queue.push((item as Record<string, unknown>)[key]);
    }
  }
  return tokens;
}

/** Whether two snapshots saw the same thing. */
export function sameSnapshot(a: StructuralSnapshot, b: StructuralSnapshot): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** A `toJSON` that is neither a Date's nor a LangChain object's (whose fields the walk reads). */
function hasOwnJson(item: object): boolean {
  if (typeof (item as { toJSON?: unknown }).toJSON !== "function") return false;
  return !("lc_serializable" in item && "lc_kwargs" in item);
}

function jsonTextOf(item: object): string {
  try {
    return JSON.stringify(item) ?? "undefined";
  } catch {
    return "unfingerprintable";
  }
}

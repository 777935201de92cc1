import { isStorableLangChainObject, langChainFormOf } from "./langchain-object.js";

const maxDepth = 64;

/** Thrown inside the walk when a value needs superjson's general path. */
const giveUp = Symbol("give up");

/**
 * The text superjson (with the `lc` custom type of {@link eventSerializer}) writes for `value`,
 * byte for byte, for the values events hold most when they are not plain JSON: plain objects and
 * arrays with LangChain objects and `undefined` in them. superjson's generic walk copies its path
 * at every value; this one writes the same `{ json, meta: { values, v: 1 } }` in one walk.
 * Undefined (the caller falls back to superjson) for anything else: a Date, a Map, a class
 * instance that is not a storable LangChain object, a number JSON cannot hold, a sparse array, a
 * key superjson refuses, an object met twice (superjson records referential equalities), a
 * LangChain object at the top.
 */
export function encodeWithLangChain(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const seen = new Set<object>();
  // The annotations of the value walk() last returned, built as superjson builds them: a leaf's
  // as an array, a container's as an object of its children's, keyed by their escaped paths.
  // (An object's integer-like keys come first, so the order depends on this nesting.)
  let annotations: unknown[] | Record<string, unknown> | undefined;
  const inner = (into: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined => {
    const child = annotations;
    if (child === undefined) return into;
    const target = into ?? {};
    if (Array.isArray(child)) target[key] = child;
    else for (const path of Object.keys(child)) target[`${key}.${path}`] = child[path];
    return target;
  };
  const walk = (item: unknown, depth: number): unknown => {
    annotations = undefined;
    switch (typeof item) {
      case "string":
      case "boolean":
        return item;
      case "number":
        if (!Number.isFinite(item) || Object.is(item, -0)) throw giveUp;
        return item;
      case "undefined":
        if (depth === 0) throw giveUp;
        annotations = ["undefined"];
        return null;
      case "object": {
        if (item === null) return null;
        if (depth > maxDepth || seen.has(item)) throw giveUp;
        seen.add(item);
        let own: Record<string, unknown> | undefined;
        if (Array.isArray(item)) {
          const copy = new Array<unknown>(item.length);
          for (let i = 0; i < item.length; i++) {
            if (!(i in item)) throw giveUp;
            copy[i] = walk(item[i], depth + 1);
            own = inner(own, String(i));
          }
          annotations = own;
          return copy;
        }
        const prototype = Object.getPrototypeOf(item);
        if (prototype !== Object.prototype) {
          if (depth === 0 || prototype === null || !isStorableLangChainObject(item)) throw giveUp;
          annotations = [["custom", "lc"]];
          // JSON.stringify below writes it as toLangChainJson's text would be.
          return langChainFormOf(item);
        }
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(item)) {
          if (key === "__proto__" || key === "constructor" || key === "prototype") throw giveUp;
          copy[key] = walk((item as Record<string, unknown>)[key], depth + 1);
          own = inner(own, escapeKey(key));
        }
        annotations = own;
        return copy;
      }
      default:
        throw giveUp;
    }
  };
  try {
    const json = walk(value, 0);
    if (annotations === undefined) return undefined;
    return JSON.stringify({ json, meta: { values: annotations, v: 1 } });
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}

/** superjson's escaping of a key in a path (its `pathstringifier`, not exported). */
function escapeKey(key: string): string {
  return key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
}

import { isStorableLangChainObject, toLangChainJson } from "../../store/langchain/langchain-object.js";
import { reviveLangChainJson } from "../../store/langchain/revive-langchain-json.js";

const maxDepth = 64;
const giveUp = Symbol("give up");

/**
 * A deep copy of `value` equal to what the store's encoding round trip reads back
 * (`eventSerializer.parse(eventSerializer.stringify(value))`), made in one walk without the text,
 * for plain objects and arrays with LangChain objects and `undefined` in them: each LangChain
 * object is rebuilt from its constructor form, as a read from the store rebuilds it. Undefined
 * for anything else (a Date, a Map, another class instance, a number JSON cannot hold, a sparse
 * array, a key superjson refuses, an object met twice, whose copies superjson would make one
 * object): the caller then takes the round trip itself.
 */
export function copyStorable<T>(value: T): T | undefined {
  const seen = new Set<object>();
  const walk = (item: unknown, depth: number): unknown => {
    switch (typeof item) {
      case "string":
      case "boolean":
      case "undefined":
        return item;
      case "number":
        if (!Number.isFinite(item) || Object.is(item, -0)) throw giveUp;
        return item;
      case "object": {
        if (item === null) return null;
        if (depth > maxDepth || seen.has(item)) throw giveUp;
        seen.add(item);
        if (Array.isArray(item)) {
          const copy = new Array<unknown>(item.length);
          for (let i = 0; i < item.length; i++) {
            if (!(i in item)) throw giveUp;
            copy[i] = walk(item[i], depth + 1);
          }
          return copy;
        }
        const prototype = Object.getPrototypeOf(item);
        if (prototype !== Object.prototype) {
          if (prototype === null || !isStorableLangChainObject(item)) throw giveUp;
          return reviveLangChainJson(toLangChainJson(item));
        }
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(item)) {
          if (key === "__proto__" || key === "constructor" || key === "prototype") throw giveUp;
          copy[key] = walk((item as Record<string, unknown>)[key], depth + 1);
        }
        return copy;
      }
      default:
        throw giveUp;
    }
  };
  try {
    return walk(value, 0) as T;
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}

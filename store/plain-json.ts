const maxDepth = 64;

/**
 * True when JSON.stringify/parse round-trips `value` exactly: no undefined, NaN, -0, Dates, Maps,
 * class instances, nor nesting deeper than 64.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (depth > maxDepth) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * A deep copy of `value` equal to `JSON.parse(JSON.stringify(value))`, made in one walk, or
 * undefined when `value` is not plain JSON (see {@link isPlainJson}; a key `__proto__` counts as
 * not plain too): the caller then copies it the slow way.
 */
export function copyPlainJson<T>(value: T, depth = 0): T | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? value : undefined;
    case "object": {
      if (value === null) return value;
      if (depth > maxDepth) return undefined;
      if (Array.isArray(value)) {
        const copy = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = copyPlainJson(value[i], depth + 1);
          if (item === undefined) return undefined;
          copy[i] = item;
        }
        return copy as T;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      const copy: Record<string, unknown> = {};
      for (const key in value) {
        if (key === "__proto__") return undefined;
        const item = copyPlainJson((value as Record<string, unknown>)[key], depth + 1);
        if (item === undefined) return undefined;
        copy[key] = item;
      }
      return copy as T;
    }
    default:
      return undefined;
  }
}

import { NotSerializableError } from "../errors/not-serializable-error.js";
import { isPlainJson } from "../../store/plain-json.js";

const plainPrototypes = new Set<unknown>([Object.prototype, null]);

/**
 * Throws {@link NotSerializableError} naming the first place in `value` that a superjson round
 * trip would lose or change: functions, symbols, class instances, cycles.
 *
 * @param where what the value is, for the message: `"interrupt payload"`, `"write of node 'a'"`.
 */
export function assertSerializable(value: unknown, where: string): void {
  // Plain JSON (most writes and payloads) has no problem to find: one walk that allocates nothing,
  // where the search below builds a path string for every value it visits.
  if (isPlainJson(value)) return;
  const problem = findProblem(value, "", new Set());
  if (problem) throw new NotSerializableError(where, problem.path, problem.what);
}

interface Problem {
  readonly path: string;
  readonly what: string;
}

function findProblem(value: unknown, path: string, ancestors: Set<object>): Problem | undefined {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return undefined;
    case "function":
      return { path, what: "a function" };
    case "symbol":
      return { path, what: "a symbol" };
    case "object":
      break;
  }
  if (value === null) return undefined;
  const object = value as object;
  if (object instanceof Date || object instanceof RegExp || object instanceof URL) return undefined;
  if (ancestors.has(object)) return { path, what: "a circular reference" };
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        const found = findProblem(object[i], `${path}[${i}]`, ancestors);
        if (found) return found;
      }
      return undefined;
    }
    if (object instanceof Map) {
      for (const [key, entry] of object) {
        const found = findProblem(key, `${path}<key>`, ancestors) ?? findProblem(entry, `${path}.get(${String(key)})`, ancestors);
        if (found) return found;
      }
      return undefined;
    }
    if (object instanceof Set) {
      let i = 0;
      for (const entry of object) {
        const found = findProblem(entry, `${path}<item ${i++}>`, ancestors);
        if (found) return found;
      }
      return undefined;
    }
    if (object instanceof Error) return undefined;
    if (!plainPrototypes.has(Object.getPrototypeOf(object))) {
      const name = (object as { constructor?: { name?: string } }).constructor?.name ?? "unknown";
      return { path, what: `an instance of class ${name}` };
    }
    for (const key of Object.keys(object)) {
      const found = findProblem((object as Record<string, unknown>)[key], `${path}.${key}`, ancestors);
      if (found) return found;
    }
    for (const symbol of Object.getOwnPropertySymbols(object)) {
      return { path: `${path}[${String(symbol)}]`, what: "a symbol-keyed property" };
    }
    return undefined;
  } finally {
    ancestors.delete(object);
  }
}

import { NotSerializableError } from "../errors/not-serializable-error.js";
import { isPlainJson } from "../../store/plain-json.js";
import { isLangChainObject, langChainFieldsOf, langChainFormOf } from "../../store/langchain/langchain-object.js";

const plainPrototypes = new Set<unknown>([Object.prototype, null]);

/**
 * Throws {@link NotSerializableError} naming the first place in `value` that a superjson round
 * trip would lose or change: functions, symbols, class instances, cycles. LangChain objects
 * (messages, documents, prompt values) are values, stored in LangChain's own JSON form: one whose
 * class is not serializable is refused, and so is a field of one that JSON would lose or change
 * (a Date, a Map, a function...), since the replay would then see another value than the run did.
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

/** `insideLangChain`: the value is a field of a LangChain object, which LangChain stores as JSON. */
function findProblem(value: unknown, path: string, ancestors: Set<object>, insideLangChain = false): Problem | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return undefined;
    case "number":
      return insideLangChain && !Number.isFinite(value) ? { path, what: `${value}${jsonOnly}` } : undefined;
    case "bigint":
      return insideLangChain ? { path, what: `a BigInt${jsonOnly}` } : undefined;
    case "function":
      return { path, what: "a function" };
    case "symbol":
      return { path, what: "a symbol" };
    case "object":
      break;
  }
  if (value === null) return undefined;
  const object = value as object;
  if (object instanceof Date || object instanceof RegExp || object instanceof URL)
    return insideLangChain ? { path, what: `a ${object.constructor.name}${jsonOnly}` } : undefined;
  if (ancestors.has(object)) return { path, what: "a circular reference" };
  if (isLangChainObject(object)) return findLangChainProblem(object, path, ancestors);
  ancestors.add(object);
  try {
    return findInsideProblem(object, path, ancestors, insideLangChain);
  } finally {
    ancestors.delete(object);
  }
}

/** The first problem among an object's entries: an array's items, a Map's or Set's, a plain object's properties. */
function findInsideProblem(object: object, path: string, ancestors: Set<object>, insideLangChain: boolean): Problem | undefined {
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) {
      const found = findProblem(object[i], `${path}[${i}]`, ancestors, insideLangChain);
      if (found) return found;
    }
    return undefined;
  }
  if (insideLangChain && (object instanceof Map || object instanceof Set || object instanceof Error))
    return { path, what: `a ${object.constructor.name}${jsonOnly}` };
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
    const found = findProblem((object as Record<string, unknown>)[key], `${path}.${key}`, ancestors, insideLangChain);
    if (found) return found;
  }
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    return { path: `${path}[${String(symbol)}]`, what: "a symbol-keyed property" };
  }
  return undefined;
}

const jsonOnly = " inside a LangChain object, which LangChain stores as JSON (a replay would read back another value); store it as a string or a plain value";

/** A LangChain object's problem: its class is not serializable, or a field holds what JSON loses. */
function findLangChainProblem(object: object, path: string, ancestors: Set<object>): Problem | undefined {
  if (!isCoreConstructorForm(object)) {
    const form = langChainFormOf(object);
    const name = (object as { constructor?: { name?: string } }).constructor?.name ?? "unknown";
    if (form.type !== "constructor")
      return { path, what: `an instance of class ${name}, a LangChain object whose class is not serializable (lc_serializable is false)` };
    if (form.id[0] !== "langchain_core") {
      return {
        path,
        what: `an instance of class ${name} (${form.id.join("/")}), a LangChain object of a package other than @langchain/core, whose classes a replay cannot load`,
      };
    }
  }
  ancestors.add(object);
  try {
    const fields = langChainFieldsOf(object);
    for (const key of Object.keys(fields)) {
      const found = findProblem(fields[key], `${path}.${key}`, ancestors, true);
      if (found) return found;
    }
    return undefined;
  } finally {
    ancestors.delete(object);
  }
}

/**
 * Whether `toJSON()` of this LangChain object surely gives a constructor form of a core class,
 * told without calling it (it builds the whole form, the most expensive part of this check):
 * `Serializable.toJSON()` gives one exactly when `lc_serializable` is true and `lc_kwargs` is an
 * object that is not an array nor a Serializable (a plain object is not), with `lc_id` as its id.
 * False means "ask toJSON()", not "refused".
 */
function isCoreConstructorForm(object: object): boolean {
  const candidate = object as { lc_serializable?: unknown; lc_kwargs?: unknown; lc_id?: unknown };
  if (candidate.lc_serializable !== true || typeof candidate.lc_kwargs !== "object" || candidate.lc_kwargs === null) return false;
  if (Object.getPrototypeOf(candidate.lc_kwargs) !== Object.prototype) return false;
  const id = candidate.lc_id;
  return Array.isArray(id) && id[0] === "langchain_core";
}

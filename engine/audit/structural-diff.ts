import { isStorableLangChainObject, toLangChainJson } from "../../store/langchain/langchain-object.js";

/** One place where two values differ. `path` is JavaScript-like: `writes.items[2].title`. */
export interface DiffEntry {
  readonly path: string;
  readonly expected: unknown;
  readonly produced: unknown;
}

const maxEntries = 20;

/**
 * The leaves where `produced` differs from `expected`, as paths; empty when they are equal as
 * data (key order does not matter; Dates compare by time, Maps and Sets by content, LangChain
 * objects by class and LangChain's serialized form, what a replay reads back). At most 20
 * entries, in document order.
 */
export function structuralDiff(expected: unknown, produced: unknown, path = ""): DiffEntry[] {
  const entries: DiffEntry[] = [];
  walk(expected, produced, path, entries);
  return entries;
}

function walk(expected: unknown, produced: unknown, path: string, entries: DiffEntry[]): void {
  if (entries.length >= maxEntries || Object.is(expected, produced)) return;
  if (expected instanceof Date && produced instanceof Date) {
    if (expected.getTime() !== produced.getTime()) entries.push({ path, expected, produced });
    return;
  }
  if (expected instanceof Map && produced instanceof Map) return walk(Object.fromEntries(expected), Object.fromEntries(produced), path, entries);
  if (expected instanceof Set && produced instanceof Set) return walk([...expected], [...produced], path, entries);
  if (isStorableLangChainObject(expected) && isStorableLangChainObject(produced) && (expected as object).constructor === (produced as object).constructor) {
    return walk(toLangChainJson(expected as object).kwargs, toLangChainJson(produced as object).kwargs, path, entries);
  }
  if (Array.isArray(expected) && Array.isArray(produced)) {
    const length = Math.max(expected.length, produced.length);
    for (let i = 0; i < length; i++) walk(expected[i], produced[i], `${path}[${i}]`, entries);
    return;
  }
  if (isRecord(expected) && isRecord(produced)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(produced)])].sort();
    for (const key of keys) walk(expected[key], produced[key], path === "" ? key : `${path}.${key}`, entries);
    return;
  }
  entries.push({ path: path === "" ? "(value)" : path, expected, produced });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

import { UnreadableLangChainValueError } from "../store-errors.js";
import { langChainCoreEntry } from "./langchain-core-entry.js";

const escapedKey = "__lc_escaped__";
const maxDepth = 50;

type Builder = (new (fields: Record<string, unknown>) => object) & { prototype: object };

/**
 * The value LangChain's `load()` makes of `json` (LangChain's serialized form: constructor
 * objects `{ lc: 1, type: "constructor", id, kwargs }`, escaped user objects), synchronously.
 *
 * `load()` from `@langchain/core/load` is asynchronous, and the places that read stored values
 * are not (decoding a store's row, copying a value the way a replay reads it), so this applies
 * its rules itself, with core's own classes: a constructor object's class is found by its id in
 * core's entry points (`langchain_core` only, as `load()` without an import map), its kwargs are
 * revived first and their keys mapped back through the class's `lc_aliases` (camelCase
 * otherwise), and `new Class(kwargs)` builds it; `{ "__lc_escaped__": x }` gives `x` untouched.
 * A test compares this with `load()` on every kind of object the engine stores.
 *
 * @throws {UnreadableLangChainValueError} a class core does not have, a secret, or an object LangChain could not serialize.
 */
export function reviveLangChainJson(json: unknown): unknown {
  return revive(json, "$", 0);
}

function revive(value: unknown, path: string, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > maxDepth) throw new UnreadableLangChainValueError(path, `it is nested deeper than ${maxDepth} levels`);
  if (Array.isArray(value)) return value.map((item, index) => revive(item, `${path}.${index}`, depth + 1));
  const record = value as Record<string, unknown>;
  if (isEscaped(record)) return record[escapedKey];
  if (record["lc"] === 1 && Array.isArray(record["id"]) && "type" in record) {
    if (record["type"] === "constructor" && "kwargs" in record) return construct(record["id"] as unknown[], record["kwargs"], path, depth);
    throw new UnreadableLangChainValueError(path, `it is a LangChain '${String(record["type"])}' object (${JSON.stringify(record["id"])}), not a stored value`);
  }
  const revived: Record<string, unknown> = {};
  for (const key of Object.keys(record)) revived[key] = revive(record[key], `${path}.${key}`, depth + 1);
  return revived;
}

function construct(id: readonly unknown[], kwargs: unknown, path: string, depth: number): object {
  const builder = classOf(id, path);
  const fields = revive(kwargs, `${path}.kwargs`, depth + 1);
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) throw new UnreadableLangChainValueError(path, "its kwargs are not an object");
  const aliases = invertedAliasesOf(builder);
  const mapped: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) mapped[aliases[key] ?? camelCase(key)] = (fields as Record<string, unknown>)[key];
  return new builder(mapped);
}

const classes = new Map<string, Builder>();

/** The class a constructor object names: `["langchain_core", ...entry point, name]`. */
function classOf(id: readonly unknown[], path: string): Builder {
  const key = id.join("/");
  const known = classes.get(key);
  if (known) return known;
  const [root, ...rest] = id;
  const name = rest.pop();
  if (root !== "langchain_core" || rest.length === 0 || typeof name !== "string" || !rest.every((part) => typeof part === "string" && /^[a-z_]+$/.test(part))) {
    throw new UnreadableLangChainValueError(path, `its class ${JSON.stringify(id)} is not in @langchain/core`);
  }
  const namespace = rest as string[];
  let entry: Readonly<Record<string, unknown>> | undefined;
  while (namespace.length > 0 && entry === undefined) {
    entry = langChainCoreEntry(namespace.join("/"));
    if (entry === undefined) namespace.pop();
  }
  const uniqueName = langChainCoreEntry("load/serializable")?.["get_lc_unique_name"] as ((builder: unknown) => string) | undefined;
  const found = entry?.[name] ?? Object.values(entry ?? {}).find((candidate) => typeof candidate === "function" && uniqueName?.(candidate) === name);
  if (typeof found !== "function") throw new UnreadableLangChainValueError(path, `@langchain/core has no class ${JSON.stringify(id)}`);
  classes.set(key, found as Builder);
  return found as Builder;
}

const aliasesByClass = new WeakMap<object, Readonly<Record<string, string>>>();

/** The class's `lc_aliases` (along its prototype chain), from the serialized name to the field name. */
function invertedAliasesOf(builder: Builder): Readonly<Record<string, string>> {
  const known = aliasesByClass.get(builder);
  if (known) return known;
  const aliases: Record<string, string> = {};
  for (let current: unknown = builder; typeof current === "function" && (current as Builder).prototype; current = Object.getPrototypeOf(current)) {
    Object.assign(aliases, Reflect.get((current as Builder).prototype, "lc_aliases"));
  }
  const inverted: Record<string, string> = {};
  for (const [field, serialized] of Object.entries(aliases)) inverted[serialized] = field;
  aliasesByClass.set(builder, inverted);
  return inverted;
}

/** LangChain's mapping of a serialized key back to a field name: `page_content` → `pageContent`. */
function camelCase(key: string): string {
  const trimmed = key.trim();
  if (!/[-_\s]/.test(trimmed)) return trimmed;
  return trimmed
    .replace(/[-_\s]+/g, "_")
    .toLowerCase()
    .replace(/_+([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

function isEscaped(record: Record<string, unknown>): boolean {
  const keys = Object.keys(record);
  return keys.length === 1 && keys[0] === escapedKey;
}

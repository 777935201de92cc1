import { langChainCoreEntry } from "./langchain-core-entry.js";

/** LangChain's constructor form of an object (what `Serializable.toJSON()` returns). */
export interface LangChainConstructorForm {
  readonly lc: 1;
  readonly type: "constructor";
  /** The class's path: `["langchain_core", "messages", "AIMessage"]`. */
  readonly id: readonly string[];
  /** The constructor's fields, snake_case, as LangChain writes them (objects with an `lc` key escaped). */
  readonly kwargs: Readonly<Record<string, unknown>>;
}

/** What `toJSON()` of a LangChain object whose class is not serializable returns. */
export interface LangChainNotImplementedForm {
  readonly lc: 1;
  readonly type: "not_implemented";
  readonly id: readonly string[];
}

interface SerializableLike {
  readonly lc_serializable: boolean;
  readonly lc_namespace: readonly string[];
  toJSON(): LangChainConstructorForm | LangChainNotImplementedForm;
}

/**
 * Whether `value` is a LangChain object: an instance of a `Serializable` class of `@langchain/core`
 * (messages, message chunks, prompt values, ...) or a `Document`. Told by shape, so it loads nothing:
 * a value that has one proves core is installed.
 */
export function isLangChainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<SerializableLike>;
  if (typeof candidate.toJSON === "function") return typeof candidate.lc_serializable === "boolean" && Array.isArray(candidate.lc_namespace);
  return isDocument(value);
}

/** Whether the store can keep `value` as a LangChain object (its class is serializable, or it is a Document). */
export function isStorableLangChainObject(value: unknown): boolean {
  return isLangChainObject(value) && ((value as Partial<SerializableLike>).lc_serializable === true || isDocument(value as object));
}

/**
 * LangChain's form of `value` before JSON: `toJSON()` of a `Serializable` (its kwargs still hold
 * the field values themselves, nested LangChain objects included), or the same form for a
 * `Document`, which core 1.x does not make serializable (`load()` reads it back: its class is in
 * core's `documents` entry point).
 */
export function langChainFormOf(value: object): LangChainConstructorForm | LangChainNotImplementedForm {
  if (isDocument(value)) {
    const document = value as { pageContent: string; metadata: unknown; id?: unknown };
    const kwargs: Record<string, unknown> = { page_content: document.pageContent, metadata: escapeLcKeys(document.metadata) };
    if (document.id !== undefined) kwargs["id"] = document.id;
    return { lc: 1, type: "constructor", id: ["langchain_core", "documents", "Document"], kwargs };
  }
  return (value as SerializableLike).toJSON();
}

/**
 * The field values LangChain's `toJSON()` serializes, before it escapes and converts them (its
 * escaping turns a Date into `{}`): what a check of what JSON would lose must look at.
 */
export function langChainFieldsOf(value: object): Readonly<Record<string, unknown>> {
  if (isDocument(value)) {
    const { pageContent, metadata, id } = value as { pageContent: string; metadata: unknown; id?: unknown };
    return { pageContent, metadata, id };
  }
  const kwargs = ((value as { lc_kwargs?: unknown }).lc_kwargs ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(kwargs)) fields[key] = key in value ? (value as Record<string, unknown>)[key] : kwargs[key];
  return fields;
}

/** LangChain's constructor form of a storable LangChain object, as JSON (nested objects in the same form). */
export function toLangChainJson(value: object): LangChainConstructorForm {
  return JSON.parse(JSON.stringify(langChainFormOf(value))) as LangChainConstructorForm;
}

function isDocument(value: object): boolean {
  const candidate = value as { pageContent?: unknown; metadata?: unknown; constructor?: { name?: string } };
  if (typeof candidate.pageContent !== "string" || typeof candidate.metadata !== "object" || candidate.constructor?.name !== "Document") return false;
  const Document = langChainCoreEntry("documents")?.["Document"];
  return typeof Document === "function" && value instanceof Document;
}

/** LangChain's escaping of user data: a plain object with an `lc` key is wrapped, so it cannot pass for a LangChain object. */
function escapeLcKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(escapeLcKeys);
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if ("lc" in record || (keys.length === 1 && keys[0] === "__lc_escaped__")) return { __lc_escaped__: record };
  const escaped: Record<string, unknown> = {};
  for (const key of keys) escaped[key] = escapeLcKeys(record[key]);
  return escaped;
}

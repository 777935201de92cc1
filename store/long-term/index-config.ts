import { InvalidIndexConfigError } from "./invalid-index-config-error.js";
import { tokenizeFieldPath } from "./text-at-path.js";

/** What an index needs of an embeddings model: LangChain's `Embeddings` methods. */
export interface EmbeddingsLike {
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

/**
 * LangGraph's `IndexConfig`: embed items on `put` so `search(prefix, { query })` ranks them by
 * cosine similarity to the query.
 */
export interface IndexConfig {
  /** The size of the embeddings' vectors. */
  dims: number;
  /** A LangChain `Embeddings` (or anything with `embedDocuments` and `embedQuery`). */
  embeddings: EmbeddingsLike;
  /** Which fields of a value to embed (`"$"`: the whole value, the default); see `textsAtPath`. */
  fields?: string[];
}

/** An index config, checked, with its field paths split once. */
export interface ResolvedIndex {
  readonly embeddings: EmbeddingsLike;
  readonly fields: readonly (readonly [path: string, tokens: readonly string[]])[];
}

/** Checks `index` and splits its fields; throws {@link InvalidIndexConfigError} when it cannot be used. */
export function resolveIndexConfig(store: string, index: unknown): ResolvedIndex {
  const config = index as Partial<IndexConfig> | null;
  if (typeof config !== "object" || config === null) throw new InvalidIndexConfigError(store, `it is ${config === null ? "null" : `a ${typeof config}`}`);
  const embeddings = config.embeddings;
  if (typeof embeddings?.embedDocuments !== "function" || typeof embeddings.embedQuery !== "function") {
    throw new InvalidIndexConfigError(store, "its 'embeddings' has no embedDocuments() and embedQuery() methods");
  }
  if (config.fields !== undefined && (!Array.isArray(config.fields) || config.fields.some((field) => typeof field !== "string"))) {
    throw new InvalidIndexConfigError(store, "its 'fields' is not an array of field paths");
  }
  const fields = (config.fields ?? ["$"]).map((path) => [path, path === "$" ? ["$"] : tokenizeFieldPath(path)] as const);
  return { embeddings, fields };
}

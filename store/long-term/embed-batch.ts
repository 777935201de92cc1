import type { Operation, PutOperation } from "./base-store.js";
import type { ResolvedIndex } from "./index-config.js";
import { textsAtPath, textsAtTokens } from "./text-at-path.js";

/** The vectors a batch needs, computed before it runs (an embeddings call is slow I/O; the batch itself is one transaction). */
export interface BatchEmbeddings {
  /** Each distinct search query's vector. */
  readonly queries: ReadonlyMap<string, readonly number[]>;
  /** The vectors of each item the batch puts (by `namespace:key`; empty when nothing of it is embedded). */
  readonly items: ReadonlyMap<string, readonly (readonly number[])[]>;
}

/** The id of the item a put writes, as a batch collapses several puts to one item. */
export function putIdOf(put: PutOperation): string {
  return `${put.namespace.join(":")}:${put.key}`;
}

/**
 * Embeds what a batch needs with the index's model: its searches' queries (`embedQuery`, once per
 * distinct query), then the texts of the items it puts (`embedDocuments`, one call, each distinct
 * text once). A put's texts are those at its `index` paths, or at the index's `fields`; a put with
 * `index: false` (or of `null`) embeds nothing.
 */
export async function embedBatch(index: ResolvedIndex, operations: readonly Operation[]): Promise<BatchEmbeddings> {
  const queryTexts = new Set<string>();
  const puts = new Map<string, PutOperation>();
  for (const operation of operations) {
    if ("namespacePrefix" in operation && operation.query) queryTexts.add(operation.query);
    else if ("value" in operation && "key" in operation) puts.set(putIdOf(operation), operation);
  }
  const queryList = [...queryTexts];
  const queryVectors = await Promise.all(queryList.map((query) => index.embeddings.embedQuery(query)));
  const queries = new Map(queryList.map((query, i) => [query, queryVectors[i]!] as const));

  const textsByItem = new Map<string, string[]>();
  // The distinct texts as an object's keys, so the model gets them in the order LangGraph sends
  // them (integer-like texts first): recorded or cached embeddings then serve either library.
  const distinct: Record<string, true> = Object.create(null);
  for (const [id, put] of puts) {
    if (put.value === null || put.index === false) {
      textsByItem.set(id, []);
      continue;
    }
    const texts =
      put.index === undefined
        ? index.fields.flatMap(([, tokens]) => textsAtTokens(put.value, tokens))
        : put.index.flatMap((path) => textsAtPath(put.value, path));
    textsByItem.set(id, texts);
    for (const text of texts) distinct[text] = true;
  }
  const documents = Object.keys(distinct);
  const position = new Map(documents.map((text, i) => [text, i]));
  const vectors = documents.length > 0 ? await index.embeddings.embedDocuments(documents) : [];
  if (vectors.length !== documents.length) {
    throw new Error(`The store's embeddings returned ${vectors.length} vectors for ${documents.length} texts; an Embeddings must return one vector per text.`);
  }
  const items = new Map<string, readonly (readonly number[])[]>();
  for (const [id, texts] of textsByItem)
    items.set(
      id,
      texts.map((text) => vectors[position.get(text)!]!),
    );
  return { queries, items };
}

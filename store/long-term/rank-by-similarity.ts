import type { Item, SearchItem } from "./base-store.js";

/**
 * A semantic search's page: the candidates with vectors, by their best cosine similarity to
 * `query` (highest first; ties keep the candidates' order), `offset` of them skipped, at most
 * `limit` kept, each with its `score`; then, if the page is not full, candidates without vectors
 * (no score), as LangGraph's InMemoryStore ranks.
 */
export function rankBySimilarity(
  candidates: readonly Item[],
  query: readonly number[],
  vectorsOf: (item: Item) => readonly (readonly number[])[],
  offset: number,
  limit: number,
): SearchItem[] {
  const scored: { readonly score: number; readonly item: Item; readonly order: number }[] = [];
  const unscored: Item[] = [];
  const queryNorm = norm(query);
  for (const item of candidates) {
    const vectors = vectorsOf(item);
    if (vectors.length === 0) unscored.push(item);
    for (const vector of vectors) scored.push({ score: cosine(query, queryNorm, vector), item, order: scored.length });
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const seen = new Set<Item>();
  const page: SearchItem[] = [];
  for (const { score, item } of scored) {
    if (seen.has(item)) continue;
    if (seen.size >= offset + limit) break;
    const skipped = seen.size < offset;
    seen.add(item);
    if (!skipped) page.push({ ...item, score });
  }
  for (const item of unscored) {
    if (page.length >= limit) break;
    page.push(item);
  }
  return page;
}

function cosine(query: readonly number[], queryNorm: number, vector: readonly number[]): number {
  let dot = 0;
  for (let i = 0; i < vector.length; i++) dot += vector[i]! * query[i]!;
  const vectorNorm = norm(vector);
  return queryNorm && vectorNorm ? dot / (queryNorm * vectorNorm) : 0;
}

function norm(vector: readonly number[]): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}

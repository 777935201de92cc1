/**
 * A long-term memory store was created with `index` (LangGraph's semantic search over embeddings:
 * `new InMemoryStore({ index: { embeddings, dims } })`). replaygraph's stores do not embed or rank
 * items yet; rather than ignore the option and return unranked results to a `query`, they refuse it.
 */
export class StoreIndexNotSupportedError extends Error {
  override readonly name = "StoreIndexNotSupportedError";
  readonly code = "STORE_INDEX_NOT_SUPPORTED";

  constructor(store: string) {
    super(
      `${store} does not support the 'index' option (semantic search with embeddings) yet. Remove 'index' and search ` +
        `with 'filter' instead, or pass LangGraph's own InMemoryStore (from @langchain/langgraph) with its index to ` +
        `compile({ store }): replaygraph accepts any store with LangGraph's BaseStore methods.`,
    );
  }
}

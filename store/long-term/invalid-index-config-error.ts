import { ReplayGraphError } from "../../engine/errors/replaygraph-error.js";
/**
 * The `index` option of a long-term memory store cannot be used: it needs an `embeddings` model
 * (LangChain's `Embeddings`: `embedDocuments` and `embedQuery`) and, optionally, `fields` to embed.
 */
export class InvalidIndexConfigError extends ReplayGraphError {
  override readonly name = "InvalidIndexConfigError";
  readonly code = "INVALID_INDEX_CONFIG";

  constructor(store: string, problem: string) {
    super(
      `${store}'s 'index' option cannot be used: ${problem}. Pass { index: { dims, embeddings, fields? } } with a LangChain ` +
        `Embeddings as embeddings, e.g. new OpenAIEmbeddings({ model: "text-embedding-3-small" }) with dims: 1536.`,
    );
  }
}

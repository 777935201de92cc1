import { langChainCoreEntry } from "../../store/langchain/langchain-core-entry.js";

/** What `@langchain/core/messages` exports. */
export type LangChainMessages = typeof import("@langchain/core/messages");

/**
 * `@langchain/core/messages`, loaded the first time a messages channel folds or prepares a write
 * (core is an optional peer dependency; a graph without messages never loads it).
 *
 * @throws {LangChainCoreMissingError} when `@langchain/core` is not installed.
 */
export function langChainMessages(): LangChainMessages {
  return langChainCoreEntry("messages") as unknown as LangChainMessages;
}

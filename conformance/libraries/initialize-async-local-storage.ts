import { AsyncLocalStorage } from "node:async_hooks";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";

/**
 * The upstream tests' `initializeAsyncLocalStorageSingleton` (LangGraph's internal `src/node.ts`,
 * which ships without type declarations): gives LangChain's runnables an AsyncLocalStorage, so a
 * runnable config reaches nested calls. Both libraries get this same equivalent.
 */
export function initializeAsyncLocalStorageSingleton(): void {
  AsyncLocalStorageProviderSingleton.initializeGlobalInstance(new AsyncLocalStorage());
}

import { AsyncLocalStorage } from "node:async_hooks";
import { langChainCoreEntry } from "../../store/langchain/langchain-core-entry.js";
import { LangChainCoreMissingError } from "../../store/store-errors.js";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";

/** The parts of `@langchain/core` that tracing and token streaming use. */
export interface LangChainTracing {
  readonly CallbackManager: typeof import("@langchain/core/callbacks/manager").CallbackManager;
  readonly BaseCallbackHandler: typeof import("@langchain/core/callbacks/base").BaseCallbackHandler;
  readonly AsyncLocalStorageProviderSingleton: typeof import("@langchain/core/singletons").AsyncLocalStorageProviderSingleton;
  readonly Runnable: typeof import("@langchain/core/runnables").Runnable;
  readonly messages: typeof import("@langchain/core/messages");
}

let loaded: LangChainTracing | undefined;

/**
 * `@langchain/core`'s callbacks, async-local config and messages, loaded the first time a run
 * streams tokens, streams events or is given callbacks (core is an optional peer dependency).
 * LangChain's async-local storage is set up then, as LangGraph sets it up, so a chat model a node
 * calls without passing its config still reports to the node's callbacks.
 *
 * @throws {MissingPeerDependencyError} when `@langchain/core` is not installed.
 */
export function langChainTracing(feature: string): LangChainTracing {
  if (loaded) return loaded;
  try {
    const manager = langChainCoreEntry("callbacks/manager")!;
    const base = langChainCoreEntry("callbacks/base")!;
    const singletons = langChainCoreEntry("singletons")!;
    const runnables = langChainCoreEntry("runnables")!;
    const messages = langChainCoreEntry("messages")!;
    loaded = {
      CallbackManager: manager["CallbackManager"] as LangChainTracing["CallbackManager"],
      BaseCallbackHandler: base["BaseCallbackHandler"] as LangChainTracing["BaseCallbackHandler"],
      AsyncLocalStorageProviderSingleton: singletons["AsyncLocalStorageProviderSingleton"] as LangChainTracing["AsyncLocalStorageProviderSingleton"],
      Runnable: runnables["Runnable"] as LangChainTracing["Runnable"],
      messages: messages as unknown as LangChainTracing["messages"],
    };
  } catch (error) {
    if (error instanceof LangChainCoreMissingError) throw new MissingPeerDependencyError(feature, "@langchain/core", { cause: error });
    throw error;
  }
  // Does nothing when another library (LangGraph, langchain) set it up first: the instance is global.
  loaded.AsyncLocalStorageProviderSingleton.initializeGlobalInstance(new AsyncLocalStorage());
  return loaded;
}

import type { StreamMode } from "../runtime/run-sink.js";
import { createStreamMessagesHandler } from "./stream-messages-handler.js";
import { createStreamToolsHandler } from "./stream-tools-handler.js";

/** Where a callback handler's chunk goes: the subgraph namespace it came from (`[]` for the root graph), its mode, the chunk. */
export type CallbackChunkTarget = (namespace: readonly string[], mode: StreamMode, chunk: unknown) => void;

/**
 * The LangChain callback handlers that make the stream modes fed by callbacks, for the modes a
 * run streams: `messages` (chat model tokens, reported at the root) and `tools` (tool runs, under
 * the namespace they ran in). None for other modes, so a run that streams neither pays for no
 * callbacks.
 */
export function streamCallbackHandlersOf(modes: readonly StreamMode[], emit: CallbackChunkTarget): unknown[] {
  const handlers: unknown[] = [];
  if (modes.includes("messages")) handlers.push(createStreamMessagesHandler((chunk) => emit([], "messages", chunk)));
  if (modes.includes("tools")) handlers.push(createStreamToolsHandler((namespace, chunk) => emit(namespace, "tools", chunk)));
  return handlers;
}

import type { RunSink } from "./run-sink.js";

/**
 * A custom chunk that belongs to the stream of the run that wrote it, never forwarded to the
 * caller's (an entrypoint's report of a finished task call, which its own `stream()` turns into
 * an `updates` chunk).
 */
export class OwnRunChunk {}

/** Where a nested graph's custom chunks go: the stream of the run the user called, at the nested graph's namespace. */
export type CustomRoute = (namespace: readonly string[], chunk: unknown) => void;

/**
 * The sink of a graph run inside a node. As LangGraph's `config.writer`, its custom chunks go to
 * the stream of the run the user called (under their namespace with `subgraphs: true`; nowhere
 * when that run does not stream `custom`), not to a stream of the nested graph itself; its other
 * chunks go to `own` (the node's stream of it, or the caller's with `subgraphs: true`).
 */
export function nestedSinkOf(own: RunSink | undefined, custom: CustomRoute | undefined, namespace: readonly string[]): RunSink | undefined {
  if (!custom) return own;
  return {
    wants: (mode) => mode === "custom" || own?.wants(mode) === true,
    emit: (mode, chunk) => {
      if (mode === "custom" && !(chunk instanceof OwnRunChunk)) custom(namespace, chunk);
      else own?.emit(mode, chunk);
    },
  };
}

import { INTERRUPT } from "../graph/constants.js";
import { OwnRunChunk } from "../runtime/nested-sink.js";
import type { StreamMode } from "../runtime/run-sink.js";

/** The `configurable` key that asks an entrypoint's node to report finished task calls. */
export const taskReportsKey = "__replaygraph_task_reports";

/** A finished task call, sent by the entrypoint's node through the custom channel to its own `stream()`. */
export class TaskReport extends OwnRunChunk {
  constructor(
    readonly name: string,
    readonly result: unknown,
    readonly cached: boolean,
  ) {
    super();
  }
}

/** The entrypoint's node name and the channels its graph keeps. */
export const entrypointChannels = { input: "input", output: "output", previous: "previous" } as const;

/**
 * One chunk of the entrypoint's underlying graph, as LangGraph's entrypoint streams it (or nothing
 * when the caller did not ask for that mode): `updates` are `{ <task>: result }` per finished task
 * call (a journaled one marked `__metadata__: { cached: true }`) and `{ <entrypoint>: returned }`;
 * `values` are the entrypoint's returned value (a resumed run first shows the thread's last one,
 * null before the function first returns; a new input shows nothing until it returns, see
 * run-thread.ts). Other custom chunks pass through when asked for.
 */
export function entrypointChunkOf(name: string, mode: StreamMode, chunk: unknown, wanted: readonly StreamMode[]): [StreamMode, unknown] | undefined {
  if (mode === "custom" && chunk instanceof TaskReport) {
    if (!wanted.includes("updates")) return undefined;
    return ["updates", { [chunk.name]: chunk.result, ...(chunk.cached ? { __metadata__: { cached: true } } : {}) }];
  }
  if (!wanted.includes(mode)) return undefined;
  if (mode === "updates" && isRecord(chunk) && name in chunk) {
    const writes = chunk[name];
    return ["updates", { [name]: isRecord(writes) ? writes[entrypointChannels.output] : writes }];
  }
  if (mode === "values" && isRecord(chunk) && !(INTERRUPT in chunk)) {
    return ["values", entrypointChannels.output in chunk ? chunk[entrypointChannels.output] : null];
  }
  return [mode, chunk];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

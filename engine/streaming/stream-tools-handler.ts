import { isGraphInterrupt } from "../runtime/interrupt.js";
import { langChainTracing } from "./langchain-tracing.js";

/** One `tools` chunk: a step of a tool call's life, as LangGraph's `StreamToolsOutput`. */
export type StreamToolsOutput =
  | { event: "on_tool_start"; toolCallId?: string | undefined; name: string; input: unknown }
  | { event: "on_tool_event"; toolCallId?: string | undefined; name: string; data: unknown }
  | { event: "on_tool_end"; toolCallId?: string | undefined; name: string; output: unknown }
  | { event: "on_tool_error"; toolCallId?: string | undefined; name: string; error: unknown };

interface ToolRun {
  readonly namespace: readonly string[];
  readonly toolCallId: string | undefined;
  readonly name: string;
}

/**
 * A LangChain callback handler that makes `streamMode: "tools"`, as LangGraph's
 * `StreamToolsHandler` does: `on_tool_start`, `on_tool_event` (a streaming tool's chunks),
 * `on_tool_end` and `on_tool_error` for each tool run inside a task (a `ToolNode`'s tools, or a
 * tool a node invokes with its config). `emit` gets the subgraph namespace the tool ran in (`[]`
 * for the root graph's nodes) and the chunk. An interrupt raised by a tool is not an error.
 *
 * Departure: a tool a `ToolNode` journaled is not run again when its node re-executes, so it
 * streams nothing then (LangGraph runs it, and streams it, again).
 */
export function createStreamToolsHandler(emit: (namespace: readonly string[], chunk: StreamToolsOutput) => void): unknown {
  const { BaseCallbackHandler } = langChainTracing('streamMode: "tools"');

  class StreamToolsHandler extends BaseCallbackHandler {
    name = "StreamToolsHandler";
    readonly #runs = new Map<string, ToolRun>();

    constructor() {
      super();
      // Inline, so a tool's chunks are in the stream before its result is.
      this.awaitHandlers = true;
    }

    override handleToolStart(
      _tool: unknown,
      input: string,
      runId: string,
      _parentRunId?: string,
      tags?: string[],
      metadata?: Record<string, unknown>,
      runName?: string,
      toolCallId?: string,
    ): void {
      if (!metadata || tags?.includes("langsmith:hidden")) return;
      const checkpointNs = metadata["langgraph_checkpoint_ns"] ?? metadata["checkpoint_ns"];
      // The tool's own task is the namespace's last part; what is before it names the subgraph.
      const namespace = typeof checkpointNs === "string" && checkpointNs !== "" ? checkpointNs.split("|").slice(0, -1) : [];
      const run: ToolRun = { namespace, toolCallId, name: runName ?? "unknown" };
      this.#runs.set(runId, run);
      emit(namespace, { event: "on_tool_start", toolCallId, name: run.name, input });
    }

    override handleToolEvent(data: unknown, runId: string): void {
      const run = this.#runs.get(runId);
      if (run) emit(run.namespace, { event: "on_tool_event", toolCallId: run.toolCallId, name: run.name, data });
    }

    override handleToolEnd(output: unknown, runId: string): void {
      const run = this.#runs.get(runId);
      this.#runs.delete(runId);
      if (run) emit(run.namespace, { event: "on_tool_end", toolCallId: run.toolCallId, name: run.name, output });
    }

    override handleToolError(error: unknown, runId: string): void {
      const run = this.#runs.get(runId);
      this.#runs.delete(runId);
      if (run && !isGraphInterrupt(error)) emit(run.namespace, { event: "on_tool_error", toolCallId: run.toolCallId, name: run.name, error });
    }
  }
  return new StreamToolsHandler();
}

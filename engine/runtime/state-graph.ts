import type { StateDefinition } from "../graph/annotation.js";
import { StateGraphBuilder } from "../graph/state-graph-builder.js";
import { validateGraph } from "../graph/validate-graph.js";
import { cacheNodes } from "../cache/cache-nodes.js";
import { CompiledStateGraph, type CompileOptions } from "./compiled-state-graph.js";

/**
 * A graph of nodes over a shared state, LangGraph's way: add nodes and edges, then `compile()`.
 * Invalid graphs are refused at compile time with a named error that says what to fix.
 *
 * @example
 * const State = Annotation.Root({ plan: Annotation<string>(), approved: Annotation<boolean>() });
 * const graph = new StateGraph(State)
 *   .addNode("review", (state) => ({ approved: interrupt<unknown, boolean>({ plan: state.plan }) }))
 *   .addEdge(START, "review")
 *   .addEdge("review", END)
 *   .compile({ checkpointer: new MemorySaver() });
 */
export class StateGraph<TDefinition extends StateDefinition> extends StateGraphBuilder<TDefinition> {
  /** Checks the graph and makes it runnable. */
  compile(options: CompileOptions = {}): CompiledStateGraph<TDefinition> {
    const spec = validateGraph(this, {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.interruptBefore !== undefined ? { interruptBefore: options.interruptBefore } : {}),
      ...(options.interruptAfter !== undefined ? { interruptAfter: options.interruptAfter } : {}),
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      ...(options.warningsAsErrors !== undefined ? { warningsAsErrors: options.warningsAsErrors } : {}),
      ...(options.limits !== undefined ? { limits: options.limits } : {}),
    });
    return new CompiledStateGraph<TDefinition>(options.cache ? cacheNodes(spec, options.cache) : spec, options, this);
  }
}

/** The virtual node every run starts from. `addEdge(START, "first")` makes the entry point. */
export const START = "__start__";
/** The virtual node a route goes to when the run should end there. */
export const END = "__end__";
/** The output key that carries pending interrupts (`[]` at a static breakpoint). */
export const INTERRUPT = "__interrupt__";
/** The output key that carries replay warnings raised by this call, when there are any. */
export const WARNINGS = "__warnings__";

export type Start = typeof START;
export type End = typeof END;

/** `updateState(config, values, COPY)` copies the checkpoint as a new fork (LangGraph's `"__copy__"`). */
export const COPY = "__copy__";
/** `updateState(config, values, INPUT)` writes the values as the graph's input (LangGraph's `"__input__"`). */
export const INPUT = "__input__";

/** The first element of a task's `path` when an edge (or a branch) scheduled it (LangGraph's `PULL`). */
export const PULL = "__pregel_pull";
/** The first element of a task's `path` when a `Send` scheduled it (LangGraph's `PUSH`). */
export const PUSH = "__pregel_push";
/** The tag that keeps a run's chat model tokens out of `streamMode: "messages"` (LangGraph's `TAG_NOSTREAM`). */
export const TAG_NOSTREAM = "langsmith:nostream";

/**
 * A run config's `configurable` key for a function called with a node's name each time one of its
 * tasks finishes (a subgraph's nodes included), as LangGraph's `CONFIG_KEY_NODE_FINISHED`.
 */
export const CONFIG_KEY_NODE_FINISHED = "__pregel_node_finished";

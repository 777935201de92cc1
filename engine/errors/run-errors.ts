import { ReplayGraphError } from "./replaygraph-error.js";

/** A run took more supersteps than its recursion limit allows. */
export class GraphRecursionError extends ReplayGraphError {
  readonly code = "GRAPH_RECURSION";
  readonly recursionLimit: number;

  constructor(recursionLimit: number) {
    super(
      `Recursion limit of ${recursionLimit} reached without hitting a stop condition. You can increase the ` +
        `limit by setting the \`recursionLimit\` config key, e.g. invoke(input, { recursionLimit: ${recursionLimit * 2}, configurable: { thread_id } }).`,
    );
    this.recursionLimit = recursionLimit;
  }
}

/** A node's update, an input or a step's writes that the state's channels cannot take. */
export class InvalidUpdateError extends ReplayGraphError {
  readonly code = "INVALID_UPDATE";
  /**
   * LangGraph's error code for the same refusal, where it has one: `INVALID_CONCURRENT_GRAPH_UPDATE`
   * (two writes to a last-value channel in one step), `INVALID_GRAPH_NODE_RETURN_VALUE` (a node
   * returned something that is not an update).
   */
  readonly lc_error_code: string | undefined;

  constructor(message: string, fields: { readonly lc_error_code?: string } = {}) {
    super(message);
    this.lc_error_code = fields.lc_error_code;
  }
}

/**
 * A graph used in a way its configuration does not allow (LangGraph's name for it). Catch this to
 * catch what LangGraph throws as `GraphValueError`; {@link MissingCheckpointerError} is one.
 */
export class GraphValueError extends ReplayGraphError {
  readonly code: string = "GRAPH_VALUE";
}

/**
 * `interrupt()` in a graph compiled without a checkpointer (LangGraph: `GraphValueError("No
 * checkpointer set")`, code `MISSING_CHECKPOINTER`). The message starts with LangGraph's words, so
 * a program or test that matches them still does, and goes on to say the fix.
 */
export class MissingCheckpointerError extends GraphValueError {
  override readonly code = "MISSING_CHECKPOINTER";
  /** LangGraph's error code for the same refusal. */
  readonly lc_error_code = "MISSING_CHECKPOINTER";

  constructor(what = "interrupt()") {
    super(
      `No checkpointer set: ${what} needs a checkpointer to keep the thread while it waits for an answer. Compile with one: ` +
        `builder.compile({ checkpointer: new MemorySaver() }) for tests, or ` +
        `builder.compile({ checkpointer: new SqliteEventStore("./data.db") }) (from "replaygraph/sqlite") to survive restarts.`,
    );
  }
}

/** `interrupt()` called outside a node of a running graph. */
export class InterruptOutsideNodeError extends ReplayGraphError {
  readonly code = "INTERRUPT_OUTSIDE_NODE";

  constructor() {
    super(
      `interrupt() was called outside a running node. Call it inside a node function (or a function a node ` +
        `calls, synchronously or awaited) while the graph runs.`,
    );
  }
}

/** A re-executed task made a different sequence of `interrupt()` calls than the recorded one (strict mode). */
export class NonDeterminismError extends ReplayGraphError {
  readonly code = "NON_DETERMINISM";
  readonly node: string;
  readonly index: number;

  constructor(node: string, index: number, detail: string) {
    super(
      `Node '${node}' made a different sequence of interrupt() calls when re-executed (call #${index}): ${detail}. ` +
        `Answers are matched to interrupt() calls by position, so no answer was delivered. Keep interrupt() calls ` +
        `in the same order on every execution (don't skip or reorder them, don't branch on time or randomness before them).`,
    );
    this.node = node;
    this.index = index;
  }
}

/** A thread id that cannot name a stream. */
export class InvalidThreadIdError extends ReplayGraphError {
  readonly code = "INVALID_THREAD_ID";

  constructor(threadId: unknown, reason: string) {
    super(
      `Invalid thread_id ${JSON.stringify(String(threadId)).slice(0, 80)}: ${reason}. Pass { configurable: { thread_id: "<1 to 256 printable characters, no '/' or '\\\\'>" } }.`,
    );
  }
}

/** A config that is missing something a call needs, or has a value of the wrong type. */
export class InvalidConfigError extends ReplayGraphError {
  readonly code = "INVALID_CONFIG";
}

/** Another writer appended to the thread while this run was executing a step. */
export class ConcurrentWriteError extends ReplayGraphError {
  readonly code = "CONCURRENT_WRITE";

  constructor(threadId: string, step: number) {
    super(
      `Another writer appended to thread '${threadId}' while this run executed step ${step}; this run's step was ` +
        `discarded (nothing of it was stored). Read the thread's state again and decide whether to start a new run.`,
    );
  }
}

/** An `invoke()`/`stream()` input the graph cannot take. */
export class InvalidInputError extends ReplayGraphError {
  readonly code = "INVALID_INPUT";
}

/**
 * `invoke(null)` (or `stream(null)`) on a thread that has no checkpoint: there is nothing to
 * continue. LangGraph throws an error of the same name and message start.
 */
export class EmptyInputError extends ReplayGraphError {
  readonly code = "EMPTY_INPUT";
  readonly threadId: string;

  constructor(threadId: string) {
    super(
      `Received no input writes for "__start__": thread '${threadId}' has no checkpoint to continue from. ` +
        `Start it with the graph's input (an object of state values, {} included): invoke(null) only continues a thread that exists.`,
    );
    this.threadId = threadId;
  }
}

/** A function that reads the running node's context (`getConfig()`, `getCurrentTaskInput()`) called outside a node. */
export class OutsideNodeError extends ReplayGraphError {
  readonly code = "OUTSIDE_NODE";
  readonly call: string;

  constructor(call: string) {
    super(
      `${call} was called outside a running node. Call it inside a node function (or a function a node calls, synchronously or awaited) while the graph runs.`,
    );
    this.call = call;
  }
}

import { ReplayGraphError } from "./replaygraph-error.js";

/** A run was refused because its thread is busy and its multitask strategy is `reject`. */
export class ThreadBusyError extends ReplayGraphError {
  readonly code = "THREAD_BUSY";
  readonly threadId: string;
  readonly runIds: readonly string[];

  constructor(threadId: string, runIds: readonly string[], by: "run" | "invoke" = "run") {
    super(
      by === "invoke"
        ? `Thread '${threadId}' is running run ${runIds.join(", ")} in another process (its lease has not expired); invoke() does not ` +
            `run beside it. Wait for it (engine.runs.join), cancel it (engine.runs.cancel), or use engine.runs.create with a ` +
            `multitaskStrategy. If that process died, the run's lease expires and the thread is free again.`
        : `Thread '${threadId}' is already running or has queued runs (${runIds.join(", ")}), and this run's multitaskStrategy is ` +
            `"reject". Wait for the thread with runs.join(), or create the run with multitaskStrategy "enqueue" (wait its turn), ` +
            `"interrupt" (stop the current run, keep its work) or "rollback" (stop it and drop its work).`,
    );
    this.threadId = threadId;
    this.runIds = runIds;
  }
}

/** A run id that the thread does not have, or a cancel of a run that already ended. */
export class RunNotFoundError extends ReplayGraphError {
  readonly code = "RUN_NOT_FOUND";

  constructor(threadId: string, runId: string, detail = "it is not a run of this thread") {
    super(`Run '${runId}' of thread '${threadId}': ${detail}. List the thread's runs with runs.list(threadId).`);
  }
}

/** A graph id the engine was not given. */
export class UnknownGraphError extends ReplayGraphError {
  readonly code = "UNKNOWN_GRAPH";

  constructor(graphId: string, known: readonly string[]) {
    super(
      `Graph '${graphId}' is not one of this engine's graphs (${known.join(", ") || "none"}). Pass it in createEngine({ graphs: { '${graphId}': compiledGraph } }).`,
    );
  }
}

/** `threads.create` with an id that already has a thread. */
export class ThreadAlreadyExistsError extends ReplayGraphError {
  readonly code = "THREAD_ALREADY_EXISTS";

  constructor(threadId: string) {
    super(`Thread '${threadId}' already exists. Use it as it is, pass ifExists: "do_nothing", or choose another thread id.`);
  }
}

/** What a cancelled `invoke()`/`stream()` rejects with: the run ended as `interrupted`. */
export class RunCancelledError extends ReplayGraphError {
  readonly code = "RUN_CANCELLED";
  override readonly name = "AbortError";

  constructor(runId: string, action: "interrupt" | "rollback") {
    super(
      `Run '${runId}' was cancelled (${action}; its signal was aborted): ${action === "rollback" ? "what it committed was dropped" : "the steps it committed are kept"}. ` +
        `Read the thread's state with getState(config).`,
    );
  }
}

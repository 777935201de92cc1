import { ReplayGraphError } from "./replaygraph-error.js";

/** A `task()` function called while no entrypoint (or node) runs. */
export class TaskOutsideEntrypointError extends ReplayGraphError {
  readonly code = "TASK_OUTSIDE_ENTRYPOINT";
  readonly task: string;

  constructor(task: string) {
    super(
      `task '${task}' was called outside a running entrypoint or node. A task's result is journaled in the thread of ` +
        `the entrypoint that calls it, so call it inside entrypoint(...)'s function (or a StateGraph node), at any depth of its calls.`,
    );
    this.task = task;
  }
}

/** A generator function given to `entrypoint()` or `task()`. */
export class GeneratorNotAllowedError extends ReplayGraphError {
  readonly code = "GENERATOR_NOT_ALLOWED";

  constructor(what: "entrypoints" | "tasks") {
    // LangGraph's wording, so code that matches its message keeps working.
    super(`Generators are disallowed as ${what}. For streaming responses, use config.write.`);
  }
}

/** `verify`: a task re-executed with today's code returned something other than its journaled result. */
export class TaskResultChangedError extends ReplayGraphError {
  readonly code = "TASK_RESULT_CHANGED";
  readonly task: string;
  readonly key: string;
  readonly expected: unknown;
  readonly produced: unknown;

  constructor(task: string, key: string, expected: unknown, produced: unknown) {
    super(
      `task '${task}' (journal key '${key}') returned ${preview(produced)} today, but the thread's history records ` +
        `${preview(expected)}. The task's code (or what it reads) changed since the thread ran; threads recorded with the old ` +
        `code will resume with the recorded result. If the change is intended, give the task a new name.`,
    );
    this.task = task;
    this.key = key;
    this.expected = expected;
    this.produced = produced;
  }
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

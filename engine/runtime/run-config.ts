import type { StoreLike } from "../../store/long-term/base-store.js";
import { InvalidConfigError, InvalidThreadIdError } from "../errors/run-errors.js";
import type { ReplayWarning } from "../thread/task-outcome.js";
import { streamModes, type StreamMode } from "./run-sink.js";
import type { Durability } from "./durability.js";

/** The per-call config of `invoke`, `stream`, `getState` and friends (LangGraph's shape). */
export interface RunConfig {
  readonly configurable?: {
    readonly thread_id?: string;
    readonly checkpoint_id?: string;
    readonly checkpoint_ns?: string;
    readonly [key: string]: unknown;
  };
  /** The most supersteps one run may take. Default 25. */
  readonly recursionLimit?: number;
  /** Pause before these nodes run (`"*"`: every node). Replaces the compiled list for this run. */
  readonly interruptBefore?: readonly string[] | "*";
  /** Pause after these nodes' step commits. Replaces the compiled list for this run. */
  readonly interruptAfter?: readonly string[] | "*";
  /** Turn interrupt-sequence warnings into `NonDeterminismError` for this run. */
  readonly strict?: boolean;
  /** Cancels the run when aborted; nodes see it as `config.signal`. */
  readonly signal?: AbortSignal;
  /** At most this many tasks of a step run at once (LangGraph's `maxConcurrency`). Default: every task of the step. */
  readonly maxConcurrency?: number;
  /** Cancels the run after this many milliseconds (LangGraph's `timeout`), as an aborted `signal` does. */
  readonly timeout?: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Fail a task whose execution raised any replay warning, for this run (the warning is still recorded). */
  readonly warningsAsErrors?: boolean;
  /**
   * Reads the outside world your nodes change (a row count, a list of sent messages). When a task
   * re-executes for a resume, the engine reads it when the task starts and when it reaches its
   * answered interrupt; a difference means a side effect ran again: a `side-effect-repeated`
   * warning. Used by `fuzzGraph`; must be synchronous and cheap.
   */
  readonly observeSideEffects?: () => unknown;
  /** Called with each replay warning as it is recorded. */
  readonly onWarning?: (warning: ReplayWarning) => void;
  /**
   * Per-run values for the nodes (LangGraph's `context`: a user id, a model name, a client),
   * read as `config.context`. Not recorded in the thread's history: a resume or a later run gets
   * only the context it is given.
   */
  readonly context?: unknown;
  /** A long-term memory store for this run, in place of the one given to `compile({ store })`. */
  readonly store?: StoreLike;
  /** LangChain callbacks (handlers or a manager): nodes get them as `config.callbacks`, so the models and tools they call are traced. */
  readonly callbacks?: unknown;
  /** Tags for tracing; nodes get them as `config.tags`. */
  readonly tags?: readonly string[];
  /** A name for the run in traces (LangGraph's; nodes do not get it, as in LangGraph). Default "LangGraph", as LangGraph's. */
  readonly runName?: string;
  /**
   * When this run's steps are appended (LangGraph's `durability`): `"sync"` (the default, or the
   * graph's `compile({ durability })`), `"async"` or `"exit"`. See {@link Durability}.
   */
  readonly durability?: Durability;
  /** The id of the graph's run in LangChain callbacks and `streamEvents` (LangChain's `runId`; not the thread run's id). */
  readonly runId?: string;
  /** For `stream()`: one mode, or several (chunks are then `[mode, chunk]`). Default "updates", as LangGraph's StateGraph. */
  readonly streamMode?: StreamMode | readonly StreamMode[];
  /**
   * For `stream()`: stream subgraphs' chunks too, as LangGraph does: each chunk is then
   * `[namespace, chunk]` (`[namespace, mode, chunk]` with several modes), `namespace` being `[]`
   * for the graph itself and `["node:taskId", ...]` for a subgraph.
   */
  readonly subgraphs?: boolean;
}

const forbidden = /[/\\\u0000-\u001f\u007f]/;

/** The thread a config names; throws a named error when it names none or an invalid one. */
export function threadIdOf(config: RunConfig | undefined, call: string): string {
  const threadId = config?.configurable?.thread_id;
  if (threadId === undefined || threadId === null) {
    throw new InvalidConfigError(
      `${call} needs a thread: pass { configurable: { thread_id: "<your thread id>" } }. The thread_id is the cursor of a ` +
        `conversation: reuse it to continue (and to resume an interrupt), use a new one to start afresh.`,
    );
  }
  assertValidThreadId(threadId);
  return threadId;
}

/** Throws {@link InvalidThreadIdError} for an id that cannot name a stream. */
export function assertValidThreadId(threadId: unknown): asserts threadId is string {
  if (typeof threadId !== "string") throw new InvalidThreadIdError(threadId, `it is a ${typeof threadId}, not a string`);
  if (threadId.length === 0) throw new InvalidThreadIdError(threadId, "it is empty");
  if (threadId.length > 256) throw new InvalidThreadIdError(threadId, `it is ${threadId.length} characters long (at most 256)`);
  if (forbidden.test(threadId)) throw new InvalidThreadIdError(threadId, "it contains '/', '\\' or a control character");
}

/** The recursion limit of a config, checked. */
export function recursionLimitOf(config: RunConfig | undefined): number {
  const limit = config?.recursionLimit ?? 25;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidConfigError(`recursionLimit must be a positive integer; got ${String(limit)}. The default is 25.`);
  }
  return limit;
}

/** The stream modes a config asks for, checked. The default is LangGraph's for a StateGraph: `updates`. */
export function streamModesOf(config: RunConfig | undefined, fallback: StreamMode = "updates"): { modes: readonly StreamMode[]; tuples: boolean } {
  const requested = config?.streamMode ?? fallback;
  const modes = typeof requested === "string" ? [requested] : [...requested];
  for (const mode of modes) {
    if (!streamModes.includes(mode)) {
      throw new InvalidConfigError(
        `streamMode '${String(mode)}' is not supported; use one of ${streamModes.map((known) => `"${known}"`).join(", ")} (or a list of them).`,
      );
    }
  }
  return { modes, tuples: typeof requested !== "string" };
}

import type { ErrorRecord, ForkedState, PlannedTask, RaisedInterrupt, Routes, RunOptions, SendPacket, Writes } from "./events.js";
import { initialLifecycle, type Lifecycle } from "./lifecycle-machine.js";

/** What the next step will run. */
export interface Triggers {
  readonly nodes: readonly string[];
  readonly sends: readonly SendPacket[];
}

export type TaskStatus = "pending" | "succeeded" | "interrupted" | "failed";

/** A task of the step in progress, with everything recorded about it so far. */
export interface TaskRecord extends PlannedTask {
  readonly status: TaskStatus;
  readonly writes?: Writes;
  readonly routes?: Routes;
  /** Answers to the task's own interrupt() calls, by position. */
  readonly answers: readonly unknown[];
  /** Every own interrupt() call that paused the task, by position. */
  readonly raised: readonly RaisedInterrupt[];
  /** The interrupts the task is paused on now (own, or raised in a subgraph it runs). */
  readonly pending: readonly RaisedInterrupt[];
  /** Answers to interrupts raised inside subgraphs, by interrupt id. */
  readonly childAnswers: Readonly<Record<string, unknown>>;
  /** The last question raised inside a subgraph the task runs (history shows it once answered, as LangGraph). */
  readonly lastChildRaised?: RaisedInterrupt;
  readonly error?: ErrorRecord;
}

/** A step that was planned but has not committed: paused, failed, or crashed mid-way. */
export interface PendingStep {
  readonly step: number;
  readonly baseRevision: number;
  readonly tasks: readonly TaskRecord[];
  /** Routes added by `Command({ resume, goto })`, taken when the step commits. */
  readonly goto: Triggers;
}

/**
 * A checkpoint: the state after a committed step, an input, an update or a fork, numbered and
 * linked as LangGraph numbers and links its checkpoints.
 */
export interface CheckpointInfo {
  readonly revision: number;
  readonly source: "input" | "loop" | "update" | "fork";
  /** LangGraph's step of the checkpoint: its parent's + 1 (a run's new input: + 2, see `input`). */
  readonly step: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly parentRevision: number | undefined;
  /**
   * Set when the checkpoint took a run's new input values (these). LangGraph shows such an event
   * as two checkpoints: the input one (step − 1, the values before, next `__start__`, whose task
   * wrote these values) and, after it, the `loop` one this state is.
   */
  readonly input?: Writes;
  /**
   * Set on the input checkpoint an update as `"__input__"` made: the input its `__start__` task
   * will write (next `__start__`); the values are those before it.
   */
  readonly pendingInput?: Writes;
  /** Set on a fork made by `ThreadForked`: the checkpoint it copies. */
  readonly forkedFrom?: number;
  /** The fork checkpoint this one takes the place of (an update of a past checkpoint is one checkpoint, as in LangGraph). */
  readonly absorbs?: number;
}

export interface ActiveRun {
  readonly runId: string;
  readonly options: RunOptions;
  readonly stepsTaken: number;
  /**
   * Set when the run continues a waiting or edited thread (a Command, or null input at a breakpoint
   * or after updateState / a fork): the thread's step when the run started. Until a step commits,
   * `interruptBefore` does not stop the run (LangGraph: such a run marks every channel as seen by
   * the breakpoints).
   */
  readonly resumedAtStep: number | undefined;
  /** Epoch ms until which the running process holds the run (absent: no lease, e.g. invoke()). */
  readonly leaseExpiresAt: number | undefined;
  /** The state when the run started, restored if the run is rolled back. */
  readonly before: ForkedState;
}

/** The state of one thread: what the fold of its event stream says. */
export interface ThreadState {
  readonly threadId: string;
  /** The revision of the last event folded in; -1 for a thread with no events. */
  readonly revision: number;
  readonly lifecycle: Lifecycle;
  readonly values: Writes;
  /** The last committed step (-1 before the first). */
  readonly step: number;
  readonly next: Triggers;
  /** Progress of fan-in edges: join key to the sources that have finished. */
  readonly barriers: Readonly<Record<string, readonly string[]>>;
  readonly pendingStep: PendingStep | undefined;
  /** Set while the thread waits at a static breakpoint. */
  readonly breakpoint: { readonly when: "before" | "after"; readonly step: number; readonly nodes: readonly string[] } | undefined;
  readonly checkpoint: CheckpointInfo | undefined;
  readonly activeRun: ActiveRun | undefined;
  /** When the thread was created and last written (epoch ms; undefined before its first event). */
  readonly createdAt: number | undefined;
  readonly updatedAt: number | undefined;
  /** The metadata given when the thread was created. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /**
   * Results of journaled side effects (`effect(key, fn)`) of tasks not yet committed: task id to
   * effect key to result. Kept apart from the pending step: an effect is appended while its step
   * runs, and a step is recorded later; cleared once no task can re-execute.
   */
  readonly effects: Readonly<Record<string, Readonly<Record<string, RecordedEffect>>>>;
  /** Whether reducer channels without a default fold their first write into `undefined` (threads created by 0.1.0), not take it. */
  readonly firstWriteReduced: boolean;
  /** The most recently answered interrupt ids (at most {@link answeredMemory}), to name stale answers. */
  readonly answered: readonly string[];
}

export interface RecordedEffect {
  readonly result: unknown;
}

/** How many answered interrupt ids a thread remembers for error messages. */
export const answeredMemory = 64;

export const noTriggers: Triggers = { nodes: [], sends: [] };

/** The state of a thread with no history. */
export function initialThreadState(threadId: string, values: Writes): ThreadState {
  return {
    threadId,
    revision: -1,
    lifecycle: initialLifecycle(),
    values,
    step: -1,
    next: noTriggers,
    barriers: {},
    pendingStep: undefined,
    breakpoint: undefined,
    checkpoint: undefined,
    activeRun: undefined,
    answered: [],
    firstWriteReduced: false,
    effects: {},
    createdAt: undefined,
    updatedAt: undefined,
    metadata: {},
  };
}

/**
 * The facts of a thread's history: one discriminated union, past tense, versioned. Writes, not
 * resulting state, are recorded; replay applies them through the graph's reducers. Routing
 * decisions are recorded too, so replay never calls user code other than reducers.
 */
export type ThreadEvent =
  | ThreadCreated
  | RunStarted
  | StepStarted
  | TaskSucceeded
  | TaskInterrupted
  | TaskFailed
  | StepCommitted
  | InterruptResumed
  | StateUpdated
  | ThreadForked
  | BreakpointHit
  | ReplayWarningRaised
  | EffectRecorded
  | RunSucceeded
  | RunFailed
  | RunQueued
  | RunCancelled
  | RunRolledBack
  | RunLeaseRenewed;

export type ThreadEventType = ThreadEvent["type"];

/** A node's update: channel name to value written. */
export type Writes = Readonly<Record<string, unknown>>;

/** Where a finished task sends the run next. */
export interface Routes {
  /** Nodes triggered for the next step (END excluded). */
  readonly nodes: readonly string[];
  /** Send packets for the next step. */
  readonly sends: readonly SendPacket[];
  /** Fan-in edges this task counts toward. */
  readonly joins: readonly string[];
}

export interface SendPacket {
  readonly node: string;
  readonly args: unknown;
}

/** A task as planned for a step. */
export interface PlannedTask {
  readonly id: string;
  readonly node: string;
  /** Canonical path: `pull:<node>` or `push:<index>`; writes are applied in path order. */
  readonly path: string;
  /** The node's input when it is not the state (a Send's args). */
  readonly args?: unknown;
}

/** An `interrupt()` call that paused a task. */
export interface RaisedInterrupt {
  readonly id: string;
  /** Position of the call among the task's interrupt() calls (own calls only). */
  readonly index: number;
  readonly value: unknown;
  /** Hash of the payload, to detect a changed call on re-execution. */
  readonly hash: string;
  /** Set when the interrupt was raised inside a subgraph: the subgraph's thread. */
  readonly childThreadId?: string;
  /**
   * Set when the interrupt was raised inside a functional-API `task()` call: that call's journal
   * key. Like a subgraph's, its answer is bound by interrupt id, not by position in the node.
   */
  readonly scope?: string;
  /**
   * Set when the subgraph's thread (`childThreadId`) waits at a static breakpoint, its own or a
   * deeper subgraph's: not a question, so it is never listed among a thread's interrupts. A run that
   * continues the thread (`invoke(null)`, a Command) passes it, as LangGraph does.
   */
  readonly breakpoint?: true;
}

/** What a run was started with. */
export type RunInput =
  | {
      readonly kind: "input";
      readonly values: Writes;
      readonly routes: Routes;
      /** Set when the input is that of the head input checkpoint (an update as `"__input__"`): its `__start__` task runs, no new input checkpoint. */
      readonly fromInputCheckpoint?: true;
    }
  | { readonly kind: "continue" }
  | { readonly kind: "command"; readonly update?: Writes; readonly goto?: readonly (string | SendPacket)[]; readonly resume?: boolean };

/** How an answer was given: one bare value, or a map from interrupt id to answer. */
export type ResumeRequest = { readonly kind: "value"; readonly value: unknown } | { readonly kind: "map"; readonly answers: Readonly<Record<string, unknown>> };

/** What a caller asked a run to start with (before routing from START is known). */
export type RequestedInput =
  | { readonly kind: "input"; readonly values: Writes; readonly fromInputCheckpoint?: true }
  | { readonly kind: "continue" }
  | { readonly kind: "command"; readonly update?: Writes; readonly goto?: readonly (string | SendPacket)[]; readonly resume?: ResumeRequest };

/** What a new run does when its thread already has one running or queued (LangGraph's double texting). */
export type MultitaskStrategy = "reject" | "enqueue" | "interrupt" | "rollback";

/** Options fixed when a run starts; recorded so replay and other processes see them. */
export interface RunOptions {
  readonly recursionLimit: number;
  readonly interruptBefore: readonly string[] | "*";
  readonly interruptAfter: readonly string[] | "*";
  readonly strict: boolean;
  /** Fail a task whose execution raised any replay warning (the warning is still recorded). */
  readonly warningsAsErrors?: boolean;
  /**
   * When the run's steps are appended, as its creator asked (`runs.create({ durability })`); the
   * worker that executes it, in any process, honours it. Absent (runs queued by versions without this field, and
   * runs that name none): the graph's `compile({ durability })`, else `"sync"`.
   */
  readonly durability?: "sync" | "async" | "exit";
  /**
   * The streams beyond the engine's own chunks that the run's creator asked for (`runs.create({
   * streamMode, streamSubgraphs })`), so the worker that executes it, in any process, makes them:
   * chat model tokens (`messages`), `debug` chunks, chunks from inside subgraphs. Absent: none.
   */
  readonly streams?: RunStreams;
}

/** What {@link RunOptions.streams} names. */
export interface RunStreams {
  readonly messages?: true;
  readonly debug?: true;
  readonly subgraphs?: true;
}

/** The thread's first event: its id, the graph it runs, and for a subgraph's thread the task of the parent that runs it. */
export interface ThreadCreated {
  readonly type: "ThreadCreated";
  readonly v: 1;
  readonly threadId: string;
  readonly graph: string;
  /** Set for a subgraph's thread: the task that runs it. */
  readonly parent?: { readonly threadId: string; readonly taskId: string };
  /** The caller's metadata (threads.create). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /**
   * How a reducer channel without a default takes its first write: `"taken"`, as it is (LangGraph's
   * rule; every thread created since 0.2). Absent on threads created by 0.1.0, whose fold keeps
   * their rule: the reducer folds the first write into `undefined`.
   */
  readonly reducerFirstWrite?: "taken";
}

/** A run began: `invoke()`, `stream()` or the service API, with what it was started with and its options. */
export interface RunStarted {
  readonly type: "RunStarted";
  readonly v: 1;
  readonly runId: string;
  readonly input: RunInput;
  readonly options: RunOptions;
  /** Set when the run starts from a past checkpoint (time travel). */
  readonly fromCheckpoint?: number;
  /**
   * For a subgraph's run (recorded since 0.2): the revisions of the checkpoints the running steps
   * of the graphs above it were planned from, the root's (the thread the user addressed) first,
   * the calling graph's last. They place the subgraph's checkpoints among theirs (LangGraph's
   * `metadata.parents`), for time travel.
   */
  readonly parentCheckpoints?: readonly number[];
  /** Epoch ms until which the starting process holds the run; renewed while it runs. */
  readonly leaseExpiresAt?: number;
}

/** A superstep was planned: the tasks it runs, from the checkpoint at `baseRevision`. */
export interface StepStarted {
  readonly type: "StepStarted";
  readonly v: 1;
  readonly step: number;
  /** The revision of the checkpoint the step was planned from. */
  readonly baseRevision: number;
  readonly tasks: readonly PlannedTask[];
}

/** A task finished: what it wrote and where the run goes next. Replay applies these writes; it never calls the node. */
export interface TaskSucceeded {
  readonly type: "TaskSucceeded";
  readonly v: 1;
  readonly step: number;
  readonly taskId: string;
  readonly writes: Writes;
  readonly routes: Routes;
}

/** A task paused at `interrupt()`: each question it asked, with its id. */
export interface TaskInterrupted {
  readonly type: "TaskInterrupted";
  readonly v: 1;
  readonly step: number;
  readonly taskId: string;
  readonly interrupts: readonly RaisedInterrupt[];
}

/** An error as events record it: its class's name, its message, and its `code` when it has one (every replaygraph error's). */
export interface ErrorRecord {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

/** A task threw (after its retries): the error's name, message and code. */
export interface TaskFailed {
  readonly type: "TaskFailed";
  readonly v: 1;
  readonly step: number;
  readonly taskId: string;
  readonly error: ErrorRecord;
  readonly attempts: number;
}

/** Every task of the step succeeded and its writes are applied: a checkpoint. */
export interface StepCommitted {
  readonly type: "StepCommitted";
  readonly v: 1;
  readonly step: number;
}

/** Answers were given (`Command({ resume })`), each bound to the interrupt it answers. */
export interface InterruptResumed {
  readonly type: "InterruptResumed";
  readonly v: 1;
  readonly runId: string;
  readonly answers: readonly { readonly taskId: string; readonly interruptId: string; readonly value: unknown }[];
}

/** `updateState()` wrote to the state, as a node (`asNode`) or as a plain edit. */
export interface StateUpdated {
  readonly type: "StateUpdated";
  readonly v: 1;
  /**
   * The node the writes are attributed to; absent: plain edit that keeps `next`. `"__input__"`:
   * the writes are the input of a new input checkpoint (its `__start__` task pending), not yet applied.
   */
  readonly asNode?: string;
  readonly writes: Writes;
  /** Where the run goes after this update (when `asNode` is a node). */
  readonly routes?: Routes;
  /**
   * Set on an update as the start node (`asNode: "__start__"`, LangGraph's update as input):
   * START's edges route, and the checkpoint is an `update` one. Absent with `asNode: "__start__"`:
   * an update as `"__input__"` recorded before this field existed (then stored as START), whose
   * checkpoint is an `input` one with the values applied.
   */
  readonly asStart?: true;
  /**
   * The other updates of the same superstep (LangGraph's `bulkUpdateState`), applied together
   * with this one as one step: one checkpoint.
   */
  readonly alongside?: readonly AlongsideUpdate[];
}

/** One more update of a {@link StateUpdated}'s superstep, as the node `asNode`. */
export interface AlongsideUpdate {
  readonly asNode: string;
  readonly writes: Writes;
  readonly routes?: Routes;
}

/** The thread restarts from a past checkpoint; carries that checkpoint's materialized state. */
export interface ThreadForked {
  readonly type: "ThreadForked";
  readonly v: 1;
  readonly fromRevision: number;
  readonly state: ForkedState;
  /**
   * The new checkpoint's LangGraph step and parent (recorded since 0.2; absent in older events,
   * whose forks are numbered from the head and linked to the checkpoint they copy).
   */
  readonly checkpoint?: { readonly step: number; readonly parentRevision: number | undefined };
}

export interface ForkedState {
  readonly values: Writes;
  readonly step: number;
  readonly next: { readonly nodes: readonly string[]; readonly sends: readonly SendPacket[] };
  readonly barriers: Readonly<Record<string, readonly string[]>>;
}

/** A static breakpoint (`interruptBefore` / `interruptAfter`) paused the run. */
export interface BreakpointHit {
  readonly type: "BreakpointHit";
  readonly v: 1;
  readonly step: number;
  readonly when: "before" | "after";
  readonly nodes: readonly string[];
}

/** A re-executed task bent a replay rule (see `ReplayWarningKind`); the warning is part of the history. */
export interface ReplayWarningRaised {
  readonly type: "ReplayWarningRaised";
  readonly v: 1;
  readonly kind: ReplayWarningKind;
  readonly node: string;
  readonly taskId: string;
  readonly index?: number;
  readonly detail: string;
}

/**
 * - `interrupt-sequence-changed`: a re-execution's interrupt() calls differ from the recorded ones (rule 14);
 * - `interrupt-swallowed`: node code caught the pause signal and returned (rule 4);
 * - `io-before-interrupt`: a re-execution did I/O outside effect() before reaching its answered interrupt (rule 15);
 * - `side-effect-repeated`: the world the caller observes changed while a re-execution replayed (rule 15);
 * - `state-mutated`: a node changed its input state in place (rule 15);
 * - `task-sequence-changed`: a re-execution's functional-API task call found another task's record at its position.
 */
export type ReplayWarningKind =
  "interrupt-sequence-changed" | "interrupt-swallowed" | "io-before-interrupt" | "side-effect-repeated" | "state-mutated" | "task-sequence-changed";

/** A journaled side effect completed: `effect(key, fn)` ran `fn` once for this task; re-executions return `result`. */
export interface EffectRecorded {
  readonly type: "EffectRecorded";
  readonly v: 1;
  readonly taskId: string;
  readonly node: string;
  readonly key: string;
  readonly result: unknown;
}

/** A run ended: finished, or paused on an interrupt or breakpoint. */
export interface RunSucceeded {
  readonly type: "RunSucceeded";
  readonly v: 1;
  readonly runId: string;
  /** Set when the run stopped to wait: on a dynamic interrupt or a static breakpoint. */
  readonly pausedOn?: "interrupt" | "breakpoint";
}

/** A run ended with an error. */
export interface RunFailed {
  readonly type: "RunFailed";
  readonly v: 1;
  readonly runId: string;
  readonly error: ErrorRecord;
}

/** A run was created and waits for its turn (status `pending`). */
export interface RunQueued {
  readonly type: "RunQueued";
  readonly v: 1;
  readonly runId: string;
  readonly input: RequestedInput;
  readonly options: RunOptions;
  readonly multitaskStrategy: MultitaskStrategy;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The caller's `config.configurable` keys, handed to the nodes when the run executes. */
  readonly configurable?: Readonly<Record<string, unknown>>;
  /**
   * Queued ahead of the runs waiting (a run re-queued after its process died continues before
   * the runs created after it, keeping the thread's order). Absent: at the back.
   */
  readonly ahead?: true;
}

/** A run was cancelled (status `interrupted`); an active run keeps what it committed. */
export interface RunCancelled {
  readonly type: "RunCancelled";
  readonly v: 1;
  readonly runId: string;
  readonly action: "interrupt" | "rollback";
  readonly reason: string;
  /** Set when a queued run was refused as it came to start: the run ends with status `error`. */
  readonly error?: ErrorRecord;
}

/** An active run was cancelled and what it committed is dropped: the state is the one before it. */
export interface RunRolledBack {
  readonly type: "RunRolledBack";
  readonly v: 1;
  readonly runId: string;
  readonly reason: string;
  /** The state the thread had when the run started. */
  readonly restored: ForkedState;
}

/** The process running a run still holds it, until `expiresAt` (epoch ms). */
export interface RunLeaseRenewed {
  readonly type: "RunLeaseRenewed";
  readonly v: 1;
  readonly runId: string;
  readonly expiresAt: number;
}

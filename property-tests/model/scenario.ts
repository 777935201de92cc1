import type { GraphModel, Json } from "./graph-model.js";

/**
 * A wrong resume tried before the real one. Each must be refused with a named error and write
 * nothing (rules 6, 7, 10):
 * - `answered`: an id that was already answered;
 * - `unknown`: an id no interrupt ever had;
 * - `mixed`: a pending id together with an answered or unknown one (the whole map is refused);
 * - `bare`: a bare value while several interrupts are pending (AmbiguousResumeError);
 * - `oldCheckpoint`: a resume naming a checkpoint that is not the thread's latest;
 * - `otherThread`: the answer sent to a thread id that never ran.
 */
export type StaleKind = "answered" | "unknown" | "mixed" | "bare" | "oldCheckpoint" | "otherThread";

/** One resume of the schedule: which pending interrupts get which answers, and how. */
export interface ResumeStep {
  /** Answers, used in turn for the interrupts this step answers (any JSON, rule 8). */
  readonly answers: readonly Json[];
  /** Bit i set: answer the i-th pending interrupt (by path order). None set: answer one, chosen by the value. */
  readonly subset: number;
  /** Answer by id map even when only one interrupt is pending. */
  readonly byId: boolean;
  /** Restart first: a fresh graph over the same store, as a new process would build. */
  readonly restart: boolean;
  /** A wrong resume to try (and see refused) before this step's real one. */
  readonly stale: StaleKind | undefined;
  /** Used to make an unknown interrupt id (32 hex characters). */
  readonly unknownId: string;
}

/** A generated test case: a graph, its input, and the humans' answers. */
export interface Scenario {
  readonly graph: GraphModel;
  /** The first invoke's input: entries for the `log` channel. */
  readonly input: readonly string[];
  readonly steps: readonly ResumeStep[];
  /** Run with `strict: true` (NonDeterminismError instead of interrupt-sequence-changed). */
  readonly strict: boolean;
  /** Pass `observeSideEffects` (a reading of the in-memory database) on every call. */
  readonly observe: boolean;
}

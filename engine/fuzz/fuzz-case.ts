import { fc, type Arbitrary } from "./fast-check.js";

/** One resume of a fuzz case: answers for the pending interrupts, and whether the process restarts first. */
export interface FuzzStep {
  /** Used in turn for the pending interrupts (all of them are answered). */
  readonly answers: readonly unknown[];
  /** Answer by id map even when one interrupt is pending. */
  readonly byId: boolean;
  /** Build a fresh graph over the same store first, as a new process would. */
  readonly restart: boolean;
}

/** A generated case: the first input and up to eight resumes. */
export interface FuzzCase {
  readonly input: unknown;
  readonly steps: readonly FuzzStep[];
}

/** Fuzz cases from an input and an answer arbitrary. */
export function fuzzCaseArbitrary(input: Arbitrary<unknown>, answer: Arbitrary<unknown>, restarts: boolean): Arbitrary<FuzzCase> {
  const step = fc.record({
    answers: fc.array(answer, { minLength: 1, maxLength: 3 }),
    byId: fc.boolean(),
    restart: restarts ? fc.boolean() : fc.constant(false),
  });
  return fc.record({ input, steps: fc.array(step, { maxLength: 8 }) });
}

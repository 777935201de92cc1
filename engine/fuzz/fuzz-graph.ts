import { fc, type Arbitrary } from "./fast-check.js";
import type { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import { fuzzCaseArbitrary } from "./fuzz-case.js";
import { anyAnswer, inputFromSchema } from "./input-from-schema.js";
import { playFuzzCase, type FuzzViolation, type PlayedStep } from "./play-fuzz-case.js";
import { printReproduction, type ReproductionOptions } from "./print-reproduction.js";

/** Options of {@link fuzzGraph}. */
export interface FuzzOptions {
  /** Cases to run. Default 100. */
  readonly numRuns?: number;
  /** fast-check's seed; the report gives it back so a failure can be found again. Default: random. */
  readonly seed?: number;
  /** Inputs of the first invoke. Default: derived from the state schema (see inputFromSchema). */
  readonly input?: Arbitrary<Record<string, unknown>>;
  /** Answers for interrupts. Default: any JSON value. */
  readonly answer?: Arbitrary<unknown>;
  /** Reads the outside world your nodes change (e.g. `() => db.rows()`); passed to every run (see RunConfig). */
  readonly observeSideEffects?: () => unknown;
  /** Restart the process (a fresh graph over the same store) between steps of some cases. Default true. */
  readonly restarts?: boolean;
  /** How the reproduction is written: its language and the module to import the graph from (the CLI passes the graph module's). */
  readonly reproduction?: Pick<ReproductionOptions, "language" | "graphModule">;
  /** Called after each case. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link fuzzGraph} found. */
export interface FuzzReport {
  /** True when no case broke a replay rule. */
  readonly ok: boolean;
  readonly numRuns: number;
  readonly seed: number;
  /** The rules the (shrunk) counterexample breaks; empty when ok. */
  readonly violations: readonly FuzzViolation[];
  /** The shrunk counterexample as a program that replays it. */
  readonly counterexample?: string;
}

class ViolationsFound extends Error {
  constructor(
    readonly violations: readonly FuzzViolation[],
    readonly played: readonly PlayedStep[],
  ) {
    super(violations.map((violation) => `${violation.rule} in ${violation.node || "the thread"}: ${violation.detail}`).join("\n"));
  }
}

/**
 * Drives your compiled graph with generated inputs and generated answers to every interrupt, with
 * process restarts between steps, each case on a fresh in-memory store, and reports the replay
 * rules it breaks: a replay warning in the thread (I/O or an observed write outside effect()
 * before an interrupt, a changed interrupt sequence, a swallowed interrupt, an input state changed
 * in place), a replay of the stream that differs from the live state, two replays of the stream
 * that differ from each other (a reducer that invents values), an interrupt id that changes
 * across a restart, or a run that throws something other than a named refusal. The first failing
 * case is shrunk and returned as a program that replays it.
 *
 * WARNING: a side effect the engine cannot see (an in-memory object, synchronous I/O) is caught
 * only through `observeSideEffects`; pass a reading of what your nodes change.
 *
 * @example
 * const report = await fuzzGraph(graph, { numRuns: 200, observeSideEffects: () => db.rows().length });
 * if (!report.ok) console.log(report.violations, report.counterexample);
 */
export async function fuzzGraph(graph: Pick<CompiledStateGraph<any>, "graphSpec">, options: FuzzOptions = {}): Promise<FuzzReport> {
  const numRuns = options.numRuns ?? 100;
  const seed = options.seed ?? Math.floor(Math.random() * 0x7fffffff);
  const spec = graph.graphSpec;
  const cases = fuzzCaseArbitrary(options.input ?? inputFromSchema(spec), options.answer ?? anyAnswer, options.restarts ?? true);
  let done = 0;
  const property = fc.asyncProperty(cases, async (fuzzCase) => {
    const { violations, played } = await playFuzzCase(spec, fuzzCase, options.observeSideEffects);
    if (done < numRuns) options.onProgress?.(++done, numRuns);
    if (violations.length > 0) throw new ViolationsFound(violations, played);
  });
  const result = await fc.check(property, { numRuns, seed });
  options.onProgress?.(numRuns, numRuns);
  if (!result.failed) return { ok: true, numRuns, seed, violations: [] };
  const found = result.errorInstance;
  if (!(found instanceof ViolationsFound)) throw found;
  return {
    ok: false,
    numRuns,
    seed,
    violations: found.violations,
    counterexample: printReproduction(found.played, { seed, observe: options.observeSideEffects !== undefined, ...options.reproduction }),
  };
}

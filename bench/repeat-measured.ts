/** How many times to run a measurement. */
export interface RepetitionPlan {
  /** Runs whose results are discarded (JIT warm-up); a benchmark makes them smaller. */
  readonly warmups: number;
  /** Runs whose results are kept. */
  readonly repetitions: number;
}

/** Which run of a {@link repeatMeasured} series this is. */
export interface Repetition {
  /** 0-based among the measured runs; negative for warm-ups (-1 is the last warm-up). */
  readonly index: number;
  readonly warmup: boolean;
}

/**
 * Runs `measure` `plan.warmups` times, discarding the results, then `plan.repetitions` times,
 * returning those results in order. Each run should open a fresh store and call
 * `collectGarbage()` right before its timed section.
 *
 * @example
 * const runs = await repeatMeasured({ warmups: 1, repetitions: 5 }, async ({ warmup }) => timeChain(warmup ? 100 : 1000));
 */
export async function repeatMeasured<TResult>(plan: RepetitionPlan, measure: (repetition: Repetition) => Promise<TResult>): Promise<TResult[]> {
  for (let w = plan.warmups; w > 0; w--) await measure({ index: -w, warmup: true });
  const results: TResult[] = [];
  for (let index = 0; index < plan.repetitions; index++) results.push(await measure({ index, warmup: false }));
  return results;
}

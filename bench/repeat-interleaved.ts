import type { Repetition, RepetitionPlan } from "./repeat-measured.js";

/**
 * Like `repeatMeasured`, for several variants compared with each other (engines, stores, append
 * paths): each warm-up round and each measured round runs every variant once, in order, so a
 * slow spell of a noisy machine lands on all of them instead of on whichever ran then. Returns
 * the measured results per variant, in the order of `variants`.
 *
 * @example
 * const [ours, theirs] = await repeatInterleaved({ warmups: 1, repetitions: 5 }, [replaygraphEngine, langGraphEngine],
 *   (engine, { warmup }) => timeChain(engine, warmup ? 100 : 1000));
 */
export async function repeatInterleaved<TVariant, TResult>(
  plan: RepetitionPlan,
  variants: readonly TVariant[],
  measure: (variant: TVariant, repetition: Repetition) => Promise<TResult>,
): Promise<TResult[][]> {
  for (let w = plan.warmups; w > 0; w--) {
    for (const variant of variants) await measure(variant, { index: -w, warmup: true });
  }
  const results = variants.map((): TResult[] => []);
  for (let index = 0; index < plan.repetitions; index++) {
    for (const [v, variant] of variants.entries()) results[v]?.push(await measure(variant, { index, warmup: false }));
  }
  return results;
}

import type { BenchEngine } from "./bench-engine.js";
import type { StoreKind } from "./bench-store.js";

/** One engine on one kind of store: what the comparative benchmarks interleave. */
export interface BenchVariant {
  readonly kind: StoreKind;
  readonly engine: BenchEngine;
}

/** Every engine on every store kind, store kind first: memory/replaygraph, memory/LangGraph, sqlite/... */
export function variantsOf(engines: readonly BenchEngine[], kinds: readonly StoreKind[] = ["memory", "sqlite"]): BenchVariant[] {
  return kinds.flatMap((kind) => engines.map((engine) => ({ kind, engine })));
}

/** `chain: replaygraph sqlite repetition 2/5`, for progress lines. */
export function progressLabel(
  benchmark: string,
  variant: BenchVariant,
  repetition: { readonly warmup: boolean; readonly index: number },
  repetitions: number,
): string {
  const which = repetition.warmup ? "warm-up" : `repetition ${repetition.index + 1}/${repetitions}`;
  return `${benchmark}: ${variant.engine.name} ${variant.kind} ${which}`;
}

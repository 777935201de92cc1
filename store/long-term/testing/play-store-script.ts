import type { StoreLike } from "../base-store.js";

/** One labelled call of a store script, for the side-by-side store tests. */
export type StoreScriptStep = readonly [label: string, run: (store: StoreLike) => Promise<unknown>];

/**
 * Plays a script of store calls and keeps what each observably gave (`observe` normalizes what
 * differs by design: timestamps, value identity), or the name of the error it threw, by label.
 */
export async function playStoreScript(
  store: StoreLike,
  script: readonly StoreScriptStep[],
  observe: (value: unknown) => unknown,
): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const [label, run] of script) {
    try {
      results[label] = { ok: observe(await run(store)) };
    } catch (error) {
      results[label] = { error: (error as Error).name };
    }
  }
  return results;
}

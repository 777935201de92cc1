import { InvalidConfigError } from "../errors/run-errors.js";

/**
 * When a run's steps are appended to its thread's stream (LangGraph's `durability` option, with
 * its names):
 *
 * - `"sync"` (the default): a step's append is awaited before the next step starts.
 * - `"async"`: a step's append is started on the next turn of the event loop and not awaited;
 *   the next step executes meanwhile, and steps decided while an append is under way go in the
 *   next one (group commit, in order). Every append is awaited before the run returns.
 * - `"exit"`: nothing is appended until the run ends, pauses (an interrupt, a breakpoint) or
 *   fails; then every step of the run goes in one append.
 *
 * WARNING: a crash loses the steps not yet appended: none in `sync` (but the step under way),
 * those decided since the last finished append in `async`, the whole run in `exit` (the thread is
 * as it was before the call, or, for a run with a lease, shows the run started and recovery ends
 * it). The history is never torn, reordered or doubled, an interrupt is returned only once it is
 * stored, and an `effect()` stores every step before it first, so a journaled effect never runs
 * again for a step that was stored. See SEMANTICS.md, "Durability modes".
 */
export type Durability = "sync" | "async" | "exit";

const durabilities: readonly Durability[] = ["sync", "async", "exit"];

/** The durability a run config or compile option names, checked; `undefined` when it names none. */
export function durabilityOf(value: unknown, where: string): Durability | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (durabilities as readonly string[]).includes(value)) return value as Durability;
  throw new InvalidConfigError(`${where} durability must be "sync", "async" or "exit"; got ${JSON.stringify(value)}. The default is "sync".`);
}

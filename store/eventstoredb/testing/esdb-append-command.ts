import type { AppendOutcome, ProposedEvent, WireExpectedRevision } from "./esdb-memory-log.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";
import { sizeOnDiskOf } from "./esdb-wire-convert.js";

/** An append's outcome, or the server's refusal of an append over `MaxAppendSize`. */
export type AppendCommandOutcome = AppendOutcome | { readonly kind: "too_large"; readonly maxAppendSize: number };

/**
 * Runs one append as an EventStoreDB node does for both append RPCs: the whole request is
 * refused when its events together exceed `MaxAppendSize`, otherwise the log applies it.
 */
export function executeAppend(
  state: EsdbWireServerState,
  stream: string,
  expected: WireExpectedRevision,
  events: readonly ProposedEvent[],
): AppendCommandOutcome {
  const size = events.reduce((total, event) => total + sizeOnDiskOf(event), 0);
  if (size > state.maxAppendSize) return { kind: "too_large", maxAppendSize: state.maxAppendSize };
  return state.log.append(stream, expected, events);
}

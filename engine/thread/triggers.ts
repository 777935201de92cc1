import { END, START } from "../graph/constants.js";
import type { Routes, SendPacket } from "./events.js";
import type { Triggers } from "./thread-state.js";

/** Whether any node is triggered or any send waits. */
export function hasTriggers(triggers: Triggers): boolean {
  return triggers.nodes.length > 0 || triggers.sends.length > 0;
}

/** The triggers without `node` (its sends stay). */
export function withoutNode(triggers: Triggers, node: string): Triggers {
  return { nodes: triggers.nodes.filter((name) => name !== node), sends: triggers.sends };
}

/** The triggers with a task's routes added. */
export function addRoutes(triggers: Triggers, routes: Routes | undefined): Triggers {
  return routes ? mergeTriggers(triggers, { nodes: routes.nodes, sends: routes.sends }) : triggers;
}

/** What a task's `goto` triggers: nodes (not END or START) and sends. */
export function triggersOf(goto: readonly (string | SendPacket)[]): Triggers {
  return {
    nodes: goto.filter((target): target is string => typeof target === "string" && target !== END && target !== START),
    sends: goto.filter((target): target is SendPacket => typeof target !== "string"),
  };
}

/** Union of triggered nodes (sorted, unique) and concatenation of sends. */
export function mergeTriggers(a: Triggers, b: Triggers): Triggers {
  if (b.nodes.length === 0 && b.sends.length === 0) return a;
  if (a.nodes.length === 0 && a.sends.length === 0) return { nodes: b.nodes.length <= 1 ? b.nodes : [...new Set(b.nodes)].sort(), sends: b.sends };
  return { nodes: [...new Set([...a.nodes, ...b.nodes])].sort(), sends: [...a.sends, ...b.sends] };
}

/**
 * `next` after an update as `node`: the node no longer triggered; in a superstep of several
 * updates (bulkUpdateState), its Sends are taken too, one per update, as its tasks having run.
 */
export function asRanBy(next: Triggers, node: string, superstep: boolean): Triggers {
  const pulled = next.nodes.includes(node) ? withoutNode(next, node) : next;
  if (!superstep) return pulled;
  const index = pulled.sends.findIndex((send) => send.node === node);
  if (index === -1 || next.nodes.includes(node)) return pulled;
  return { nodes: pulled.nodes, sends: [...pulled.sends.slice(0, index), ...pulled.sends.slice(index + 1)] };
}

import { createHash } from "node:crypto";
import type { GraphSpec } from "../graph/graph-spec.js";

const fingerprints = new WeakMap<GraphSpec, string>();

/**
 * A hash of what the fold of a thread's events depends on in its graph: each channel's name,
 * reducer and default (by their source text), each fan-in edge and each deferred node. Two graphs with the same
 * fingerprint fold the same events to the same state, so a snapshot taken under one serves the
 * other; a graph whose channels or reducers changed gets a new fingerprint and ignores the old
 * snapshots (the thread is replayed from its first event).
 *
 * WARNING: functions are compared by their source text. A reducer that reads a variable from its
 * closure (a config value, a module constant) can change behaviour without changing its text;
 * snapshots then keep the state the old reducer computed until they are deleted.
 */
export function graphFingerprintOf(graph: GraphSpec): string {
  const known = fingerprints.get(graph);
  if (known !== undefined) return known;
  const hash = createHash("sha256");
  for (const name of [...graph.channels.keys()].sort()) {
    const channel = graph.channels.get(name)!;
    hash.update(`channel\u0000${name}\u0000${channel.reducer?.toString() ?? "-"}\u0000${channel.default?.toString() ?? "-"}\u0000`);
  }
  for (const key of [...graph.joins.keys()].sort()) {
    const join = graph.joins.get(key)!;
    hash.update(`join\u0000${key}\u0000${[...join.sources].sort().join(",")}\u0000${join.target}\u0000`);
  }
  // Deferred nodes change which triggers a step leaves behind; graphs without any hash as before.
  for (const name of [...graph.nodes.keys()].sort()) if (graph.nodes.get(name)!.defer) hash.update(`defer\u0000${name}\u0000`);
  const fingerprint = hash.digest("hex").slice(0, 32);
  fingerprints.set(graph, fingerprint);
  return fingerprint;
}

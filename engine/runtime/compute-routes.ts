import { UnknownNodeError } from "../errors/graph-errors.js";
import { InvalidUpdateError } from "../errors/run-errors.js";
import { END } from "../graph/constants.js";
import type { GraphSpec, NodeConfig } from "../graph/graph-spec.js";
import { isSend, type Send } from "../graph/send.js";
import { applyWrites } from "../thread/apply-writes.js";
import type { Routes, SendPacket, Writes } from "../thread/events.js";
import { assertSerializable } from "../serialization/assert-serializable.js";

/**
 * Where the run goes after `node` wrote `writes`: its static edges, its `Command({ goto })`, its
 * conditional edges (evaluated on the state with this node's writes applied, as LangGraph does),
 * and the fan-in edges it counts toward. Routing is recorded in the node's event, so replay never
 * calls these functions again.
 */
export async function computeRoutes(
  graph: GraphSpec,
  node: string,
  stateBefore: Writes,
  writes: Writes,
  goto: readonly (string | Send)[],
  config: NodeConfig,
): Promise<Routes> {
  const nodes = new Set<string>(graph.edges.get(node) ?? []);
  const sends: SendPacket[] = [];
  const add = (target: unknown, where: string, pathMap?: Readonly<Record<string, string>>) => {
    if (isSend(target)) {
      if (!graph.nodes.has(target.node)) throw new UnknownNodeError(target.node, `A Send from ${where}`, [...graph.nodes.keys()]);
      assertSerializable(target.args, `Send args to node '${target.node}'`);
      sends.push({ node: target.node, args: target.args });
      return;
    }
    if (typeof target !== "string") {
      throw new InvalidUpdateError(`${where} returned ${JSON.stringify(target) ?? String(target)}; a route must be a node name, END, a Send, or a list of them.`);
    }
    const resolved = pathMap ? pathMap[target] : target;
    if (resolved === undefined) {
      throw new InvalidUpdateError(`${where} returned '${target}', which is not a key of its path map (${Object.keys(pathMap ?? {}).join(", ")}).`);
    }
    if (resolved === END) return;
    if (!graph.nodes.has(resolved)) throw new UnknownNodeError(resolved, where, [...graph.nodes.keys()]);
    nodes.add(resolved);
  };
  for (const target of goto) add(target, `Command({ goto }) of node '${node}'`);
  const branches = graph.branches.get(node);
  if (branches?.length) {
    const fresh = applyWrites(graph, stateBefore, [writes]);
    for (const branch of branches) {
      const result = await branch.path(fresh, config);
      for (const target of Array.isArray(result) ? result : [result]) add(target, `The conditional edge from '${node}'`, branch.pathMap);
    }
  }
  return { nodes: [...nodes].sort(), sends, joins: (graph.joinsBySource.get(node) ?? []).map((join) => join.key) };
}

import { UnknownNodeError } from "../errors/graph-errors.js";
import { InvalidUpdateError } from "../errors/run-errors.js";
import { END } from "../graph/constants.js";
import type { GraphSpec, NodeConfig } from "../graph/graph-spec.js";
import { isSend, type Send } from "../graph/send.js";
import { isCommand, recordedCommandOf } from "../graph/command.js";
import { applyWrites } from "../thread/apply-writes.js";
import type { Routes, SendPacket, Writes } from "../thread/events.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { isPromiseLike } from "./is-promise-like.js";

/**
 * Where the run goes after `node` wrote `writes`: its static edges, its `Command({ goto })`, its
 * conditional edges (evaluated on the state with this node's writes applied, as LangGraph does),
 * and the fan-in edges it counts toward. Routing is recorded in the node's event, so replay never
 * calls these functions again. Synchronous unless a conditional edge returns a promise.
 */
export function computeRoutes(
  graph: GraphSpec,
  node: string,
  stateBefore: Writes,
  writes: Writes,
  goto: readonly (string | Send)[],
  config: NodeConfig,
  firstWriteReduced = false,
): Routes | Promise<Routes> {
  const nodes = new Set<string>(graph.edges.get(node) ?? []);
  const sends: SendPacket[] = [];
  const add = (target: unknown, where: string, pathMap?: Readonly<Record<string, string>>, hint?: string) => {
    if (isSend(target)) {
      if (!graph.nodes.has(target.node)) throw new UnknownNodeError(target.node, `A Send from ${where}`, [...graph.nodes.keys()]);
      const args = isCommand(target.args) ? recordedCommandOf(target.args) : target.args;
      assertSerializable(args, `Send args to node '${target.node}'`);
      sends.push({ node: target.node, args });
      return;
    }
    if (typeof target !== "string") {
      throw new InvalidUpdateError(
        `${where} returned ${JSON.stringify(target) ?? String(target)}; a route must be a node name, END, a Send, or a list of them.`,
      );
    }
    const resolved = pathMap ? pathMap[target] : target;
    if (resolved === undefined) {
      throw new InvalidUpdateError(`${where} returned '${target}', which is not a key of its path map (${Object.keys(pathMap ?? {}).join(", ")}).`);
    }
    if (resolved === END) return;
    if (!graph.nodes.has(resolved)) throw new UnknownNodeError(resolved, where, [...graph.nodes.keys()], hint);
    nodes.add(resolved);
  };
  const toParent = "From a subgraph, a node of the parent graph is addressed with Command({ goto, graph: Command.PARENT }).";
  for (const target of goto) add(target, `Command({ goto }) of node '${node}'`, undefined, toParent);
  const routes = (): Routes => ({ nodes: [...nodes].sort(), sends, joins: (graph.joinsBySource.get(node) ?? []).map((join) => join.key) });
  const branches = graph.branches.get(node);
  if (!branches?.length) return routes();
  const fresh = applyWrites(graph, stateBefore, [writes], firstWriteReduced);
  // Branches are taken in order; from the first that returns a promise on, each is awaited.
  const take = (index: number): Routes | Promise<Routes> => {
    for (let i = index; i < branches.length; i++) {
      const branch = branches[i]!;
      const result = branch.path(fresh, config);
      const addAll = (resolved: unknown) => {
        for (const target of Array.isArray(resolved) ? resolved : [resolved]) add(target, `The conditional edge from '${node}'`, branch.pathMap);
      };
      if (isPromiseLike(result)) return Promise.resolve(result).then((resolved) => (addAll(resolved), take(i + 1)));
      addAll(result);
    }
    return routes();
  };
  return take(0);
}

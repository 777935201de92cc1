import { ReplayGraphError } from "./replaygraph-error.js";

/** A graph definition that cannot run. Thrown by `addNode`, `addEdge` and `compile()`. */
export class InvalidGraphError extends ReplayGraphError {
  readonly code: string = "INVALID_GRAPH";
}

/** An edge, breakpoint or route names a node the graph does not have. */
export class UnknownNodeError extends InvalidGraphError {
  override readonly code = "UNKNOWN_NODE";
  readonly node: string;

  /** `hint`: one more way to fix it, said after the others. */
  constructor(node: string, where: string, known: readonly string[], hint = "") {
    super(
      `${where} names node '${node}', which the graph does not have. ` +
        `Known nodes: ${known.length ? known.map((n) => `'${n}'`).join(", ") : "(none)"}. Add it with addNode('${node}', fn) or fix the name.` +
        (hint ? ` ${hint}` : ""),
    );
    this.node = node;
  }
}

/** A node that no edge, conditional edge or Command can reach from START. */
export class UnreachableNodeError extends InvalidGraphError {
  override readonly code = "UNREACHABLE_NODE";
  readonly node: string;

  constructor(node: string) {
    super(
      `Node '${node}' is not reachable from START: no edge, conditional edge or Command leads to it. ` +
        `Add an edge to it (addEdge('<from>', '${node}')), list it in a conditional edge's path map, ` +
        `declare it in the 'ends' option of a node that returns Command({ goto: '${node}' }), or remove it.`,
    );
    this.node = node;
  }
}

/** A graph with no edge from START. */
export class MissingEntryPointError extends InvalidGraphError {
  override readonly code = "MISSING_ENTRY_POINT";

  constructor() {
    super(`The graph has no entry point. Add an edge from START, e.g. addEdge(START, '<first node>').`);
  }
}

/** A node or channel name that the engine reserves or that would collide. */
export class ReservedNameError extends InvalidGraphError {
  override readonly code = "RESERVED_NAME";
  readonly reservedName: string;

  constructor(name: string, reason: string) {
    super(`'${name}' cannot be used here: ${reason}. Choose another name.`);
    this.reservedName = name;
  }
}

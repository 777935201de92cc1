import { isCommand } from "../graph/command.js";
import { INTERRUPT } from "../graph/constants.js";
import type { DrawableGraph, DrawOptions } from "../graph/drawable-graph.js";
import type { EventStore } from "../../store/event-store.js";
import type { CompiledStateGraph } from "./compiled-state-graph.js";
import { graphWithConfig } from "./graph-with-config.js";
import { streamModesOf, type RunConfig } from "./run-config.js";

/** A node's output as its hidden channel holds it: the value, and the step that wrote it. */
export interface Stamped {
  readonly value: unknown;
  readonly step: number;
}

// Node names cannot contain ':', so these keys never meet a node's.
/** The hidden channel that holds the graph's input. */
export const graphInputKey = ":input";
/** The hidden channel that holds the graph's output (what the node with the edge to END returned). */
export const graphOutputKey = ":output";
/** The hidden channel that counts steps, so a node reads its freshest predecessor. */
export const graphStepKey = ":step";
const outputSuffix = ":out";

/** The hidden channel that holds a node's output. */
export function outputKeyOf(node: string): string {
  return `${node}${outputSuffix}`;
}

/**
 * A compiled {@link Graph}: `invoke(input)` returns the output of the node with the edge to END,
 * as LangGraph's `CompiledGraph` does. Threads, checkpoints and replay are the underlying
 * StateGraph's (`stateGraph`), whose state holds each node's output.
 */
export class CompiledGraph {
  /** The StateGraph this graph runs as. */
  readonly stateGraph: CompiledStateGraph;

  constructor(stateGraph: CompiledStateGraph) {
    this.stateGraph = stateGraph;
  }

  get checkpointer(): EventStore | undefined {
    return this.stateGraph.checkpointer;
  }

  /** Runs the graph and returns its output. A Command (resume) or null (continue a thread) passes through. */
  async invoke(input: unknown, config?: RunConfig): Promise<unknown> {
    const state = (await this.stateGraph.invoke(stateInputOf(input) as never, config)) as Record<string, unknown>;
    return (state[graphOutputKey] as Stamped | undefined)?.value;
  }

  /** Runs the graph once per input, concurrently, and returns the outputs in order. */
  async batch(inputs: readonly unknown[], config?: RunConfig | readonly RunConfig[]): Promise<unknown[]> {
    return Promise.all(inputs.map((input, index) => this.invoke(input, Array.isArray(config) ? config[index] : (config as RunConfig | undefined))));
  }

  /**
   * Streams the run as LangGraph's Graph does: `values` (the default) yields `{ node: output }` for
   * the nodes of each step, `updates` yields `{ node: { node: output } }`; other modes are the
   * StateGraph's (whose state holds each node's output).
   */
  async stream(input: unknown, config?: RunConfig): Promise<AsyncIterableIterator<unknown>> {
    const streamMode = config?.streamMode ?? "values";
    const { tuples } = streamModesOf({ streamMode });
    const chunks = await this.stateGraph.stream(stateInputOf(input) as never, { ...config, streamMode });
    return (async function* outputs(): AsyncGenerator<unknown> {
      for await (const chunk of chunks) {
        const [mode, payload] = tuples ? (chunk as [string, unknown]) : [typeof streamMode === "string" ? streamMode : "values", chunk];
        const shown = shownChunk(mode, payload);
        if (shown === skipped) continue;
        yield tuples ? [mode, shown] : shown;
      }
    })();
  }

  /** This graph with `config` under every call's config (LangGraph's `withConfig`). */
  withConfig(config: RunConfig): this {
    return graphWithConfig(this, config);
  }

  /** The graph's nodes and edges, for drawing. */
  getGraph(options: DrawOptions = {}): DrawableGraph {
    return this.stateGraph.getGraph(options);
  }
}

const skipped = Symbol("skipped");

/** A StateGraph chunk as LangGraph's Graph shows it, or `skipped`. */
function shownChunk(mode: string, payload: unknown): unknown {
  if (typeof payload !== "object" || payload === null || INTERRUPT in payload) return payload;
  if (mode === "values") return freshOutputsOf(payload as Record<string, unknown>);
  if (mode === "updates") {
    const shown: Record<string, unknown> = {};
    for (const [node, writes] of Object.entries(payload as Record<string, unknown>)) {
      const output =
        typeof writes === "object" && writes !== null ? ((writes as Record<string, unknown>)[outputKeyOf(node)] as Stamped | undefined) : undefined;
      // LangGraph's Graph writes a node's output to a channel named after the node.
      shown[node] = output === undefined ? writes : { [node]: output.value };
    }
    return shown;
  }
  return payload;
}

/** `{ node: output }` for the nodes that ran in the state's last step (LangGraph clears older outputs), or `skipped`. */
function freshOutputsOf(state: Readonly<Record<string, unknown>>): unknown {
  const step = state[graphStepKey];
  const shown: Record<string, unknown> = {};
  for (const [key, stamped] of Object.entries(state)) {
    if (!key.endsWith(outputSuffix) || (stamped as Stamped | undefined)?.step !== step) continue;
    shown[key.slice(0, -outputSuffix.length)] = (stamped as Stamped).value;
  }
  return Object.keys(shown).length === 0 ? skipped : shown;
}

function stateInputOf(input: unknown): unknown {
  if (input === null || input === undefined || isCommand(input)) return input;
  return { [graphInputKey]: { value: input, step: 0 } satisfies Stamped };
}

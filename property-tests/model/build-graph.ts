import { Annotation, END, Send, START, StateGraph, type CompiledStateGraph, type EventStore, type NodeConfig } from "replaygraph";
import type { GraphModel, NodeModel } from "./graph-model.js";
import { ProgramRun, taskOf, type Channels, type ProgramEnvironment } from "./run-program.js";
import type { Trace } from "./trace.js";
import type { World } from "./world.js";

const concat = (a: string[], b: string[]) => a.concat(b);
const last = <T>(_: T, b: T) => b;

/** The top graph's state. */
export const TopState = Annotation.Root({
  log: Annotation<string[]>({ reducer: concat, default: () => [] }),
  go: Annotation<boolean>({ reducer: last, default: () => false }),
  laps: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
});

/** A subgraph's state: its own channels, so nothing of it flows back into the parent's. */
export const ChildState = Annotation.Root({
  sublog: Annotation<string[]>({ reducer: concat, default: () => [] }),
  subgo: Annotation<boolean>({ reducer: last, default: () => false }),
  laps: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
});

const topChannels: Channels = { log: "log", go: "go" };
const childChannels: Channels = { log: "sublog", go: "subgo" };

/** What building needs: the instrumentation and the engine's injectable clock and ids. */
export interface BuildEnvironment {
  readonly trace: Trace;
  readonly world: World;
  readonly clock: () => number;
  readonly generateId: () => string;
  /** Compiled subgraphs by the name of the node that runs them (filled while building). */
  readonly subgraphs: Map<string, CompiledStateGraph<any>>;
}

/**
 * Builds a generated graph model into a real compiled graph on `store`. Building again (a
 * restart) makes new graph objects, subgraphs included, with no in-process state.
 */
export function buildGraph(model: GraphModel, store: EventStore, env: BuildEnvironment, options: { strict: boolean }): CompiledStateGraph<any> {
  env.subgraphs.clear();
  return assemble(model, new StateGraph(TopState), { trace: env.trace, world: env.world, channels: topChannels }, env).compile({
    checkpointer: store,
    strict: options.strict,
    clock: env.clock,
    generateId: env.generateId,
  });
}

function buildChild(model: GraphModel, env: BuildEnvironment): CompiledStateGraph<any> {
  return assemble(model, new StateGraph(ChildState), { trace: env.trace, world: env.world, channels: childChannels }, env).compile({
    generateId: env.generateId,
    clock: env.clock,
  });
}

function assemble(model: GraphModel, builder: StateGraph<any>, program: ProgramEnvironment, env: BuildEnvironment): StateGraph<any> {
  const add = (node: NodeModel) => builder.addNode(node.name, nodeAction(node, program, env));
  const go = program.channels.go;
  switch (model.shape) {
    case "linear": {
      let previous = START;
      for (const node of model.nodes) {
        add(node);
        builder.addEdge(previous, node.name);
        previous = node.name;
      }
      builder.addEdge(previous, END);
      return builder;
    }
    case "branch":
      for (const node of [model.head, model.left, model.right]) add(node);
      builder.addEdge(START, model.head.name);
      builder.addConditionalEdges(model.head.name, (state: Record<string, unknown>) => (state[go] ? model.left.name : model.right.name), [
        model.left.name,
        model.right.name,
      ]);
      builder.addEdge(model.left.name, END);
      builder.addEdge(model.right.name, END);
      return builder;
    case "loop": {
      const first = model.body[0]!;
      const counter = `${first.name}_laps`;
      let previous = START;
      for (const node of model.body) {
        add(node);
        builder.addEdge(previous, node.name);
        previous = node.name;
      }
      builder.addNode(counter, () => ({ laps: 1 }));
      builder.addEdge(previous, counter);
      builder.addConditionalEdges(counter, (state: Record<string, unknown>) => ((state["laps"] as number) < model.laps ? first.name : END), [first.name, END]);
      return builder;
    }
    case "parallel":
      for (const node of model.branches) {
        add(node);
        builder.addEdge(START, node.name);
      }
      if (model.join) {
        add(model.join);
        builder.addEdge(
          model.branches.map((node) => node.name),
          model.join.name,
        );
        builder.addEdge(model.join.name, END);
      } else for (const node of model.branches) builder.addEdge(node.name, END);
      return builder;
    case "send": {
      add(model.head);
      add(model.worker);
      builder.addEdge(START, model.head.name);
      builder.addConditionalEdges(model.head.name, () => Array.from({ length: model.count }, (_, item) => new Send(model.worker.name, { item })), [
        model.worker.name,
      ]);
      if (model.tail) {
        add(model.tail);
        builder.addEdge(model.worker.name, model.tail.name);
        builder.addEdge(model.tail.name, END);
      } else builder.addEdge(model.worker.name, END);
      return builder;
    }
  }
}

function nodeAction(node: NodeModel, program: ProgramEnvironment, env: BuildEnvironment) {
  switch (node.kind) {
    case "program":
      return async (input: Record<string, unknown>, config: NodeConfig) => {
        const run = start(node.name, program, input, config);
        await finish(run, () => run.run(node.ops, 0));
        return run.update();
      };
    case "subgraph": {
      const child = buildChild(node.child, env);
      env.subgraphs.set(node.name, child);
      return child;
    }
    case "callsSubgraph": {
      const child = buildChild(node.child, env);
      env.subgraphs.set(node.name, child);
      return async (input: Record<string, unknown>, config: NodeConfig) => {
        const run = start(node.name, program, input, config);
        await finish(run, async () => {
          await run.run(node.before, 0);
          program.trace.record(run.execution, { kind: "subgraphCall" });
          const output = (await child.invoke({ sublog: [node.name] }, config)) as { sublog: string[] };
          run.log.push(`${node.name}:child wrote ${output.sublog.length}`);
          await run.run(node.after, node.before.length);
        });
        return run.update();
      };
    }
  }
}

function start(name: string, program: ProgramEnvironment, input: Record<string, unknown>, config: NodeConfig): ProgramRun {
  const { task, thread } = taskOf(config);
  return new ProgramRun(name, program, program.trace.begin(task, thread, name), input);
}

async function finish(run: ProgramRun, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    run.env.trace.record(run.execution, { kind: "end", how: "returned" });
  } catch (error) {
    run.env.trace.record(run.execution, { kind: "end", how: "threw" });
    throw error;
  }
}

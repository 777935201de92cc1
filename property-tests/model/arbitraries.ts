import fc from "fast-check";
import type { Acceptance, GraphModel, Json, NodeModel, Op, OpKind } from "./graph-model.js";
import { printScenario } from "./print-scenario.js";
import type { ResumeStep, Scenario, StaleKind } from "./scenario.js";

/** What a family of properties lets the generator produce. */
export interface ScenarioOptions {
  /** The ops node programs are made of. */
  readonly ops: readonly OpKind[];
  /** How often each op is picked, relative to the others (default 1). */
  readonly weights?: Partial<Record<OpKind, number>>;
  /** How deep subgraphs nest (0: none). */
  readonly subgraphDepth?: number;
  /** Which wrong resumes the schedule tries (none: no stale attempts). */
  readonly stale?: readonly StaleKind[];
  /** Generate strict runs too. */
  readonly strict?: boolean;
  /** Pass observeSideEffects on some runs. */
  readonly observe?: boolean;
}

/** Ops whose programs answer every interrupt() call by position, the same on every execution. */
export const deterministicOps: readonly OpKind[] = ["write", "interrupt", "askUntil", "effect", "route", "swallow"];
/** Every op, the nondeterministic and side-effecting ones included. */
export const allOps: readonly OpKind[] = [...deterministicOps, "io", "db", "mutate", "varyingInterrupt", "skippedOnReplay"];
export const allStaleKinds: readonly StaleKind[] = ["answered", "unknown", "mixed", "bare", "oldCheckpoint", "otherThread"];

const small: fc.Arbitrary<Json> = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null));

/** Answers of any JSON type, with the falsy ones (rule 8) and empty containers favoured. */
export const answerArbitrary: fc.Arbitrary<Json> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<Json>(false, 0, "", null, true, 1, "yes", [], {}) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
);

function opArbitrary(kind: OpKind): fc.Arbitrary<Op> {
  switch (kind) {
    case "write":
      return small.map((value) => ({ op: "write", value }));
    case "interrupt":
      return small.map((question) => ({ op: "interrupt", question }));
    case "askUntil":
      return fc
        .record({ accept: fc.constantFrom<Acceptance>("number", "string", "truthy", "array"), max: fc.integer({ min: 1, max: 3 }) })
        .map((loop) => ({ op: "askUntil", ...loop }));
    case "effect":
      return fc.constant({ op: "effect" });
    case "io":
      return fc.boolean().map((inEffect) => ({ op: "io", inEffect }));
    case "db":
      return fc.record({ write: fc.constantFrom<"insert" | "upsert">("insert", "upsert"), inEffect: fc.boolean() }).map((db) => ({ op: "db", ...db }));
    case "mutate":
      return fc.constant({ op: "mutate" });
    case "route":
      return fc.constant({ op: "route" });
    case "varyingInterrupt":
      return small.map((question) => ({ op: "varyingInterrupt", question }));
    case "skippedOnReplay":
      return small.map((question) => ({ op: "skippedOnReplay", question }));
    case "swallow":
      return small.map((question) => ({ op: "swallow", question }));
  }
}

type Unnamed<T> = T extends { readonly name: string } ? Omit<T, "name"> & { readonly name?: string } : T;

function programArbitrary(options: ScenarioOptions, maxLength = 4): fc.Arbitrary<readonly Op[]> {
  return fc.array(fc.oneof(...options.ops.map((kind) => ({ weight: options.weights?.[kind] ?? 1, arbitrary: opArbitrary(kind) }))), { maxLength });
}

function nodeArbitrary(options: ScenarioOptions, depth: number): fc.Arbitrary<Unnamed<NodeModel>> {
  const program = programArbitrary(options).map((ops) => ({ kind: "program" as const, ops }));
  if (depth <= 0) return program;
  const child = graphArbitrary(options, depth - 1, true);
  return fc.oneof(
    { weight: 6, arbitrary: program },
    { weight: 1, arbitrary: child.map((graph) => ({ kind: "subgraph" as const, child: graph })) },
    {
      weight: 1,
      arbitrary: fc
        .record({ before: programArbitrary(options, 2), child, after: programArbitrary(options, 2) })
        .map((parts) => ({ kind: "callsSubgraph" as const, ...parts })),
    },
  );
}

function graphArbitrary(options: ScenarioOptions, depth: number, child: boolean): fc.Arbitrary<GraphModel> {
  const node = nodeArbitrary(options, depth);
  const program = programArbitrary(options).map((ops) => ({ kind: "program" as const, ops }));
  const shapes: fc.Arbitrary<unknown>[] = [
    fc.array(node, { minLength: 1, maxLength: child ? 2 : 3 }).map((nodes) => ({ shape: "linear", nodes })),
    fc.tuple(node, node, node).map(([head, left, right]) => ({ shape: "branch", head, left, right })),
  ];
  if (!child) {
    shapes.push(
      fc.record({ body: fc.array(node, { minLength: 1, maxLength: 2 }), laps: fc.integer({ min: 1, max: 3 }) }).map((loop) => ({ shape: "loop", ...loop })),
      fc
        .record({ branches: fc.array(node, { minLength: 2, maxLength: 3 }), join: fc.option(node, { nil: undefined }) })
        .map((fan) => ({ shape: "parallel", ...fan })),
      fc
        .record({ head: node, worker: program, count: fc.integer({ min: 1, max: 3 }), tail: fc.option(node, { nil: undefined }) })
        .map((send) => ({ shape: "send", ...send })),
    );
  }
  return fc.oneof(...shapes) as fc.Arbitrary<GraphModel>;
}

/** Names every node n0, n1, ... depth first, so names are unique across subgraphs. */
function named(graph: GraphModel, counter = { next: 0 }): GraphModel {
  const node = (unnamed: Unnamed<NodeModel> | NodeModel): NodeModel => {
    const name = `n${counter.next++}`;
    switch (unnamed.kind) {
      case "program":
        return { kind: "program", name, ops: unnamed.ops };
      case "subgraph":
        return { kind: "subgraph", name, child: named(unnamed.child, counter) };
      case "callsSubgraph":
        return { kind: "callsSubgraph", name, before: unnamed.before, child: named(unnamed.child, counter), after: unnamed.after };
    }
  };
  switch (graph.shape) {
    case "linear":
      return { shape: "linear", nodes: graph.nodes.map(node) };
    case "branch":
      return { shape: "branch", head: node(graph.head), left: node(graph.left), right: node(graph.right) };
    case "loop":
      return { shape: "loop", body: graph.body.map(node), laps: graph.laps };
    case "parallel":
      return { shape: "parallel", branches: graph.branches.map(node), join: graph.join && node(graph.join) };
    case "send":
      return { shape: "send", head: node(graph.head), worker: node(graph.worker), count: graph.count, tail: graph.tail && node(graph.tail) };
  }
}

function stepArbitrary(options: ScenarioOptions): fc.Arbitrary<ResumeStep> {
  const stale = options.stale?.length ? fc.option(fc.constantFrom(...options.stale), { nil: undefined, freq: 2 }) : fc.constant(undefined);
  return fc.record({
    answers: fc.array(answerArbitrary, { minLength: 1, maxLength: 3 }),
    subset: fc.nat(15),
    byId: fc.boolean(),
    restart: fc.boolean().chain((maybe) => (maybe ? fc.boolean() : fc.constant(false))),
    stale,
    unknownId: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 }),
  });
}

/**
 * Generated scenarios: a graph (linear, branching, a loop through edges, a parallel fan-out or a
 * `Send` map, with subgraphs as nodes or called inside nodes), its input, and up to eight resumes.
 * Each prints as a program (`String(scenario)` and fast-check's reports).
 */
export function scenarioArbitrary(options: ScenarioOptions): fc.Arbitrary<Scenario> {
  return fc
    .record({
      graph: graphArbitrary(options, options.subgraphDepth ?? 1, false).map((graph) => named(graph)),
      input: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
      steps: fc.array(stepArbitrary(options), { maxLength: 8 }),
      strict: options.strict ? fc.boolean() : fc.constant(false),
      observe: options.observe ? fc.boolean() : fc.constant(false),
    })
    .map((scenario) => withPrinter(scenario));
}

/** Makes a scenario print as its program (in fast-check's reports, String() and template strings). */
export function withPrinter(scenario: Scenario): Scenario {
  const print = { value: () => printScenario(scenario), enumerable: false };
  return Object.defineProperties(scenario, { [fc.toStringMethod]: print, toString: print });
}

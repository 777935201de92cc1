import fc from "fast-check";
import { Annotation, Command, END, ReplayGraphError, Send, START, StateGraph, interrupt, type CompiledStateGraph, type EventStore } from "../../index.js";

/**
 * A graph that exercises everything a snapshot must carry: a list, a sum, a Set and a Date in
 * the channels; an interrupt that pauses runs; a fan-out to two nodes joined by a fan-in edge; a
 * Send; conditional loops; and (from the driver) state updates and failing nodes.
 *
 * plan → (ask, and Send(echo) on even totals); ask may interrupt → left → further, and right;
 * further and right → merge (a fan-in edge, whose progress waits a step) → plan again until
 * `total` reaches `rounds`, or END.
 */
export interface SnapshotGraphParams {
  /** `ask` interrupts when `total` is a multiple of this (0: never). */
  readonly interruptEvery: number;
  /** `plan` throws when `total` equals this, once per run that reaches it (-1: never). */
  readonly failAt: number;
  /** Doubles `total`'s writes: a graph whose fold differs from the default one. */
  readonly otherReducer?: boolean;
}

const epoch = Date.UTC(2026, 0, 1);

/**
 * Compiles the graph on `store`, with a fixed clock and run ids counted from `runIds`-1, so that
 * two copies of a history continue identically (and a continuation's ids differ from the history's).
 */
export function snapshotGraph(store: EventStore, params: SnapshotGraphParams, snapshotEvery: number, runIds = "run"): CompiledStateGraph {
  const sum = params.otherReducer ? (a: number, b: number) => a + 2 * b : (a: number, b: number) => a + b;
  const State = Annotation.Root({
    log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    total: Annotation<number>({ reducer: sum, default: () => 0 }),
    seen: Annotation<Set<string>, Set<string>>({ reducer: (a, b) => new Set([...a, ...b]), default: () => new Set() }),
    note: Annotation<string>(),
    at: Annotation<Date>(),
    rounds: Annotation<number>(),
  });
  let ids = 0;
  const failed = new Set<number>();
  return (
    new StateGraph(State)
      .addNode("plan", (state) => {
        if (state.total === params.failAt && !failed.has(state.total)) {
          failed.add(state.total);
          throw new Error(`plan failed at ${state.total}`);
        }
        return { log: [`plan ${state.total}`], total: 1, at: new Date(epoch + state.total * 1000) };
      })
      .addNode("ask", (state) => {
        if (params.interruptEvery === 0 || state.total % params.interruptEvery !== 0) return { note: `auto ${state.total}` };
        const answer = interrupt({ question: "go on?", total: state.total });
        return { note: String(answer), seen: new Set([String(answer)]) };
      })
      // A Send's node gets the Send's args, not the state.
      .addNode("echo", (args) => ({ log: [`echo ${(args as unknown as { n: number }).n}`] }))
      .addNode("left", () => ({ log: ["left"] }))
      .addNode("further", () => ({ log: ["further"] }))
      .addNode("right", () => ({ log: ["right"] }))
      .addNode("merge", (state) => ({ log: [`merge ${state.log.length}`] }))
      .addEdge(START, "plan")
      .addConditionalEdges("plan", (state) => (state.total % 2 === 0 ? ["ask", new Send("echo", { n: state.total })] : "ask"), ["ask", "echo"])
      .addEdge("ask", "left")
      .addEdge("ask", "right")
      .addEdge("left", "further")
      .addEdge(["further", "right"], "merge")
      .addConditionalEdges("merge", (state) => (state.total < (state.rounds ?? 2) ? "plan" : END), ["plan", END])
      .compile({ checkpointer: store, snapshotEvery, clock: () => epoch, generateId: () => `${runIds}-${++ids}` })
  );
}

/** One thing a client does to the thread. */
export type SnapshotOp =
  | { readonly kind: "start"; readonly rounds: number }
  | { readonly kind: "resume"; readonly answer: string }
  | { readonly kind: "continue" }
  | { readonly kind: "update"; readonly note: string };

export const snapshotOpArbitrary: fc.Arbitrary<SnapshotOp> = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }).map((rounds) => ({ kind: "start" as const, rounds })) },
  { weight: 4, arbitrary: fc.constantFrom("yes", "no", "later").map((answer) => ({ kind: "resume" as const, answer })) },
  { weight: 1, arbitrary: fc.constant({ kind: "continue" as const }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((note) => ({ kind: "update" as const, note })) },
);

export const snapshotGraphParamsArbitrary: fc.Arbitrary<SnapshotGraphParams> = fc.record({
  interruptEvery: fc.constantFrom(0, 1, 2, 3),
  failAt: fc.constantFrom(-1, 1, 3),
});

/**
 * Applies `op` to the thread and returns what the client got: the output, or the refusal's name
 * and message. Refusals (a resume with nothing to answer, an update while paused, a node's
 * failure) are part of a client's life: they write nothing, or record the failure.
 */
export async function applySnapshotOp(graph: CompiledStateGraph, threadId: string, op: SnapshotOp): Promise<unknown> {
  const config = { configurable: { thread_id: threadId }, recursionLimit: 100 };
  try {
    if (op.kind === "start") return await graph.invoke({ log: ["start"], rounds: op.rounds }, config);
    if (op.kind === "resume") return await graph.invoke(new Command({ resume: op.answer }), config);
    if (op.kind === "continue") return await graph.invoke(null, config);
    return await graph.updateState(config, { note: op.note });
  } catch (error) {
    if (!(error instanceof ReplayGraphError) && !(error instanceof Error && error.message.startsWith("plan failed"))) throw error;
    return { refused: error.name, message: error.message };
  }
}

/** Lets snapshot writes the last commits started finish (they are not awaited by the runs). */
export async function settleSnapshotWrites(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

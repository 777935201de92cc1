import { Annotation, END, START, StateGraph, createEngine, interrupt, MemoryEventStore } from "replaygraph";

// Runs in its own process (the engine may spin): two service engines (createEngine) on one store
// resume the same interrupt by id at once, each with its own answer. Prints one "result <json>"
// line: how each runs.wait ended, the thread's answers, and every run's status; then exits.
const store = new MemoryEventStore();
const State = Annotation.Root({ answers: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }) });
const build = () =>
  new StateGraph(State)
    .addNode("ask", () => ({ answers: [interrupt<unknown, string>("Which one?")] }))
    .addEdge(START, "ask")
    .addEdge("ask", END)
    .compile({ checkpointer: store });
const engines = [createEngine({ store, graphs: { ask: build() } }), createEngine({ store, graphs: { ask: build() } })];
await engines[0]!.threads.create({ threadId: "race" });
const paused = await engines[0]!.runs.wait("race", "ask", { input: {} });
const id = (paused["__interrupt__"] as { id: string }[])[0]!.id;
const settled = await Promise.allSettled(engines.map((engine, index) => engine.runs.wait("race", "ask", { command: { resume: { [id]: `answer ${index}` } } })));
const outcomes = settled.map((outcome) =>
  outcome.status === "fulfilled" ? { ok: outcome.value["answers"] } : { error: (outcome.reason as { code?: string }).code ?? String(outcome.reason) },
);
const state = await engines[0]!.threads.getState("race");
const runs = (await engines[0]!.runs.list("race")).map((run) => run.status);
process.stdout.write(`result ${JSON.stringify({ outcomes, answers: state.values["answers"], runs })}\n`);
process.exit(0);

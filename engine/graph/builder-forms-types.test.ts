import { RunnableLambda } from "@langchain/core/runnables";
import { describe, expect, expectTypeOf, it } from "vitest";
import { Annotation, END, MemorySaver, Overwrite, START, StateGraph } from "replaygraph";

// Typed LangGraph programs in every builder form, written as a LangGraph user writes them: they
// must compile under tsc --strict against replaygraph (this file is type-checked by `npm test`)
// and run.

const concat = (a: string[], b: string[]) => a.concat(b);
const State = Annotation.Root({
  count: Annotation<number>(),
  log: Annotation<string[]>({ reducer: concat, default: () => [] }),
});
const In = Annotation.Root({ count: Annotation<number>() });
// The same reducer as the state's: LangGraph refuses a key declared with two different ones.
const Out = Annotation.Root({ log: Annotation<string[]>({ reducer: concat, default: () => [] }) });

const bump = (state: typeof State.State) => ({ count: state.count + 1, log: [`bump:${state.count}`] });
const note = (name: string) => (_state: typeof State.State) => ({ log: [name] });

describe("typed builder forms", () => {
  it("compile with the state's types and run", async () => {
    const graph = new StateGraph(State)
      .addNode("bump", bump)
      .addNode({ b: note("b"), c: note("c") })
      .addNode([["d", note("d"), { metadata: { owner: "ops" } }]])
      .addNode(
        "lambda",
        RunnableLambda.from((state: typeof State.State) => ({ log: [`lambda:${state.count}`] })),
      )
      .addNode("reset", () => ({ log: new Overwrite(["reset"]) }), { defer: true })
      .addSequence([
        ["s1", note("s1")],
        ["s2", note("s2")],
      ])
      .setEntryPoint("bump")
      .addConditionalEdges({ source: "bump", path: (state) => (state.count > 1 ? "b" : "c"), pathMap: { b: "b", c: "c" } })
      .addConditionalEdges("c", (state: typeof State.State) => (state.count > 5 ? END : "d"))
      .addEdge("b", "reset")
      .addEdge("d", "lambda")
      .addEdge("lambda", "s1")
      .setFinishPoint("s2")
      .compile({ checkpointer: new MemorySaver() });
    const output = await graph.invoke({ count: 1 }, { configurable: { thread_id: "typed-1" } });
    expectTypeOf(output.count).toEqualTypeOf<number>();
    expectTypeOf(output.log).toEqualTypeOf<string[]>();
    expect(output).toEqual({ count: 2, log: ["reset"] });
  });

  it("with input and output schemas, { stateSchema }, { state } and { channels }", async () => {
    const config = { configurable: { thread_id: "typed-2" } };
    const withIo = new StateGraph(State, { input: In, output: Out }).addNode("bump", bump).addEdge(START, "bump").compile();
    const withInit = new StateGraph({ state: State, input: In, output: Out }).addNode("bump", bump).addEdge(START, "bump").compile();
    const withSchema = new StateGraph({ stateSchema: State }).addNode("bump", bump).addEdge(START, "bump").compile();
    // LangGraph types this form as new StateGraph<State>({ channels }); replaygraph's is untyped (see the README's differences).
    const withChannels = new StateGraph({ channels: { count: null, log: { reducer: concat, default: () => [] } } })
      .addNode("bump", (state) => ({ count: (state["count"] as number) + 1 }))
      .addEdge(START, "bump")
      .compile();
    expect(await withIo.invoke({ count: 1 }, config)).toEqual({ log: ["bump:1"] });
    expect(await withInit.invoke({ count: 1 }, config)).toEqual({ log: ["bump:1"] });
    expect(await withSchema.invoke({ count: 1 }, config)).toEqual({ count: 2, log: ["bump:1"] });
    expect(await withChannels.invoke({ count: 1 }, config)).toEqual({ count: 2, log: [] });
  });
});

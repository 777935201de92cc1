import * as langgraph from "@langchain/langgraph";
import * as langgraphZod from "@langchain/langgraph/zod";
import * as replaygraph from "replaygraph";
import * as replaygraphZod from "replaygraph/zod";
import { describe, expect, it } from "vitest";
import * as zm from "zod/mini";

// LangGraph's docs declare zod states with zod/mini too (`z.custom().register(registry, MessagesZodMeta)`):
// a mini object is a state on both libraries, parsed and refused the same way.

describe("a zod/mini state, LangGraph 1.7.3 and replaygraph side by side", () => {
  it("runs with registry reducers and refuses a bad input with zod's error", async () => {
    const observed = [];
    for (const [lib, zodModule] of [
      [langgraph, langgraphZod],
      [replaygraph, replaygraphZod],
    ] as const) {
      const State = zm.object({
        name: zm.string().check(zm.minLength(2)),
        seen: zm.array(zm.string()).register(zodModule.registry as any, { reducer: { fn: (a: string[], b: string[]) => a.concat(b) }, default: () => [] }),
      });
      const graph = new (lib.StateGraph as any)(State)
        .addNode("greet", (state: any) => ({ seen: [`hi ${state.name}`] }))
        .addEdge(lib.START, "greet")
        .compile({ checkpointer: new lib.MemorySaver() });
      const config = { configurable: { thread_id: "mini" } };
      const output = await graph.invoke({ name: "Ada" }, config);
      const refused = await graph
        .invoke({ name: "A" }, config)
        .catch((error: { name: string; issues: unknown[] }) => ({ name: error.name, issues: error.issues }));
      observed.push({ output, refused });
    }
    expect(observed[1]).toEqual(observed[0]);
    expect(observed[1]).toMatchObject({
      output: { name: "Ada", seen: ["hi Ada"] },
      refused: { name: "$ZodError", issues: [{ path: ["name"], code: "too_small" }] },
    });
  });

  it("is a state schema to the type checker", () => {
    const State = zm.object({ name: zm.string() });
    const graph = new replaygraph.StateGraph(State)
      .addNode("a", () => ({}))
      .addEdge(replaygraph.START, "a")
      .compile();
    expect(graph.builder?._schemaRuntimeDefinition).toBe(State);
  });
});

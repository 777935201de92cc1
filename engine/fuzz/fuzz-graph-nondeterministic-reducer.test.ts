import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { Annotation, interrupt, MessagesAnnotation, START, StateGraph } from "replaygraph";
import { fuzzGraph } from "replaygraph/testing";

describe("fuzzGraph and reducers that are not functions of their writes", () => {
  it("reports reducer-nondeterministic, naming the channel, for a reducer that stamps each write with a random number", async () => {
    const Stamped = Annotation.Root({
      stamps: Annotation<number[], number[]>({ reducer: (current, update) => current.concat(update.map((value) => value + Math.random())), default: () => [] }),
    });
    const graph = new StateGraph(Stamped)
      .addNode("stamp", () => ({ stamps: [Number(Boolean(interrupt("stamp?")))] }))
      .addEdge(START, "stamp")
      .compile();
    const report = await fuzzGraph(graph, { numRuns: 10, seed: 7 });
    expect(report.ok).toBe(false);
    const found = report.violations.find((violation) => violation.rule === "reducer-nondeterministic");
    expect(found?.detail).toMatch(/folding the recorded events of thread 'fuzz' twice gives two states, at \.values\.stamps.*channel 'stamps'/);
  });

  it("reports nothing for a messages channel whose writes have no ids: they are given when recorded, not when folded", async () => {
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("agent", (state) => {
        const answer = interrupt<unknown>({ last: state.messages.at(-1)?.content ?? null });
        return { messages: [new AIMessage(`you said ${JSON.stringify(answer)}`), { role: "user", content: "thanks" }] };
      })
      .addEdge(START, "agent")
      .compile();
    const { default: fc } = await import("fast-check");
    const input = fc.record({
      messages: fc.array(
        fc.string().map((content) => new HumanMessage(content)),
        { maxLength: 3 },
      ),
    });
    const report = await fuzzGraph(graph, { numRuns: 20, seed: 7, input: input as never });
    expect(report.violations).toEqual([]);
  });

  it("a reducer that invents ids is fine once the invention moves into prepareWrite", async () => {
    let counter = 0;
    const Tagged = Annotation.Root({
      items: Annotation<{ id: string; text: string }[], { id?: string; text: string }[]>({
        reducer: (current, update) => current.concat(update.map((item) => ({ id: item.id ?? `random-${counter++}`, text: item.text }))),
        prepareWrite: (update, context) => update.map((item) => ({ ...item, id: item.id ?? context.newId() })),
        default: () => [],
      }),
    });
    const graph = new StateGraph(Tagged)
      .addNode("tag", () => ({ items: [{ text: String(interrupt("text?")) }] }))
      .addEdge(START, "tag")
      .compile();
    const report = await fuzzGraph(graph, { numRuns: 10, seed: 7 });
    expect(report.violations).toEqual([]);
    expect(counter).toBe(0);
  });
});

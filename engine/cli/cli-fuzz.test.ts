import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

// A user's module with three graphs: one that keeps the replay rules, one that swallows its
// interrupt in try/catch (the engine sees that), and seed 004's insert before interrupt() into an
// in-memory table (seen only through the module's observeSideEffects export).
const askGraphs = `
import { Annotation, END, START, StateGraph, interrupt } from "replaygraph";
const State = Annotation.Root({ topic: Annotation(), answer: Annotation() });
const auditLog = [];
export const observeSideEffects = () => auditLog.length;
const graphOf = (node) => new StateGraph(State).addNode("ask", node).addEdge(START, "ask").addEdge("ask", END).compile();
export const good = graphOf((state) => ({ answer: interrupt({ question: "ok?", topic: state.topic }) }));
export const swallowing = graphOf(() => {
  let answer;
  try { answer = interrupt("ok?"); } catch { answer = "no answer"; }
  return { answer };
});
export const insertsTwice = graphOf((state) => {
  auditLog.push({ topic: state.topic, action: "asked" });
  return { answer: interrupt("ok?") };
});
`;

let cli: BuiltCli;
beforeAll(async () => {
  cli = await snapshotBuiltCli();
  await mkdir(join(cli.root, "graphs"), { recursive: true });
  await writeFile(join(cli.root, "graphs", "ask.mjs"), askGraphs);
  await writeFile(join(cli.root, "graphs", "unobserved.mjs"), `export { insertsTwice } from "./ask.mjs";`);
}, 180_000);
afterAll(() => cli?.cleanup());

describe("replaygraph fuzz <graph-module>", () => {
  it("exits 0 for a graph that keeps the replay rules, with a progress bar over the cases", async () => {
    const { code, stdout, stderr } = await cli.run(["fuzz", "graphs/ask.mjs:good", "--runs", "25", "--seed", "1", "--progress"]);
    expect([code, stdout.trim()]).toEqual([0, "fuzzGraph: no replay rule broken in 25 generated case(s), seed 1."]);
    expect(stderr).toMatch(/fuzz +\[#{30}\] 100% {2}25\/25 cases/);
  });

  it("exits 1 with the broken rule and the shrunk counterexample; the same seed finds the same case", async () => {
    const first = await cli.run(["fuzz", "graphs/ask.mjs:swallowing", "--runs", "25", "--seed", "7"]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("✗ interrupt-swallowed in node 'ask'");
    expect(first.stdout).toMatch(/Reproduction:\n\/\/ fuzzGraph counterexample \(found with seed 7\)[\s\S]*await live\.invoke\(/);
    const again = await cli.run(["fuzz", "graphs/ask.mjs", "--export", "swallowing", "--runs", "25", "--seed", "7"]);
    expect(again.stdout).toBe(first.stdout);
  });

  it("passes the module's observeSideEffects export, so a repeated insert before interrupt() is caught", async () => {
    const { code, stdout } = await cli.run(["fuzz", "graphs/ask.mjs:insertsTwice", "--runs", "25", "--seed", "4", "--json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, seed: 4, violations: [{ rule: "side-effect-repeated", node: "ask" }] });
    // The same graph from a module without the observer: the in-memory insert is invisible.
    const unobserved = await cli.run(["fuzz", "graphs/unobserved.mjs", "--runs", "25", "--seed", "4"]);
    expect(unobserved.code).toBe(0);
  });
});

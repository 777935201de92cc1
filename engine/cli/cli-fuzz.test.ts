import { execFile } from "node:child_process";
import { promisify } from "node:util";
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
export const throwsOnNull = graphOf(() => {
  const answer = interrupt("Approve?");
  return { answer: answer.approved ? "yes" : "no" };
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

  it("reports a node that throws on some answer as a node error, and --answers or an answers export narrows the answers (issue 21)", async () => {
    const any = await cli.run(["fuzz", "graphs/ask.mjs:throwsOnNull", "--runs", "50", "--seed", "3"]);
    expect(any.code).toBe(1);
    expect(any.stdout).toContain("1 node error(s)");
    expect(any.stdout).toContain("✗ node 'ask' threw: a bug in the graph on the generated input or answers below, not a broken replay rule");
    expect(any.stdout).not.toContain("replay rule(s) broken");
    await writeFile(
      join(cli.root, "graphs", "answers.schema.json"),
      JSON.stringify({ type: "object", properties: { approved: { type: "boolean" } }, required: ["approved"] }),
    );
    const narrowed = await cli.run(["fuzz", "graphs/ask.mjs:throwsOnNull", "--runs", "50", "--seed", "3", "--answers", "graphs/answers.schema.json"]);
    expect([narrowed.code, narrowed.stdout.trim()]).toEqual([0, "fuzzGraph: no replay rule broken in 50 generated case(s), seed 3."]);
    await writeFile(
      join(cli.root, "graphs", "narrowed.mjs"),
      `export { throwsOnNull } from "./ask.mjs";\nexport const answers = { type: "object", properties: { approved: { type: "boolean" } }, required: ["approved"] };\n`,
    );
    expect((await cli.run(["fuzz", "graphs/narrowed.mjs", "--runs", "50", "--seed", "3"])).code).toBe(0);
    const badSchema = await cli.run(["fuzz", "graphs/ask.mjs:throwsOnNull", "--answers", "graphs/nope.json"]);
    expect([badSchema.code, badSchema.stderr]).toEqual([3, expect.stringContaining("FileNotFoundError")]);
  });

  it("prints a reproduction in the module's language that imports the graph and runs as printed beside it (issue 21)", async () => {
    const { stdout } = await cli.run(["fuzz", "graphs/ask.mjs:insertsTwice", "--runs", "25", "--seed", "4"]);
    const reproduction = stdout.slice(stdout.indexOf("Reproduction:\n") + "Reproduction:\n".length);
    expect(reproduction).toContain('import { insertsTwice as graph, observeSideEffects } from "./ask.mjs";');
    expect(reproduction).not.toMatch(/: any|: unknown\[\]/);
    await writeFile(join(cli.root, "graphs", "reproduction.mjs"), reproduction);
    const { stdout: replayed } = await promisify(execFile)("node", ["graphs/reproduction.mjs"], { cwd: cli.root });
    expect(replayed).toContain("side-effect-repeated");
  });
});

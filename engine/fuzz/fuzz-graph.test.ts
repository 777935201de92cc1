import fc from "fast-check";
import { mkdtemp, appendFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Annotation, effect, END, interrupt, MemorySaver, START, StateGraph } from "replaygraph";
import { fuzzGraph } from "replaygraph/testing";

// Seed 004's "Side Effects Before Interrupt Must Be Idempotent": each BAD example is a graph with
// a planted bug that fuzzGraph must catch; each GOOD one must pass.

const State = Annotation.Root({
  userId: Annotation<string>({ reducer: (_, b) => b, default: () => "user-1" }),
  approved: Annotation<unknown>(),
});

/** The seed's `db`, in memory: what `observeSideEffects` reads. */
function fakeDb() {
  const auditLog: { userId: string; action: string }[] = [];
  const users = new Map<string, string>();
  return {
    auditLog,
    users,
    createAuditLog: (row: { userId: string; action: string }) => auditLog.push(row),
    upsertUser: (userId: string, status: string) => users.set(userId, status),
    rows: () => ({ auditLog: auditLog.length, users: [...users.entries()].sort() }),
  };
}

function graphOf(nodeA: (state: typeof State.State) => any) {
  return new StateGraph(State).addNode("nodeA", nodeA).addEdge(START, "nodeA").addEdge("nodeA", END).compile({ checkpointer: new MemorySaver() });
}

const directory = await mkdtemp(join(tmpdir(), "replaygraph-fuzz-"));
afterAll(() => rm(directory, { recursive: true, force: true }));

describe("fuzzGraph on seed 004's examples", () => {
  it("BAD: an insert before interrupt() (createAuditLog) is caught as side-effect-repeated, with a shrunk reproduction", async () => {
    const db = fakeDb();
    const graph = graphOf(async (state) => {
      db.createAuditLog({ userId: state.userId, action: "pending_approval" }); // runs again on resume!
      const approved = interrupt("Approve this change?");
      return { approved };
    });
    const report = await fuzzGraph(graph, { numRuns: 50, seed: 4, observeSideEffects: db.rows });
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([expect.objectContaining({ rule: "side-effect-repeated", node: "nodeA" })]);
    expect(report.seed).toBe(4);
    // Shrunk to the smallest case: the input, then one resume.
    expect(report.counterexample).toMatch(
      /let out: any = await live\.invoke\(.*\);\nout = await live\.invoke\(new Command\(\{ resume: .* \}\), config\); \/\/ resume 1\nconsole\.log/,
    );
  });

  it("BAD: appending to a list before interrupt() is caught the same way", async () => {
    const db = fakeDb();
    const graph = graphOf((state) => {
      db.auditLog.push({ userId: state.userId, action: "asked" });
      return { approved: interrupt("Approve this change?") };
    });
    const report = await fuzzGraph(graph, { numRuns: 50, seed: 5, observeSideEffects: db.rows });
    expect(report.violations.map((violation) => violation.rule)).toEqual(["side-effect-repeated"]);
  });

  it("BAD: real I/O before interrupt() (an append to a file) is caught as io-before-interrupt without observeSideEffects", async () => {
    const file = join(directory, "audit.log");
    const graph = graphOf(async (state) => {
      await appendFile(file, `${state.userId} pending_approval\n`); // runs again on resume!
      return { approved: interrupt("Approve this change?") };
    });
    const report = await fuzzGraph(graph, { numRuns: 30, seed: 6 });
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([expect.objectContaining({ rule: "io-before-interrupt", node: "nodeA", detail: expect.stringContaining("file") })]);
  });

  it("GOOD: an upsert before interrupt() is idempotent, and passes", async () => {
    const db = fakeDb();
    const graph = graphOf((state) => {
      db.upsertUser(state.userId, "pending_approval");
      return { approved: interrupt("Approve this change?") };
    });
    const report = await fuzzGraph(graph, { numRuns: 100, seed: 7, observeSideEffects: db.rows });
    expect(report).toEqual({ ok: true, numRuns: 100, seed: 7, violations: [] });
  });

  it("GOOD: the side effect after interrupt() runs once, and passes; so does the insert wrapped in effect()", async () => {
    const db = fakeDb();
    const after = graphOf(async (state) => {
      const approved = interrupt("Approve this change?");
      if (approved) db.createAuditLog({ userId: state.userId, action: "approved" });
      return { approved };
    });
    expect((await fuzzGraph(after, { numRuns: 100, seed: 8, observeSideEffects: db.rows })).ok).toBe(true);
    const journaled = graphOf(async (state) => {
      await effect("audit", () => db.createAuditLog({ userId: state.userId, action: "pending_approval" }));
      return { approved: interrupt("Approve this change?") };
    });
    expect((await fuzzGraph(journaled, { numRuns: 100, seed: 9, observeSideEffects: db.rows })).ok).toBe(true);
  });
});

describe("fuzzGraph's other checks", () => {
  it("a payload that changes between executions is caught as interrupt-sequence-changed", async () => {
    const graph = graphOf(() => ({ approved: interrupt({ question: "Approve?", asked: Math.random() }) }));
    const report = await fuzzGraph(graph, { numRuns: 20, seed: 10 });
    expect(report.violations.map((violation) => [violation.rule, violation.node])).toEqual([["interrupt-sequence-changed", "nodeA"]]);
  });

  it("a node that changes its input state is caught as state-mutated; one that throws on some answer as node-threw", async () => {
    const List = Annotation.Root({ items: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
    const mutating = new StateGraph(List)
      .addNode("add", (state) => {
        state.items.push("sneaky");
        return {};
      })
      .addEdge(START, "add")
      .compile();
    expect((await fuzzGraph(mutating, { numRuns: 10, seed: 11 })).violations.map((v) => v.rule)).toEqual(["state-mutated"]);

    const trusting = graphOf(() => ({ approved: (interrupt("Your name?") as string).trim() })); // any JSON is an answer (rule 8)
    const report = await fuzzGraph(trusting, { numRuns: 50, seed: 12 });
    expect(report.violations).toEqual([expect.objectContaining({ rule: "node-threw", node: "nodeA", detail: expect.stringContaining("TypeError") })]);
  });

  it("takes the caller's input and answer arbitraries, reports progress, and passes a correct graph with subgraphs, loops and restarts", async () => {
    const Form = Annotation.Root({ age: Annotation<number>(), asked: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }) });
    const child = new StateGraph(Form)
      .addNode("getAge", () => {
        for (let prompt = "What is your age?"; ; prompt = "Please enter a positive number.") {
          const answer = interrupt<unknown, unknown>(prompt);
          if (typeof answer === "number" && answer > 0) return { age: answer, asked: 1 };
        }
      })
      .addEdge(START, "getAge")
      .compile();
    const graph = new StateGraph(Form)
      .addNode("form", child)
      .addNode("confirm", (state) => ({ asked: interrupt<unknown, boolean>({ confirm: state.age }) ? 0 : 1 }))
      .addEdge(START, "form")
      .addEdge("form", "confirm")
      .addConditionalEdges("confirm", (state) => (state.asked > 2 ? END : "form"), ["form", END])
      .compile();
    const progress: number[] = [];
    const report = await fuzzGraph(graph, {
      numRuns: 60,
      seed: 13,
      input: fc.record({ asked: fc.constant(0) }),
      answer: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.boolean(), fc.string()),
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(60);
  });
});

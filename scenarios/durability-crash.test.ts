// A process killed (kill -9) in the middle of a run, at each durability mode, on LangGraph JS
// 1.7.3 (SqliteSaver) and on replaygraph (SqliteEventStore): what the next process finds in the
// file. Both lose exactly what their mode says they may; replaygraph's history is never torn.
import * as langgraph from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";

type Durability = "sync" | "async" | "exit";
type Library = "langgraph" | "replaygraph";

/** Runs the worker's chain until its last node is under way, then kills the process. */
async function crashMidRun(library: Library, durability: Durability, path: string): Promise<void> {
  const child = spawnTypeScriptWorker(new URL("./testing/durability-crash-worker.ts", import.meta.url), [library, durability, path]);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("third") && resolve());
    child.on("exit", (code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("exit", resolve));
}

/** What a new process sees of the thread: its state and its history's steps and values. */
async function afterCrash(library: Library, path: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const lib: any = library === "langgraph" ? langgraph : replaygraph;
  const checkpointer = library === "langgraph" ? SqliteSaver.fromConnString(path) : new SqliteEventStore(path);
  const State = lib.Annotation.Root({ log: lib.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  const graph = new lib.StateGraph(State)
    .addNode("first", () => ({ log: ["first"] }))
    .addNode("second", () => ({ log: ["second"] }))
    .addNode("third", () => ({ log: ["third"] }))
    .addEdge(lib.START, "first")
    .addEdge("first", "second")
    .addEdge("second", "third")
    .addEdge("third", lib.END)
    .compile({ checkpointer });
  const config = { configurable: { thread_id: "crash" } };
  const state = await graph.getState(config);
  const history: unknown[] = [];
  for await (const snapshot of graph.getStateHistory(config)) history.push({ step: snapshot.metadata?.step, next: snapshot.next, log: snapshot.values.log });
  // A new call on the thread: continue what was stored (invoke(null)), or, when nothing was, start again.
  const continued = await graph.invoke(history.length > 0 ? null : { log: ["in"] }, config).then(
    (output: { log: string[] }) => output.log,
    (error: Error) => `${error.name}: ${error.message}`,
  );
  await (checkpointer as { close?: () => Promise<void> | void }).close?.();
  return { values: state.values.log ?? null, next: state.next, history, continued };
}

/** What is recoverable, per mode, on both libraries (docs/semantics.md, rules 28–30). */
const expected: Record<Durability, { values: string[] | null; next: string[]; steps: number }> = {
  // Every finished step: the run continues from `third`.
  sync: { values: ["in", "first", "second"], next: ["third"], steps: 4 },
  // Every step whose append the event loop got to: `second`'s waited for a turn `third` never gave.
  async: { values: ["in", "first"], next: ["second"], steps: 3 },
  // Nothing of the run: the thread is as before the call.
  exit: { values: null, next: [], steps: 0 },
};

describe("a run killed mid-run (kill -9, SQLite): what the next process finds, per durability mode", () => {
  const rules: Record<Durability, number> = { sync: 28, async: 29, exit: 30 };
  for (const durability of ["sync", "async", "exit"] as const) {
    it(
      `rule ${rules[durability]}: ${durability}: replaygraph keeps what its mode promises, never a torn history; LangGraph side by side`,
      { timeout: 120_000 },
      async () => {
        const dir = await mkdtemp(join(tmpdir(), "replaygraph-durability-crash-"));
        try {
          const [lg, rg] = await Promise.all(
            (["langgraph", "replaygraph"] as const).map(async (library) => {
              const path = join(dir, `${library}.db`);
              await crashMidRun(library, durability, path);
              return afterCrash(library, path);
            }),
          );
          expect({ values: rg!.values, next: rg!.next, steps: rg!.history.length }).toEqual(expected[durability]);
          // The next call finishes the run from what was stored (or runs it afresh): nothing doubled.
          expect(rg!.continued).toEqual(["in", "first", "second", "third"]);
          // LangGraph stores a finished task's writes apart from its step's checkpoint: at "async" the
          // writes of `second` landed but not the checkpoint after it, so getState shows them applied
          // on the checkpoint before, with nothing next.
          const lgExpected = durability === "async" ? { values: ["in", "first", "second"], next: [], steps: 3 } : expected[durability];
          expect({ values: lg!.values, next: lg!.next, steps: lg!.history.length }).toEqual(lgExpected);
          expect(lg!.continued).toEqual(["in", "first", "second", "third"]);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  }
});

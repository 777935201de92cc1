import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: what LangChain callbacks see of an entrypoint run, on LangGraph 1.7.3 and on
// replaygraph (memory, and SQLite from fresh handles): the graph's run, its node's run (no
// `__start__` run: an entrypoint has no such node), and one run per task call, named after the
// task, with `{ input: args }`; a call answered from the journal on resume is not reported again.
// LangGraph also reports the runs of its entrypoint's internal channel writers (`pluckReturnValue`,
// `pluckSaveValue`) when the function returns; replaygraph has no such writers (README departures).
const internalWriters = new Set(["pluckReturnValue", "pluckSaveValue"]);

class ChainStarts extends BaseCallbackHandler {
  name = "chain-starts";
  readonly started: { name: string; input: unknown }[] = [];
  override handleChainStart(
    _chain: unknown,
    inputs: unknown,
    _runId: string,
    _parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ) {
    if (!internalWriters.has(runName ?? "")) this.started.push({ name: runName ?? "?", input: inputs });
  }
}

describe("an entrypoint's runs as callbacks see them, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`are the graph, its node and each task call (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { entrypoint, task, interrupt, Command } = lib;
        const build = () => {
          const double = task("double", async (value: number) => value * 2);
          return entrypoint({ name: "workflow", checkpointer: checkpointer() }, async (values: number[]) => {
            const doubled = await Promise.all(values.map((value) => double(value)));
            const answer = interrupt("more?");
            return [...doubled, answer];
          });
        };
        const first = new ChainStarts();
        const config = { configurable: { thread_id: "t" } };
        await build().invoke([1, 2], { ...config, callbacks: [first] });
        const second = new ChainStarts();
        const output = await build().invoke(new Command({ resume: 9 }), { ...config, callbacks: [second] });
        return { first: first.started, second: second.started.map((run) => run.name), output };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.first.map((run) => run.name)).toEqual(["workflow", "workflow", "double", "double"]);
    });
  }
});

/**
 * The same functional-API programs on LangGraph JS 1.7.3 and on replaygraph, in one run: outputs,
 * interrupt payloads, getState values and interrupts, stream chunks and how many times each
 * function body ran across interrupt/resume cycles must be equal. The cases are LangGraph's own
 * (libs/langgraph-core/src/tests/func.test.ts) plus parallel and nested task calls.
 *
 * Interrupt ids differ by design (each engine hashes its own task ids): both must be 32 lowercase
 * hex characters, and the comparison replaces each with its position of first appearance.
 */
import * as lg from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import * as rg from "../index.js";
import { SqliteEventStore } from "../../store/sqlite/index.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What a program needs of a library: the functional API, interrupt, Command and a checkpointer. */
interface Library {
  readonly entrypoint: any;
  readonly task: any;
  readonly interrupt: any;
  readonly getPreviousState: any;
  readonly Command: any;
  readonly StateGraph: any;
  readonly Annotation: any;
  readonly START: string;
  readonly checkpointer: () => unknown;
}

const libraries: Record<"langgraph" | "replaygraph", Library> = {
  langgraph: { ...pick(lg), checkpointer: () => new lg.MemorySaver() },
  replaygraph: { ...pick(rg), checkpointer: () => new rg.MemorySaver() },
};

function pick(lib: any): Omit<Library, "checkpointer"> {
  const { entrypoint, task, interrupt, getPreviousState, Command, StateGraph, Annotation, START } = lib;
  return { entrypoint, task, interrupt, getPreviousState, Command, StateGraph, Annotation, START };
}

/** Interrupt ids replaced by `#<n>` (order of first appearance); checks each is 32 hex characters. */
function normalizeIds(observed: unknown): unknown {
  const ids = new Map<string, string>();
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === "id" && typeof inner === "string" && /^[0-9a-f]{32}$/.test(inner)) {
        if (!ids.has(inner)) ids.set(inner, `#${ids.size}`);
        out[key] = ids.get(inner);
      } else if (key === "id" && typeof inner === "string") {
        out[key] = `not an interrupt id: ${inner}`;
      } else out[key] = walk(inner);
    }
    return out;
  };
  return walk(observed);
}

type Program = (lib: Library) => Promise<unknown>;

/** Runs `program` on both libraries and expects the same observations. */
async function differential(program: Program): Promise<unknown> {
  const theirs = normalizeIds(await program(libraries.langgraph));
  const ours = normalizeIds(await program(libraries.replaygraph));
  expect(ours).toEqual(theirs);
  return ours;
}

async function collect(stream: Promise<AsyncIterable<unknown>> | AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of await stream) chunks.push(chunk);
  return chunks;
}

async function outcome(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await work() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** `getState` as a user compares it: values, and each task's name and interrupts. */
async function stateOf(graph: any, config: unknown): Promise<unknown> {
  const state = await graph.getState(config);
  return { values: state.values, tasks: state.tasks.map((task: any) => ({ name: task.name, interrupts: task.interrupts })) };
}

const config = { configurable: { thread_id: "1" } };

describe("functional API: the same programs on LangGraph and replaygraph", () => {
  it("basic task and entrypoint: parallel task calls, each body runs once", async () => {
    const observed = await differential(async ({ entrypoint, task, checkpointer }) => {
      const counts = { mapper: 0, entry: 0 };
      const mapper = task("mapper", (input: number) => {
        counts.mapper++;
        return `${input}${input}`;
      });
      const graph = entrypoint({ checkpointer: checkpointer(), name: "graph" }, async (inputs: number[]) => {
        counts.entry++;
        return Promise.all(inputs.map((i) => mapper(i)));
      });
      return { result: await graph.invoke([1, 2, 3], config), counts, state: await stateOf(graph, config) };
    });
    expect(observed).toMatchObject({ result: ["11", "22", "33"], counts: { mapper: 3, entry: 1 } });
  });

  it("streams task results and the entrypoint's value in order (updates by default)", async () => {
    const observed = await differential(async ({ entrypoint, task, checkpointer }) => {
      const foo = task("foo", async (state: any) => ({ a: `${state.a}foo`, b: "bar" }));
      const bar = task("bar", async (a: string, b: string, c?: string) => ({ a: a + b, c: `${c || ""}bark` }));
      const baz = task("baz", async (state: any) => ({ a: `${state.a}baz`, c: "something else" }));
      const graph = entrypoint({ checkpointer: checkpointer(), name: "graph" }, async (state: any) => {
        const fooRes = await foo(state);
        const barRes = await bar(fooRes.a, fooRes.b);
        return baz(barRes);
      });
      return collect(graph.stream({ a: "0" }, config));
    });
    expect(observed).toEqual([
      { foo: { a: "0foo", b: "bar" } },
      { bar: { a: "0foobar", c: "bark" } },
      { baz: { a: "0foobarbaz", c: "something else" } },
      { graph: { a: "0foobarbaz", c: "something else" } },
    ]);
  });

  it("a task with a retry policy runs until it succeeds", async () => {
    await differential(async ({ entrypoint, task, checkpointer }) => {
      let attempts = 0;
      const failing = task({ name: "failingTask", retry: { maxAttempts: 3, initialInterval: 1, jitter: false, logWarning: false } }, () => {
        attempts++;
        if (attempts < 3) throw new Error("Task failed");
        return "success";
      });
      const graph = entrypoint({ checkpointer: checkpointer(), name: "retryGraph" }, async () => failing());
      return { result: await graph.invoke([], config), attempts };
    });
  });

  it("errors thrown from entrypoints and from tasks reach the caller; generators are refused", async () => {
    await differential(async ({ entrypoint, task, checkpointer }) => {
      const errorTask = task("errorTask", () => {
        throw new Error("test error");
      });
      const fromEntry = entrypoint({ name: "graph", checkpointer: checkpointer() }, async () => {
        throw new Error("entry error");
      });
      const fromTask = entrypoint({ name: "graph", checkpointer: checkpointer() }, async () => {
        await errorTask();
      });
      return {
        entry: await outcome(() => fromEntry.invoke([], config)),
        task: await outcome(() => fromTask.invoke([], config)),
        generatorEntry: await outcome(async () => entrypoint({ name: "g", checkpointer: checkpointer() }, function* () {})),
        generatorTask: await outcome(async () => task("t", async function* () {})),
      };
    });
  });

  it("a stream writer reaches the custom stream mode", async () => {
    await differential(async ({ entrypoint, checkpointer }) => {
      const graph = entrypoint({ name: "graph", checkpointer: checkpointer() }, async (input: string, runConfig: any) => {
        runConfig.writer?.(`hello ${input}`);
        runConfig.writer?.(`hello again, ${input}`);
        return `goodbye, ${input}`;
      });
      return { invoked: await graph.invoke("world", config), custom: await collect(graph.stream("world", { ...config, streamMode: "custom" })) };
    });
  });

  it("the entrypoint's store reaches the function as config.store", async () => {
    await differential(async ({ entrypoint, checkpointer }) => {
      const store = new lg.InMemoryStore();
      const graph = entrypoint({ name: "memory", checkpointer: checkpointer(), store }, async (fact: string, runConfig: any) => {
        const known = (await runConfig.store.get(["facts"], "last"))?.value ?? null;
        await runConfig.store.put(["facts"], "last", { fact });
        return { known, fact };
      });
      return [await graph.invoke("sky is blue", config), await graph.invoke("grass is green", config)];
    });
  });

  it("entrypoint.final returns one value and saves another for getPreviousState", async () => {
    const observed = await differential(async ({ entrypoint, getPreviousState, checkpointer }) => {
      const graph = entrypoint({ name: "graph", checkpointer: checkpointer() }, async (input: number) => {
        const previous = getPreviousState();
        return entrypoint.final({ value: input + (previous ?? 0), save: input });
      });
      const results = [await graph.invoke(1, config), await graph.invoke(2, config), await graph.invoke(3, config)];
      return { results, state: await stateOf(graph, config) };
    });
    expect(observed).toMatchObject({ results: [1, 3, 5] });
  });

  it("getPreviousState gives the previous run's value per thread, and updateState replaces it", async () => {
    await differential(async ({ entrypoint, getPreviousState, checkpointer }) => {
      const seen: unknown[] = [];
      const graph = entrypoint({ name: "graph", checkpointer: checkpointer() }, async (inputs: unknown) => {
        const previous = getPreviousState();
        seen.push(previous);
        return { previous, current: inputs };
      });
      const other = { configurable: { thread_id: "0" } };
      const results = [await graph.invoke({ a: "1" }, config), await graph.invoke({ a: "2" }, config), await graph.invoke({ a: "4" }, other)];
      await graph.updateState(config, { a: -1 });
      results.push(await graph.invoke({ a: "3" }, config));
      return { results, seen, state: await stateOf(graph, config), other: await stateOf(graph, other) };
    });
  });

  it("a task that interrupts: the entrypoint and the task run again on resume", async () => {
    const observed = await differential(async ({ entrypoint, task, interrupt, Command, checkpointer }) => {
      const counts = { task: 0, graph: 0 };
      const interrupting = task("interruptTask", async () => {
        counts.task++;
        return interrupt("Please provide input") as string;
      });
      const graph = entrypoint({ checkpointer: checkpointer(), name: "interruptGraph" }, async (input: string) => {
        counts.graph++;
        return input + (await interrupting());
      });
      const first = await graph.invoke("the correct ", config);
      const paused = await stateOf(graph, config);
      const countsPaused = { ...counts };
      const result = await graph.invoke(new Command({ resume: "answer" }), config);
      return { first, paused, countsPaused, result, done: await stateOf(graph, config), counts };
    });
    expect(observed).toMatchObject({ result: "the correct answer", countsPaused: { task: 1, graph: 1 }, counts: { task: 2, graph: 2 } });
  });

  it("an interrupt in the entrypoint, then a task with the answer", async () => {
    await differential(async ({ entrypoint, task, interrupt, Command, checkpointer }) => {
      const counts = { foo: 0, bar: 0 };
      const foo = task("foo", async (state: any) => (counts.foo++, { a: `${state.a}foo` }));
      const bar = task("bar", async (state: any) => (counts.bar++, { a: state.a + state.b }));
      const graph = entrypoint({ checkpointer: checkpointer(), name: "interruptGraph" }, async (inputs: any) => {
        const fooResult = await foo(inputs);
        const value = interrupt("Provide value for bar:");
        return bar({ ...fooResult, b: value });
      });
      const first = await graph.invoke({ a: "" }, config);
      const paused = await stateOf(graph, config);
      return { first, paused, result: await graph.invoke(new Command({ resume: "bar" }), config), counts };
    });
  });

  it("falsy task results are journaled like any other", async () => {
    await differential(async ({ entrypoint, task, interrupt, Command, checkpointer }) => {
      let runs = 0;
      const falsy = task("falsyTask", async () => (runs++, false));
      const graph = entrypoint({ checkpointer: checkpointer(), name: "falsyGraph" }, async () => {
        const value = await falsy();
        interrupt("test");
        return { value };
      });
      return { first: await graph.invoke({ a: 5 }, config), result: await graph.invoke(new Command({ resume: "123" }), config), runs };
    });
  });

  it("three interrupts in an imperative loop: each task body runs once", async () => {
    const observed = await differential(async ({ entrypoint, task, interrupt, Command, checkpointer }) => {
      let counter = 0;
      const double = task("double", async (x: number) => (counter++, 2 * x));
      const graph = entrypoint({ checkpointer: checkpointer(), name: "graph" }, async () => {
        const values: unknown[] = [];
        for (const idx of [1, 2, 3]) {
          values.push(await double(idx));
          values.push(interrupt({ a: `boo${idx}` }));
        }
        return { values };
      });
      const outputs = [await graph.invoke([], config)];
      for (const answer of ["a", "b", "c"]) outputs.push(await graph.invoke(new Command({ resume: answer }), config));
      return { outputs, counter };
    });
    expect(observed).toMatchObject({ counter: 3, outputs: [{}, {}, {}, { values: [2, "a", 4, "b", 6, "c"] }] });
  });

  it("interrupts from two tasks in turn: each answer reaches its own task", async () => {
    await differential(async ({ entrypoint, task, interrupt, Command, checkpointer }) => {
      const runs: string[] = [];
      const addParticipant = task("add-participant", async (name: string) => {
        runs.push(name);
        const feedback = interrupt(`Hey do you want to add ${name}?`);
        return feedback === true ? `Added ${name}!` : `Not adding ${name}: ${JSON.stringify(feedback)}`;
      });
      const program = entrypoint({ name: "program", checkpointer: checkpointer() }, async () => [await addParticipant("James"), await addParticipant("Will")]);
      const outputs = [await program.invoke([], config)];
      const states = [await stateOf(program, config)];
      outputs.push(await program.invoke(new Command({ resume: true }), config));
      states.push(await stateOf(program, config));
      outputs.push(await program.invoke(new Command({ resume: "no" }), config));
      return { outputs, states, runs };
    });
  });

  it("parallel task calls that both interrupt (a departure: replaygraph surfaces both at once)", async () => {
    // LangGraph surfaces one paused call per run and the other after it is answered; replaygraph
    // surfaces every pause of the step at once (as for parallel nodes, SEMANTICS rule 18), answered
    // together by id. The final result and the journaled calls are the same.
    const run = async ({ entrypoint, task, interrupt, Command, checkpointer }: Library) => {
      const runs: string[] = [];
      const ask = task("ask", async (who: string) => {
        runs.push(who);
        return `${who}: ${interrupt(`question for ${who}`)}`;
      });
      const graph = entrypoint({ name: "both", checkpointer: checkpointer() }, async () => Promise.all([ask("ann"), ask("bob")]));
      let output = (await graph.invoke({}, config)) as any;
      const rounds: string[][] = [];
      while (output.__interrupt__) {
        rounds.push(output.__interrupt__.map((item: any) => item.value).sort());
        const answers = Object.fromEntries(output.__interrupt__.map((item: any) => [item.id, `yes from ${item.value}`]));
        output = await graph.invoke(new Command({ resume: answers }), config);
      }
      return { result: output, rounds, runs: [...runs].sort() };
    };
    const theirs = await run(libraries.langgraph);
    const ours = await run(libraries.replaygraph);
    expect(ours.result).toEqual(theirs.result);
    expect(ours.result).toEqual(["ann: yes from question for ann", "bob: yes from question for bob"]);
    expect(theirs.rounds).toEqual([["question for ann"], ["question for bob"]]);
    expect(ours.rounds).toEqual([["question for ann", "question for bob"]]);
    expect(ours.runs).toEqual(["ann", "ann", "bob", "bob"]);
    // With both pending, a bare answer is refused (SEMANTICS rule 6) rather than given to both.
    const { entrypoint, task, interrupt, Command, MemorySaver, AmbiguousResumeError } = rg;
    const ask = task("ask", async (who: string) => interrupt(`question for ${who}`));
    const graph = entrypoint({ name: "both", checkpointer: new MemorySaver() }, async () => Promise.all([ask("ann"), ask("bob")]));
    await graph.invoke({}, config);
    await expect(graph.invoke(new Command({ resume: "yes" }), config)).rejects.toBeInstanceOf(AmbiguousResumeError);
  });

  it("an entrypoint-level interrupt, parallel tasks and a task interrupt, streamed (the research's e12 program)", async () => {
    await differential(async ({ entrypoint, task, interrupt, Command, checkpointer }) => {
      const counts: Record<string, number> = {};
      const inc = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
      const step1 = task("step1", async (x: string) => (inc("step1"), `${x}!`));
      const ask = task("ask", async (x: string) => (inc("ask"), interrupt({ q: x })));
      const wf = entrypoint({ name: "wf", checkpointer: checkpointer() }, async (input: string) => {
        inc("entry");
        const a = await step1(input);
        const [p, q] = await Promise.all([step1("p"), step1("q")]);
        const b = interrupt({ q: `entry-level ${a}` });
        const c = await ask("in-task");
        return { a, b, c, p, q };
      });
      const first = await collect(wf.stream("hi", config));
      const second = await collect(wf.stream(new Command({ resume: "B" }), { ...config, streamMode: ["updates", "values"] }));
      const paused = await stateOf(wf, config);
      const third = await wf.invoke(new Command({ resume: "C" }), config);
      return { first, second, paused, third, done: await stateOf(wf, config), counts };
    });
  });

  it("a task calls another task and a StateGraph; the entrypoint interrupts after them", async () => {
    await differential(async ({ entrypoint, task, interrupt, Command, StateGraph, Annotation, START, checkpointer }) => {
      const saver = checkpointer();
      const counts = { submapper: 0, mapper: 0, mynode: 0 };
      const State = Annotation.Root({ data: Annotation({ reducer: (_: unknown, b: unknown) => b }) });
      const addA = new StateGraph(State)
        .addNode("mynode", ({ data }: any) => (counts.mynode++, { data: data.map((it: string) => `${it}a`) }))
        .addEdge(START, "mynode")
        .compile({ checkpointer: saver });
      const submapper = task("submapper", (data: number) => (counts.submapper++, data.toString()));
      const mapper = task("mapper", async (data: number) => {
        counts.mapper++;
        const sub = await submapper(data);
        return `${sub}${sub}`;
      });
      const graph = entrypoint({ name: "graph", checkpointer: saver }, async (data: number[]) => {
        const mapped = await Promise.all(data.map((i) => mapper(i)));
        const answer = interrupt("question");
        const { data: output } = await addA.invoke({ data: mapped.map((m) => m + answer) });
        return output;
      });
      const first = await graph.invoke([0, 1], config);
      return { first, result: await graph.invoke(new Command({ resume: "answer" }), config), counts };
    });
  });
});

/** Where a run keeps its checkpoints: nowhere, in memory, or (replaygraph only) in a SQLite file; LangGraph keeps SQLite's in memory. */
const savers = ["none", "memory", "sqlite"] as const;
type Saver = (typeof savers)[number];

/** `program` on both libraries with the checkpointer `saver` names (a fresh one per call), expecting the same observations. */
async function differentialWith(saver: Saver, program: Program): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-func-"));
  try {
    let files = 0;
    const theirs = (): unknown => (saver === "none" ? undefined : new lg.MemorySaver());
    const ours = (): unknown =>
      saver === "none" ? undefined : saver === "memory" ? new rg.MemorySaver() : new SqliteEventStore(join(dir, `threads-${files++}.db`));
    const expected = normalizeIds(await program({ ...libraries.langgraph, checkpointer: theirs }));
    const observed = normalizeIds(await program({ ...libraries.replaygraph, checkpointer: ours }));
    expect(observed).toEqual(expected);
    return observed;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.each(savers)("functional API streams on both libraries (checkpointer: %s)", (saver) => {
  it("each task's update streams as the task finishes, then the entrypoint's", async () => {
    const observed = await differentialWith(saver, async ({ entrypoint, task, checkpointer }) => {
      const foo = task("foo", async (state: any) => ({ a: `${state.a}foo`, b: "bar" }));
      const bar = task("bar", async (a: string, b: string) => ({ a: a + b }));
      const graph = entrypoint({ checkpointer: checkpointer(), name: "graph" }, async (state: any) => {
        const fooRes = await foo(state);
        return bar(fooRes.a, fooRes.b);
      });
      return collect(graph.stream({ a: "0" }, config));
    });
    expect(observed).toEqual([{ foo: { a: "0foo", b: "bar" } }, { bar: { a: "0foobar" } }, { graph: { a: "0foobar" } }]);
  });

  // interrupt() needs a checkpointer on both libraries.
  it.skipIf(saver === "none")("values: no chunk for a new input before the function returns, then its value", async () => {
    await differentialWith(saver, async ({ entrypoint, interrupt, Command, checkpointer }) => {
      const graph = entrypoint({ name: "graph", checkpointer: checkpointer() }, async (input: string) => input + interrupt("q"));
      const values = { ...config, streamMode: "values" };
      return {
        paused: await collect(graph.stream("a", values)),
        answered: await collect(graph.stream(new Command({ resume: "x" }), values)),
        again: await collect(graph.stream("b", values)),
        both: await collect(graph.stream(new Command({ resume: "y" }), { ...config, streamMode: ["values", "updates"] })),
      };
    });
  });

  it("an entrypoint streamed inside another yields its value by default; its custom chunks reach the caller's stream", async () => {
    const observed = await differentialWith(saver, async ({ entrypoint, checkpointer }) => {
      const yielded: unknown[] = [];
      const subgraph = entrypoint({ name: "subgraph", checkpointer: checkpointer() }, async (input: string, runConfig: any) => {
        runConfig.writer?.(`hello ${input}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        runConfig.writer?.(`hello again, ${input}`);
        return `goodbye, ${input}`;
      });
      const graph = entrypoint({ name: "graph", checkpointer: checkpointer() }, async (input: string, runConfig: any) => {
        for await (const chunk of await subgraph.stream(input)) runConfig.writer?.(chunk);
        for await (const chunk of await subgraph.stream(input, { streamMode: ["custom", "updates"] })) yielded.push(chunk);
        return "done";
      });
      return { custom: await collect(graph.stream("world", { ...config, streamMode: "custom" })), yielded };
    });
    expect(observed).toMatchObject({ custom: ["hello world", "hello again, world", "goodbye, world", "hello world", "hello again, world"] });
  });

  it("graphs invoked or streamed inside a node: custom chunks go to the caller's stream, never to the node's", async () => {
    await differentialWith(saver, async ({ entrypoint, StateGraph, Annotation, START, checkpointer }) => {
      const State = Annotation.Root({ x: Annotation() });
      const child = new StateGraph(State)
        .addNode("n", (state: any, runConfig: any) => (runConfig.writer?.(`hello ${state.x}`), { x: `${state.x}!` }))
        .addEdge(START, "n")
        .compile();
      const childEntrypoint = entrypoint({ name: "sube" }, async (input: string, runConfig: any) => (runConfig.writer?.(`hi ${input}`), input));
      const yielded: unknown[] = [];
      const parent = new StateGraph(State)
        .addNode("p", async (_state: any, runConfig: any) => {
          await child.invoke({ x: "inv" });
          await childEntrypoint.invoke("einv");
          for await (const chunk of await child.stream({ x: "str" }, { streamMode: ["custom", "values"] })) yielded.push(chunk);
          for await (const chunk of await childEntrypoint.stream("estr", { streamMode: ["custom", "updates"] })) yielded.push(chunk);
          for await (const chunk of await child.stream({ x: "default" })) yielded.push(chunk);
          runConfig.writer?.("from p");
          return { x: "done" };
        })
        .addEdge(START, "p")
        .compile({ checkpointer: checkpointer() });
      const at = (thread: string) => ({ configurable: { thread_id: thread } });
      const custom = await collect(parent.stream({ x: "a" }, { ...at("1"), streamMode: "custom" }));
      const updates = await collect(parent.stream({ x: "a" }, { ...at("2"), streamMode: "updates" }));
      // Namespaces of nested entrypoints differ (LangGraph adds an element of its own): only whether a chunk is nested is compared.
      const nested = (await collect(parent.stream({ x: "a" }, { ...at("3"), streamMode: "custom", subgraphs: true }))).map((chunk: any) => [
        chunk[0].length > 0 ? "nested" : "root",
        chunk[1],
      ]);
      return { custom, updates, nested, yielded };
    });
  });

  it.skipIf(saver === "none")("continuing a finished thread (null input) streams its state once, a graph's and an entrypoint's", async () => {
    await differentialWith(saver, async ({ entrypoint, StateGraph, Annotation, START, checkpointer }) => {
      const State = Annotation.Root({ x: Annotation() });
      const graph = new StateGraph(State)
        .addNode("n", (state: any) => ({ x: `${state.x}!` }))
        .addEdge(START, "n")
        .compile({ checkpointer: checkpointer() });
      const workflow = entrypoint({ name: "e", checkpointer: checkpointer() }, async (input: string) => `${input}!`);
      const modes = { ...config, streamMode: ["values", "updates"] };
      await graph.invoke({ x: "a" }, config);
      await workflow.invoke("a", config);
      return {
        graph: await collect(graph.stream(null, modes)),
        graphUpdates: await collect(graph.stream(null, config)),
        graphInvoked: await graph.invoke(null, config),
        workflow: await collect(workflow.stream(null, modes)),
        workflowInvoked: await workflow.invoke(null, config),
      };
    });
  });
});

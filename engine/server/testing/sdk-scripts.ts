import type { Client } from "@langchain/langgraph-sdk";

// The programs the side-by-side tests run, written once against @langchain/langgraph-sdk and run
// unchanged against `replaygraph serve` and against LangGraph's own server. Each returns what a
// user of the SDK observes; ids and timestamps are for the caller to normalise.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What an SDK call threw, as the SDK reports it: the HTTP status (or the message). */
export async function failureOf(call: () => Promise<unknown>): Promise<{ status: number | undefined; message: string } | "no error"> {
  try {
    await call();
    return "no error";
  } catch (error) {
    return { status: (error as { status?: number }).status, message: (error as Error).message };
  }
}

/**
 * Seed 002, line for line: a run on a thread, a second one (`multitaskStrategy`) while the first
 * is in its second node, join the second, read the state and the first run's status. The first run
 * is created with the server's default strategy; "reject" expects the second create to fail.
 */
export async function seed002(client: Client, strategy: "interrupt" | "rollback" | "enqueue" | "reject"): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  const interruptedRun = await client.runs.create(thread.thread_id, "agent", { input: { label: "sf" }, config: { configurable: { sleep_ms: 400 } } });
  // The seed sleeps 2 s; this waits until the first run has committed node a (LangGraph's server
  // picks runs up after a random delay of up to a second).
  for (let tries = 0; tries < 200; tries++) {
    const values = (await client.threads.getState(thread.thread_id)).values as { items?: string[] } | undefined;
    if (values?.items?.includes("sf:a")) break;
    await sleep(20);
  }
  const second = await failureOf(async () => {
    const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "nyc" }, multitaskStrategy: strategy });
    await client.runs.join(thread.thread_id, run.run_id);
    return run;
  });
  if (second !== "no error") await client.runs.join(thread.thread_id, interruptedRun.run_id);
  const state = await client.threads.getState(thread.thread_id);
  const first = await failureOf(() => client.runs.get(thread.thread_id, interruptedRun.run_id));
  const firstRun = first === "no error" ? await client.runs.get(thread.thread_id, interruptedRun.run_id) : undefined;
  const runs = await client.runs.list(thread.thread_id);
  return {
    secondCreate: second === "no error" ? "created" : second.status,
    firstStatus: firstRun?.status ?? (first === "no error" ? undefined : `HTTP ${first.status}`),
    values: state.values,
    next: state.next,
    threadStatus: (await client.threads.get(thread.thread_id)).status,
    runStatuses: runs.map((run) => run.status).sort(),
  };
}

/** A human-in-the-loop round trip: wait for the interrupt, read the thread, resume with a command. */
export async function interruptAndResume(client: Client): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  const paused = await client.runs.wait(thread.thread_id, "hitl", { input: { label: "email" } });
  const waiting = await client.threads.get(thread.thread_id);
  const pausedState = await client.threads.getState(thread.thread_id);
  const resumed = await client.runs.wait(thread.thread_id, "hitl", { command: { resume: "yes" } });
  const done = await client.threads.get(thread.thread_id);
  const doneState = await client.threads.getState(thread.thread_id);
  const runs = await client.runs.list(thread.thread_id);
  return {
    paused,
    waiting: { status: waiting.status, values: waiting.values, interrupts: waiting.interrupts },
    pausedState: {
      values: pausedState.values,
      next: pausedState.next,
      tasks: pausedState.tasks.map((task) => ({ name: task.name, interrupts: task.interrupts })),
    },
    resumed,
    done: { status: done.status, values: done.values, interrupts: done.interrupts },
    doneState: { values: doneState.values, next: doneState.next },
    runStatuses: runs.map((run) => run.status),
  };
}

/** `runs.stream` with several modes on the three-node graph, and on the interrupting one. */
export async function streamEvents(client: Client): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  const chunks: { event: string; data: unknown }[] = [];
  for await (const chunk of client.runs.stream(thread.thread_id, "agent", { input: { label: "s" }, streamMode: ["values", "updates", "custom"] }))
    chunks.push(chunk);
  const hitlThread = await client.threads.create();
  const hitlChunks: { event: string; data: unknown }[] = [];
  for await (const chunk of client.runs.stream(hitlThread.thread_id, "hitl", { input: { label: "h" }, streamMode: ["updates", "values"] }))
    hitlChunks.push(chunk);
  const failing: { event: string; data: unknown }[] = [];
  const failThread = await client.threads.create();
  for await (const chunk of client.runs.stream(failThread.thread_id, "agent", {
    input: { label: "f" },
    streamMode: "updates",
    config: { configurable: { fail_at: "b" } },
  }))
    failing.push(chunk);
  return { chunks, hitlChunks, failing, failedThread: (await client.threads.get(failThread.thread_id)).status };
}

/** The error answers: unknown thread, run and assistant, a bad body, `if_exists`, `if_not_exists`. */
export async function errorAnswers(client: Client): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  const missing = "00000000-0000-4000-8000-000000000000";
  return {
    unknownThread: await failureOf(() => client.threads.get(missing)),
    unknownThreadState: await failureOf(() => client.threads.getState(missing)),
    unknownRun: await failureOf(() => client.runs.get(thread.thread_id, missing)),
    unknownAssistant: await failureOf(() => client.assistants.get(missing)),
    runOnUnknownThread: await failureOf(() => client.runs.create(missing, "agent", { input: { label: "x" } })),
    existingThread: await failureOf(() => client.threads.create({ threadId: thread.thread_id })),
    existingThreadDoNothing: await failureOf(() => client.threads.create({ threadId: thread.thread_id, ifExists: "do_nothing" })),
    ifNotExistsCreate: await failureOf(() => client.runs.wait(crypto.randomUUID(), "agent", { input: { label: "n" }, ifNotExists: "create" })),
  };
}

import { fileURLToPath } from "node:url";
import { Command, importHistory, MemoryEventStore, type CompiledStateGraph, type EventStore } from "replaygraph";
import { buildApproveOrRejectGraph } from "./approve-or-reject.js";
import { buildFunctionalApproval, sampleOrder } from "./functional-approval.js";
import { buildInterruptInToolGraph, type EmailArgs, type ToolCall } from "./interrupt-in-tool.js";
import { buildParallelInterruptsGraph } from "./parallel-interrupts.js";
import { buildPlanRevisionGraph } from "./plan-revision.js";
import { demoAnswers } from "./plan-revision-demo.js";
import { buildReviewAndEditGraph } from "./review-and-edit.js";
import { buildStaticBreakpointsGraph } from "./static-breakpoints.js";
import { buildSubgraphAsNodeGraph, buildSubgraphInNodeGraph, type Determinism } from "./subgraphs.js";
import { buildValidateHumanInputGraph } from "./validate-human-input.js";

// Graphs of every state shape live in one list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyGraph = CompiledStateGraph<any>;

/**
 * A golden history: a scenario's thread recorded once and committed under `scenarios/histories/`,
 * so a change to the engine or to a scenario's graph that would break old threads fails a test
 * (Temporal keeps histories from old SDK versions for the same reason).
 */
export interface GoldenHistory {
  /** The file is `scenarios/histories/<name>.jsonl`. */
  readonly name: string;
  readonly threadId: string;
  /**
   * Today's code for the scenario's graph, on a store: what `verify` re-executes the history with.
   * `determinism` is for recording only.
   */
  readonly buildGraph: (store: EventStore, determinism?: Determinism) => AnyGraph;
  /** Plays the scenario's human on a new thread (how the history was recorded). */
  readonly play: (graph: AnyGraph, threadId: string) => Promise<void>;
  /** The state values the history replays to: written down by hand, not read from the file. */
  readonly finalValues: Readonly<Record<string, unknown>>;
}

const config = (threadId: string) => ({ configurable: { thread_id: threadId } });

/** Starts the thread with `input`, then gives each answer to whatever is pending, in order. */
function answering(input: Record<string, unknown>, answers: readonly unknown[]) {
  return async (graph: AnyGraph, threadId: string) => {
    await graph.invoke(input, config(threadId));
    for (const answer of answers) await graph.invoke(new Command({ resume: answer }), config(threadId));
  };
}

/** Rebinds a scenario's graph to the recording store, with the recording's clock and ids. */
function onStore(build: (store: EventStore) => AnyGraph) {
  return (store: EventStore, determinism: Determinism = {}) => build(new MemoryEventStore()).withCheckpointer(store, determinism);
}

const proposedEmail: EmailArgs = { to: "ada@example.com", subject: "Meeting" };
const editedEmail: EmailArgs = { to: "ada@example.org", subject: "Meeting moved to 3pm" };
const toolCalls: ToolCall[] = [
  { name: "lookupAddress", args: { person: "Ada" } },
  { name: "sendEmail", args: proposedEmail },
];
const finalPlan = "1. Collect the data  2. Summarize it  3. Add a budget  4. Shorten the timeline to two weeks";

/** The golden histories, one per scenario whose thread does not depend on timing. */
export const goldenHistories: readonly GoldenHistory[] = [
  {
    name: "plan-revision",
    threadId: "golden-plan-revision",
    buildGraph: onStore(buildPlanRevisionGraph),
    play: answering({}, demoAnswers),
    finalValues: { plan: finalPlan, revision: 2, feedback: ["Add a budget", "Shorten the timeline to two weeks"], approved: true },
  },
  {
    name: "approve-or-reject",
    threadId: "golden-approve-or-reject",
    buildGraph: onStore((store) => buildApproveOrRejectGraph(store)),
    play: answering({ action: "transfer", amount: 500 }, [false]),
    finalValues: { action: "transfer", amount: 500, approved: false, status: "cancelled" },
  },
  {
    name: "review-and-edit",
    threadId: "golden-review-and-edit",
    buildGraph: onStore((store) => buildReviewAndEditGraph(store)),
    play: answering({ topic: "event sourcing" }, ["Event sourcing keeps every fact."]),
    finalValues: { topic: "event sourcing", content: "Event sourcing keeps every fact.", published: "Event sourcing keeps every fact." },
  },
  {
    name: "interrupt-in-tool",
    threadId: "golden-interrupt-in-tool",
    buildGraph: onStore((store) => buildInterruptInToolGraph(store)),
    play: answering({ toolCalls }, [editedEmail]),
    finalValues: { toolCalls, results: ["lookupAddress: ada@example.com", "sendEmail: sent 'Meeting moved to 3pm' to ada@example.org"] },
  },
  {
    name: "validate-human-input",
    threadId: "golden-validate-human-input",
    buildGraph: onStore((store) => buildValidateHumanInputGraph(store)),
    play: answering({}, ["thirty", -1, 30]),
    finalValues: { age: 30 },
  },
  {
    name: "parallel-interrupts",
    threadId: "golden-parallel-interrupts",
    buildGraph: onStore((store) => buildParallelInterruptsGraph(store)),
    play: async (graph, threadId) => {
      const paused = await graph.invoke({}, config(threadId));
      const pending = (paused["__interrupt__"] ?? []) as { id: string; value: string }[];
      await graph.invoke(new Command({ resume: Object.fromEntries(pending.map(({ id, value }) => [id, `answer for ${value}`])) }), config(threadId));
    },
    finalValues: { vals: ["a:answer for question_a", "b:answer for question_b"], joined: "a:answer for question_a | b:answer for question_b" },
  },
  {
    name: "subgraph-as-node",
    threadId: "golden-subgraph-as-node",
    buildGraph: (store, determinism) => buildSubgraphAsNodeGraph(store, {}, determinism),
    play: answering({}, ["Ada"]),
    finalValues: { greeting: "Hello, Ada!", name: "Ada", summary: "greeted Ada" },
  },
  {
    name: "subgraph-in-node",
    threadId: "golden-subgraph-in-node",
    buildGraph: (store, determinism) => buildSubgraphInNodeGraph(store, {}, determinism),
    play: answering({}, ["Grace"]),
    finalValues: { greeting: "Hello, Grace!", name: "Grace", summary: "greeted Grace" },
  },
  {
    name: "static-breakpoints",
    threadId: "golden-static-breakpoints",
    buildGraph: onStore((store) => buildStaticBreakpointsGraph(store)),
    play: async (graph, threadId) => {
      await graph.invoke({ log: ["input"] }, config(threadId));
      for (let stops = 0; stops < 5 && (await graph.getState(config(threadId))).next.length > 0; stops++) await graph.invoke(null, config(threadId));
    },
    finalValues: { log: ["input", "a", "b", "c"] },
  },
  {
    name: "functional-approval",
    threadId: "golden-functional-approval",
    // The entrypoint's one-node graph: its thread keeps the input, the returned and the saved value.
    buildGraph: onStore((store) => buildFunctionalApproval(store).graph),
    play: answering({ input: sampleOrder }, [{ ok: true }]),
    finalValues: { input: sampleOrder, output: { status: "sent", receipt: { sentChars: 28 } }, previous: { status: "sent", receipt: { sentChars: 28 } } },
  },
];

/** The golden history of that name; throws for an unknown name, listing the known ones. */
export function goldenHistory(name: string): GoldenHistory {
  const found = goldenHistories.find((golden) => golden.name === name);
  if (!found) throw new Error(`No golden history '${name}'; the golden histories are ${goldenHistories.map((golden) => golden.name).join(", ")}.`);
  return found;
}

/** Where a golden history's file is (in the source tree, also when this module runs from dist/). */
export function goldenHistoryFile(name: string): string {
  const root = new URL(import.meta.url.includes("/dist/scenarios/") ? "../../" : "../", import.meta.url);
  return fileURLToPath(new URL(`scenarios/histories/${name}.jsonl`, root));
}

/**
 * Loads a golden history in one call: imports its file into `store` (a new memory store by
 * default) and returns the scenario's graph on that store, ready for `getState`, `stateAt` or
 * `verify(graph, threadId)`.
 *
 * @example
 * const { graph, threadId } = await loadGoldenHistory("plan-revision");
 * expect((await verify(graph, threadId)).ok).toBe(true);
 */
export async function loadGoldenHistory(
  name: string,
  store: EventStore = new MemoryEventStore(),
): Promise<{ golden: GoldenHistory; store: EventStore; graph: AnyGraph; threadId: string; file: string }> {
  const golden = goldenHistory(name);
  const file = goldenHistoryFile(name);
  await importHistory(store, file);
  return { golden, store, graph: golden.buildGraph(store), threadId: golden.threadId, file };
}

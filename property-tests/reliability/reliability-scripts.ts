import { Command, type CompiledStateGraph, type EventStore, type Interrupt, type RunConfig, type StateSnapshot } from "replaygraph";
import { buildApproveOrRejectGraph } from "../../scenarios/approve-or-reject.js";
import { buildInterruptInToolGraph, type EmailArgs, type ToolCall } from "../../scenarios/interrupt-in-tool.js";
import { buildParallelInterruptsGraph } from "../../scenarios/parallel-interrupts.js";
import { buildPlanRevisionGraph, type PlanAnswer, type PlanQuestion } from "../../scenarios/plan-revision.js";
import { buildReviewAndEditGraph } from "../../scenarios/review-and-edit.js";
import { buildStaticBreakpointsGraph } from "../../scenarios/static-breakpoints.js";
import { buildSubgraphAsNodeGraph, buildSubgraphInNodeGraph } from "../../scenarios/subgraphs.js";
import { buildValidateHumanInputGraph } from "../../scenarios/validate-human-input.js";
import { effectScript } from "./effect-script.js";

/** One call a client makes on a thread: `invoke(input, { configurable: { thread_id }, ...config })`. */
export interface ClientRequest {
  readonly input: unknown;
  /** Run options besides the thread id (run-time breakpoints). */
  readonly config?: Omit<RunConfig, "configurable">;
}

/** What the client sees between runs: the thread's state and the interrupts waiting for it. */
export interface SettledThread {
  readonly snapshot: StateSnapshot;
  readonly pending: readonly Interrupt[];
}

/**
 * A scenario played by a client that can be restarted at any moment: the first request, and what
 * a human does on seeing the thread settled (every run ended). Answers depend on the question
 * shown, never on how many calls were made, so a client that restarts asks nothing twice.
 */
export interface ReliabilityScript {
  readonly name: string;
  /** Builds the scenario's graph on a store, as a freshly started process would. */
  build(store: EventStore): CompiledStateGraph<any>;
  readonly start: ClientRequest;
  /** The next request, or undefined when the scenario is over. */
  next(thread: SettledThread): ClientRequest | undefined;
}

const proceed: ClientRequest = { input: null };

/** Answers the one pending interrupt with `answer`, or continues past a breakpoint, or ends. */
function answerEach(answer: (pending: Interrupt) => unknown) {
  return ({ snapshot, pending }: SettledThread): ClientRequest | undefined => {
    if (pending.length === 1) return { input: new Command({ resume: answer(pending[0]!) }) };
    if (pending.length > 1) return { input: new Command({ resume: Object.fromEntries(pending.map((p) => [p.id, answer(p)])) }) };
    return snapshot.next.length > 0 ? proceed : undefined;
  };
}

const toolCalls: ToolCall[] = [
  { name: "lookupAddress", args: { person: "Ada" } },
  { name: "sendEmail", args: { to: "ada@example.com", subject: "Meeting" } },
];
const editedEmail: EmailArgs = { to: "ada@example.org", subject: "Meeting moved to 3pm" };

const ageAnswers: Record<string, unknown> = {
  "What is your age?": "thirty",
  "'thirty' is not a valid age. Please enter a positive number.": -1,
  "'-1' is not a valid age. Please enter a positive number.": 30,
};

const planAnswers: readonly PlanAnswer[] = [
  { approve: false, feedback: "Add a budget" },
  { approve: false, feedback: "Shorten the timeline" },
  { approve: true },
];

/** Every scenario of scenarios/*.ts, played as its test plays it, and one with journaled effects (`effect()`). */
export const reliabilityScripts: readonly ReliabilityScript[] = [
  {
    name: "approve-or-reject",
    build: (store) => buildApproveOrRejectGraph(store),
    start: { input: { action: "transfer", amount: 500 } },
    next: answerEach(() => true),
  },
  {
    name: "review-and-edit",
    build: (store) => buildReviewAndEditGraph(store),
    start: { input: { topic: "event sorcing" } },
    next: answerEach(() => "A short, corrected note about event sourcing."),
  },
  {
    name: "interrupt-in-tool",
    build: (store) => buildInterruptInToolGraph(store),
    start: { input: { toolCalls } },
    next: answerEach(() => editedEmail),
  },
  {
    name: "validate-human-input",
    build: (store) => buildValidateHumanInputGraph(store),
    start: { input: {} },
    next: answerEach((pending) => ageAnswers[String(pending.value)]),
  },
  {
    name: "parallel-interrupts",
    build: (store) => buildParallelInterruptsGraph(store),
    start: { input: {} },
    next: answerEach((pending) => `answer for ${String(pending.value)}`),
  },
  {
    name: "subgraphs (as a node)",
    build: (store) => buildSubgraphAsNodeGraph(store),
    start: { input: {} },
    next: answerEach(() => "Ada"),
  },
  {
    name: "subgraphs (called in a node)",
    build: (store) => buildSubgraphInNodeGraph(store),
    start: { input: {} },
    next: answerEach(() => "Grace"),
  },
  {
    name: "static-breakpoints (compile time)",
    build: (store) => buildStaticBreakpointsGraph(store),
    start: { input: { log: ["input"] } },
    next: answerEach(() => undefined),
  },
  {
    name: "static-breakpoints (run time)",
    build: (store) => buildStaticBreakpointsGraph(store),
    start: { input: { log: ["input"] }, config: { interruptBefore: ["c"], interruptAfter: [] } },
    next: answerEach(() => undefined),
  },
  {
    name: "static-breakpoints (update at a breakpoint)",
    build: (store) => buildStaticBreakpointsGraph(store),
    start: { input: { log: ["input"] } },
    next: ({ snapshot, pending }) => {
      const log = (snapshot.values as { log: string[] }).log;
      if (pending.length === 0 && snapshot.next.includes("b") && !log.includes("edited")) return { input: new Command({ update: { log: ["edited"] } }) };
      return snapshot.next.length > 0 ? proceed : undefined;
    },
  },
  {
    name: "plan-revision",
    build: (store) => buildPlanRevisionGraph(store),
    start: { input: {} },
    next: answerEach((pending) => planAnswers[(pending.value as PlanQuestion).revision]),
  },
  effectScript(),
];

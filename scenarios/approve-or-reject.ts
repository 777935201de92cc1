import { Annotation, Command, END, INTERRUPT, START, StateGraph, interrupt } from "replaygraph";
import type { CompiledStateGraph, EventStore } from "replaygraph";

/** The question a human answers with `true` (approve) or `false` (reject). */
export interface ApprovalRequest {
  readonly question: string;
  readonly details: { readonly action: string; readonly amount: number };
}

const ApprovalState = Annotation.Root({
  action: Annotation<string>(),
  amount: Annotation<number>(),
  approved: Annotation<boolean>(),
  status: Annotation<string>(),
});

/** How many times each node of the graph ran. */
export interface ApprovalCounts {
  approval: number;
  proceed: number;
  cancel: number;
}

/** What one playthrough of the scenario saw. */
export interface ApprovalOutcome {
  readonly graph: CompiledStateGraph<typeof ApprovalState.spec>;
  readonly payloads: readonly unknown[];
  readonly final: typeof ApprovalState.State;
  readonly counts: ApprovalCounts;
}

/**
 * Seed 003, "approve or reject": a node asks for approval before a critical action (a transfer)
 * and routes with `Command({ goto })` to `proceed` or `cancel`.
 */
export function buildApproveOrRejectGraph(store: EventStore, counts: ApprovalCounts = { approval: 0, proceed: 0, cancel: 0 }) {
  return new StateGraph(ApprovalState)
    .addNode(
      "approval",
      (state) => {
        counts.approval++;
        const approved = interrupt<ApprovalRequest, boolean>({
          question: "Do you approve this transfer?",
          details: { action: state.action, amount: state.amount },
        });
        return new Command({ update: { approved }, goto: approved ? "proceed" : "cancel" });
      },
      { ends: ["proceed", "cancel"] },
    )
    .addNode("proceed", () => {
      counts.proceed++;
      return { status: "transferred" };
    })
    .addNode("cancel", () => {
      counts.cancel++;
      return { status: "cancelled" };
    })
    .addEdge(START, "approval")
    .addEdge("proceed", END)
    .addEdge("cancel", END)
    .compile({ checkpointer: store });
}

/** Asks for approval of a 500-unit transfer on a new thread, then answers `approved`. */
export async function runApproveOrReject(store: EventStore, threadId: string, approved: boolean): Promise<ApprovalOutcome> {
  const counts: ApprovalCounts = { approval: 0, proceed: 0, cancel: 0 };
  const graph = buildApproveOrRejectGraph(store, counts);
  const config = { configurable: { thread_id: threadId } };
  const paused = await graph.invoke({ action: "transfer", amount: 500 }, config);
  const payloads = (paused[INTERRUPT] ?? []).map((pending) => pending.value);
  const final = await graph.invoke(new Command({ resume: approved }), config);
  return { graph, payloads, final, counts };
}

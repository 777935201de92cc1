import { pathToFileURL } from "node:url";
import { Annotation, effect, END, interrupt, MemorySaver, START, StateGraph } from "replaygraph";
import { formatFuzzReport, fuzzGraph, type FuzzReport } from "replaygraph/testing";

/** A CRM in memory: what the refund workflow writes to, and what `observeSideEffects` reads. */
export class FakeCrm {
  readonly refunds: { readonly id: number; readonly orderId: string; readonly amount: number }[] = [];

  /** Creates a refund record (not idempotent: every call adds one). */
  createRefund(orderId: string, amount: number): number {
    const id = this.refunds.length + 1;
    this.refunds.push({ id, orderId, amount });
    return id;
  }

  /** What fuzzGraph compares before and after a re-execution. */
  readonly count = (): number => this.refunds.length;
}

const RefundState = Annotation.Root({
  orderId: Annotation<string>({ reducer: (_, b) => b, default: () => "order-1" }),
  amount: Annotation<number>({ reducer: (_, b) => b, default: () => 10 }),
  refundId: Annotation<number>(),
  approved: Annotation<unknown>(),
});

/**
 * Seed 004's BAD example in a refund workflow: the node creates the refund record, then asks a
 * human to approve it. With `planted`, the record is created before interrupt() outside effect(),
 * so every resume creates another one; without it, the creation is journaled with effect().
 */
export function buildRefundGraph(crm: FakeCrm, options: { planted: boolean }) {
  return new StateGraph(RefundState)
    .addNode("requestRefund", async (state) => {
      const refundId = options.planted
        ? crm.createRefund(state.orderId, state.amount) // BAD: runs again on every resume
        : await effect("create-refund", () => crm.createRefund(state.orderId, state.amount));
      const approved = interrupt({ question: `Approve refund #${refundId} of ${state.amount}?` });
      return { refundId, approved };
    })
    .addEdge(START, "requestRefund")
    .addEdge("requestRefund", END)
    .compile({ checkpointer: new MemorySaver() });
}

/** Fuzzes the refund graph; the planted bug is caught by the CRM reading changing during a replay. */
export async function fuzzRefundGraph(options: { planted: boolean; numRuns?: number; seed?: number }): Promise<FuzzReport> {
  const crm = new FakeCrm();
  return fuzzGraph(buildRefundGraph(crm, options), { numRuns: options.numRuns ?? 100, seed: options.seed ?? 2026, observeSideEffects: crm.count });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log("The refund graph with the planted bug (the record is created before interrupt()):\n");
  console.log(formatFuzzReport(await fuzzRefundGraph({ planted: true })));
  console.log("\nThe same graph with the creation wrapped in effect():\n");
  console.log(formatFuzzReport(await fuzzRefundGraph({ planted: false })));
}

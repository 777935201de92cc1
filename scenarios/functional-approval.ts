import { Command, entrypoint, interrupt, task, type EventStore } from "replaygraph";

/** An order as the workflow's input. */
export interface Order {
  readonly id: string;
  readonly items: readonly string[];
}

/** The human's verdict on the drafted order. */
export interface Verdict {
  readonly ok: boolean;
  readonly reason?: string;
}

/** How many times the entrypoint's function and each task body ran. */
export interface FunctionalApprovalCounts {
  entry: number;
  draft: number;
  check: number;
  send: number;
}

/**
 * The approval flow written with LangGraph's functional API: draft the order and check each
 * item's stock in parallel (tasks), ask a human (interrupt), then send (a task) or discard. Each
 * task body runs once whatever the number of resumes and restarts: its result is journaled in
 * the thread.
 */
export function buildFunctionalApproval(store: EventStore, counts: FunctionalApprovalCounts = { entry: 0, draft: 0, check: 0, send: 0 }) {
  const draft = task("draft", async (order: Order) => (counts.draft++, `Order ${order.id}: ${order.items.join(", ")}`));
  const checkStock = task("check-stock", async (item: string) => (counts.check++, { item, inStock: item !== "unobtainium" }));
  const send = task("send", async (text: string) => (counts.send++, { sentChars: text.length }));
  return entrypoint({ name: "functional-approval", checkpointer: store }, async (order: Order) => {
    counts.entry++;
    const [text, stock] = await Promise.all([draft(order), Promise.all(order.items.map((item) => checkStock(item)))]);
    const verdict = interrupt<unknown, Verdict>({ question: "Send this order?", text, stock });
    if (!verdict.ok) return { status: "discarded", reason: verdict.reason ?? null };
    return { status: "sent", receipt: await send(text) };
  });
}

/** The order every playthrough uses. */
export const sampleOrder: Order = { id: "A-17", items: ["tea", "unobtainium"] };

/** Plays the scenario's human on a thread: starts the order, answers with `verdict`. */
export async function runFunctionalApproval(store: EventStore, threadId: string, verdict: Verdict) {
  const counts: FunctionalApprovalCounts = { entry: 0, draft: 0, check: 0, send: 0 };
  const graph = buildFunctionalApproval(store, counts);
  const config = { configurable: { thread_id: threadId } };
  const paused = (await graph.invoke(sampleOrder, config)) as { __interrupt__: { id: string; value: unknown }[] };
  const final = await graph.invoke(new Command({ resume: verdict }), config);
  return { graph, payloads: paused.__interrupt__.map((pending) => pending.value), final, counts };
}

import { Annotation, Command, END, START, StateGraph, effect, interrupt, type NodeConfig } from "replaygraph";
import type { ReliabilityScript, SettledThread } from "./reliability-scripts.js";

/** Hears of every effect body that runs: on which thread, in which task, under which key. */
export type EffectBodyListener = (body: { readonly threadId: string; readonly taskId: string; readonly key: string }) => void | Promise<void>;

const InvoiceState = Annotation.Root({
  customer: Annotation<string>(),
  invoiceId: Annotation<string>(),
  sent: Annotation<boolean>(),
  receipt: Annotation<string>(),
});

/**
 * A scenario with journaled side effects around an interrupt: `invoice` creates an invoice with
 * `effect()` before asking whether to send it, and sends it with `effect()` after the answer;
 * `email_receipt` emails a receipt with `effect()`. Re-executions (the resume, and every recovery from a
 * crash) must return the recorded results instead of running the bodies again.
 */
export function effectScript(onBody: EffectBodyListener = () => undefined): ReliabilityScript {
  const journaled = <T>(config: NodeConfig, key: string, result: T) =>
    effect(key, async () => {
      await onBody({ threadId: String(config.configurable?.["thread_id"]), taskId: String(config.metadata?.["langgraph_task_id"]), key });
      return result;
    });
  return {
    name: "effects around an interrupt",
    build: (store) =>
      new StateGraph(InvoiceState)
        .addNode("invoice", async (state, config) => {
          const invoiceId = await journaled(config, "create-invoice", `inv-${state.customer}`);
          const send = interrupt<{ question: string; invoiceId: string }, boolean>({ question: "Send this invoice?", invoiceId });
          const sent = send ? await journaled(config, "send-invoice", true) : false;
          return { invoiceId, sent };
        })
        .addNode("email_receipt", async (state, config) => ({ receipt: await journaled(config, "email-receipt", `receipt for ${state.invoiceId}`) }))
        .addEdge(START, "invoice")
        .addEdge("invoice", "email_receipt")
        .addEdge("email_receipt", END)
        .compile({ checkpointer: store, name: "invoices" }),
    start: { input: { customer: "ada" } },
    next: ({ pending }: SettledThread) => (pending.length === 1 ? { input: new Command({ resume: true }) } : undefined),
  };
}

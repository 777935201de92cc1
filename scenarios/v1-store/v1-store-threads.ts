import { Annotation, Command, END, interrupt, START, StateGraph, type EventStore } from "replaygraph";
import type { Determinism } from "../subgraphs.js";

/**
 * The threads of the 0.1.0 store fixture that are not golden histories: one graph that touches the
 * event kinds the golden histories do not (a failed task and run, a state update, a fork from a
 * past checkpoint), with values plain JSON cannot hold (a Date, a Map, a Set, a BigInt) and
 * snapshots every few events, so the fixture holds snapshot events of 0.1.0 too.
 */
export const ledgerThreads = { finished: "v1-ledger", paused: "v1-ledger-paused", failed: "v1-ledger-failed", forked: "v1-ledger-forked" } as const;

const LedgerState = Annotation.Root({
  entries: Annotation<string[]>({ reducer: (left, right) => left.concat(right), default: () => [] }),
  totals: Annotation<Map<string, bigint>>(),
  seen: Annotation<Set<string>>(),
  at: Annotation<Date>(),
  approved: Annotation<boolean>(),
});

/** The ledger graph: add → tally → approve (interrupts) → close; `add` throws on the entry "boom". */
export function buildLedgerGraph(store: EventStore, determinism: Determinism = {}) {
  return new StateGraph(LedgerState)
    .addNode("add", (state) => {
      if (state.entries.includes("boom")) throw new Error("the ledger refuses 'boom'");
      return { entries: [`entry ${state.entries.length}`] };
    })
    .addNode("tally", (state) => ({
      totals: new Map(state.entries.map((entry, index) => [entry, BigInt(index) * 10n ** 20n])),
      seen: new Set(state.entries),
      at: new Date(Date.UTC(2025, 0, 1, 0, state.entries.length)),
    }))
    .addNode("approve", () => ({ approved: interrupt<{ question: string }, boolean>({ question: "close the ledger?" }) }))
    .addNode("close", (state) => ({ entries: [state.approved ? "closed" : "reopened"] }))
    .addEdge(START, "add")
    .addEdge("add", "tally")
    .addEdge("tally", "approve")
    .addConditionalEdges("approve", (state) => (state.approved ? "close" : "add"), ["close", "add"])
    .addEdge("close", END)
    .compile({ checkpointer: store, snapshotEvery: 6, ...determinism });
}

const config = (threadId: string) => ({ configurable: { thread_id: threadId } });

/** Plays the ledger threads (each ends as its name says). */
export async function playLedgerThreads(graph: ReturnType<typeof buildLedgerGraph>): Promise<void> {
  await graph.invoke({ entries: ["opening"] }, config(ledgerThreads.finished));
  await graph.invoke(new Command({ resume: false }), config(ledgerThreads.finished));
  await graph.updateState(config(ledgerThreads.finished), { entries: ["edited by hand"] });
  await graph.invoke(null, config(ledgerThreads.finished));
  await graph.invoke(new Command({ resume: true }), config(ledgerThreads.finished));

  await graph.invoke({ entries: ["opening"] }, config(ledgerThreads.paused));
  await graph.invoke(new Command({ resume: false }), config(ledgerThreads.paused));

  await graph.invoke({ entries: ["opening"] }, config(ledgerThreads.failed));
  await graph.updateState(config(ledgerThreads.failed), { entries: ["boom"] });
  await graph.invoke(null, config(ledgerThreads.failed));
  await graph.invoke(new Command({ resume: false }), config(ledgerThreads.failed)).catch(() => undefined);

  await graph.invoke({ entries: ["opening"] }, config(ledgerThreads.forked));
  await graph.invoke(new Command({ resume: false }), config(ledgerThreads.forked));
  const history = [];
  for await (const snapshot of graph.getStateHistory(config(ledgerThreads.forked))) history.push(snapshot);
  // Back to the first pause, answered the other way: a fork.
  const firstPause = history.filter((snapshot) => snapshot.next.includes("approve")).at(-1);
  if (firstPause === undefined) throw new Error("the forked ledger never paused at approve");
  await graph.invoke(null, firstPause.config);
  await graph.invoke(new Command({ resume: true }), config(ledgerThreads.forked));
}

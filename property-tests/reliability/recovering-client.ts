import { upcastThreadEvent, type CompiledStateGraph, type EventStore, type Interrupt, type RunConfig } from "replaygraph";
import type { ClientRequest, ReliabilityScript } from "./reliability-scripts.js";

/** What a client that knows nothing but the store decides to do next on a thread. */
export interface NextRequest {
  /** The request to send, or undefined when the scenario is over. */
  readonly request: ClientRequest | undefined;
  /** The interrupts the settled thread shows (none while a run is open). */
  readonly pending: readonly Interrupt[];
}

/** Where a thread's last run stands, read from its stream. */
export type RunProgress =
  | { readonly kind: "new" }
  | { readonly kind: "settled" }
  /** Its last run never ended (its process died) or failed: it is continued with its own options. */
  | { readonly kind: "unfinished"; readonly options: Omit<RunConfig, "configurable"> };

/**
 * Decides the next request on a thread from the store alone, as a client (or a process) that
 * restarted and remembers nothing would: a thread with no events gets the script's first request;
 * a thread whose last run never ended (its process died) or failed is continued with
 * `invoke(null)` and the run options that run was started with; on a settled thread the human
 * answers what is shown. The script's answers depend only on the question shown, so asking again
 * after a lost request sends the same request.
 */
export async function decideNextRequest(script: ReliabilityScript, store: EventStore, graph: CompiledStateGraph<any>, threadId: string): Promise<NextRequest> {
  const progress = await runProgressOf(store, threadId);
  if (progress.kind === "new") return { request: script.start, pending: [] };
  if (progress.kind === "unfinished") return { request: { input: null, config: progress.options }, pending: [] };
  const snapshot = await graph.getState({ configurable: { thread_id: threadId } });
  const pending = snapshot.tasks.flatMap((task) => task.interrupts);
  return { request: script.next({ snapshot, pending }), pending };
}

/** Where the thread's last run stands. */
export async function runProgressOf(store: EventStore, threadId: string): Promise<RunProgress> {
  const { events } = await store.readStream(`thread-${threadId}`);
  if (events.length === 0) return { kind: "new" };
  let last: { runId: string; options: RunConfig & Record<string, unknown> } | undefined;
  let ended = true;
  for (const recorded of events) {
    const event = upcastThreadEvent(recorded) as unknown as { type: string; runId?: string; options?: RunConfig & Record<string, unknown> };
    if (event.type === "RunStarted") [last, ended] = [{ runId: event.runId!, options: event.options! }, false];
    else if (event.runId === last?.runId && event.type === "RunSucceeded") ended = true;
  }
  if (ended || !last) return { kind: "settled" };
  const { recursionLimit, interruptBefore, interruptAfter, strict } = last.options;
  return { kind: "unfinished", options: { recursionLimit, interruptBefore, interruptAfter, strict } as Omit<RunConfig, "configurable"> };
}

import { INTERRUPT, type CompiledStateGraph, type EventStore, type Interrupt } from "replaygraph";
import { InjectedAppendFailureError } from "../../store/testing/injected-append-failure-error.js";
import { SimulatedCrashError } from "../../store/testing/simulated-crash-error.js";
import { decideNextRequest } from "./recovering-client.js";
import type { ReliabilityScript } from "./reliability-scripts.js";

/** One process running the engine: its store handle and the graph compiled on it. */
export interface EngineProcess {
  readonly store: EventStore;
  readonly graph: CompiledStateGraph<any>;
  /** Whether the process has died (a simulated crash). */
  crashed(): boolean;
  /** Releases what the process held (a dead process's file handle). */
  stop(): Promise<void>;
}

/** What a played scenario saw. */
export interface DriveResult {
  /** The process that finished the scenario (still running). */
  readonly last: EngineProcess;
  /** How many processes were started (1 when nothing crashed). */
  readonly processes: number;
  /** Injected failures the client saw (crashes included). */
  readonly faults: number;
  /** Every interrupt the client was shown, by invoke() outputs and getState(), in order. */
  readonly surfaced: readonly Interrupt[];
}

const maxRequests = 200;

/**
 * Plays `script` on a new thread like a client that survives engine crashes: before each request
 * it decides from the store alone ({@link decideNextRequest}), so after an injected fault (the
 * request's outcome unknown) it neither repeats what was done nor skips what was not. When the
 * process crashed, it first starts a new one (`start`), which loads the thread from the store.
 * Every request runs at `durability` (the graph's own when absent).
 */
export async function driveThread(
  script: ReliabilityScript,
  threadId: string,
  start: () => Promise<EngineProcess>,
  durability?: "sync" | "async" | "exit",
): Promise<DriveResult> {
  const surfaced: Interrupt[] = [];
  let engine = await start();
  let processes = 1;
  let faults = 0;
  for (let sent = 0; ; sent++) {
    if (sent > maxRequests) throw new Error(`${script.name}: more than ${maxRequests} requests; the client is going round in circles`);
    const { request, pending } = await decideNextRequest(script, engine.store, engine.graph, threadId);
    surfaced.push(...pending);
    if (request === undefined) return { last: engine, processes, faults, surfaced };
    try {
      const output = await engine.graph.invoke(request.input as Record<string, unknown> | null, {
        ...request.config,
        ...(durability ? { durability } : {}),
        configurable: { thread_id: threadId },
      });
      surfaced.push(...((output[INTERRUPT] as Interrupt[] | undefined) ?? []));
    } catch (error) {
      if (!isInjectedFault(error)) throw error;
      faults++;
      if (engine.crashed()) {
        await engine.stop();
        engine = await start();
        processes++;
      }
    }
  }
}

/** Whether `error` is a fault a test injected (an append failure, or a call into a crashed process). */
export function isInjectedFault(error: unknown): boolean {
  return error instanceof InjectedAppendFailureError || error instanceof SimulatedCrashError;
}

import { Command, type CompiledStateGraph } from "replaygraph";
import type { InterviewState } from "./interview-graph.js";
import { interviewLength } from "./interview-graph.js";

/** The refusals a writer that lost a race may get: it reloads and decides again. */
export const lostRaceCodes = new Set(["UNKNOWN_INTERRUPT", "NO_PENDING_INTERRUPT", "RUN_CANCELLED", "CONCURRENT_WRITE", "EXPECTED_REVISION_CONFLICT"]);

/** What one writer did. */
export interface WriterReport {
  readonly writer: string;
  /** Requests sent (resumes and continues). */
  readonly requests: number;
  /** Requests refused because another writer got there first, by error code. */
  readonly lost: Readonly<Record<string, number>>;
}

/** Options of {@link raceOnThreads}. */
export interface RaceOptions {
  /** Give up (and throw) after this long. */
  readonly deadlineMs: number;
  /** The most a writer waits between two looks at a thread (ms, random up to it). */
  readonly thinkMs: number;
  /** The durability of this writer's runs (the graph's own when absent). */
  readonly durability?: "sync" | "async" | "exit";
}

/**
 * One writer (an engine instance: its own compiled graph on its own store handle) driving the
 * interview threads to their end while other writers do the same: it answers each pending
 * question by id with `<writer>|<interrupt id>`, and continues a run that looks stuck (the thread
 * did not move since its last look: its writer lost the race mid-run). A refusal because another
 * writer won is expected: the writer reloads and decides again. Anything else is thrown.
 */
export async function raceOnThreads(
  writer: string,
  graph: CompiledStateGraph<typeof InterviewState.spec>,
  threadIds: readonly string[],
  options: RaceOptions,
): Promise<WriterReport> {
  const deadline = Date.now() + options.deadlineMs;
  const lastSeen = new Map<string, string>();
  const lost: Record<string, number> = {};
  let requests = 0;
  const open = new Set(threadIds);
  while (open.size > 0) {
    if (Date.now() > deadline) throw new Error(`writer ${writer}: threads ${[...open].join(", ")} not finished after ${options.deadlineMs} ms`);
    for (const threadId of [...open].sort(() => Math.random() - 0.5)) {
      const config = { configurable: { thread_id: threadId } };
      const snapshot = await graph.getState(config);
      const pending = snapshot.tasks.flatMap((task) => task.interrupts);
      if (snapshot.values.answers.length >= interviewLength && snapshot.next.length === 0) {
        open.delete(threadId);
        continue;
      }
      const seen = JSON.stringify([snapshot.config.configurable.checkpoint_id, snapshot.tasks]);
      const stuck = lastSeen.get(threadId) === seen;
      lastSeen.set(threadId, seen);
      if (pending.length === 0 && !stuck) continue;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * options.thinkMs));
      const input = pending.length > 0 ? new Command({ resume: Object.fromEntries(pending.map(({ id }) => [id, `${writer}|${id}`])) }) : null;
      requests++;
      try {
        await graph.invoke(input, options.durability ? { ...config, durability: options.durability } : config);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code !== "string" || !lostRaceCodes.has(code)) throw error;
        lost[code] = (lost[code] ?? 0) + 1;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * options.thinkMs));
  }
  return { writer, requests, lost };
}

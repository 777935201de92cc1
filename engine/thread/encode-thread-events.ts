import type { NewEvent } from "../../store/event-store.js";
import { encodeThreadEvent } from "./encode-thread-event.js";
import type { ThreadEvent } from "./events.js";

/** What the events of one decision are appended with. */
export interface AppendContext {
  readonly threadId: string;
  /** The revision the first event lands at. */
  readonly firstRevision: number;
  /** The engine's clock reading for the decision (epoch ms). */
  readonly at: number;
  /** The run the decision belongs to, when there is one. */
  readonly runId: string | undefined;
}

/**
 * The events of one decision as the store takes them (format v2), all with one metadata object,
 * which a batch stores once: `at`, the `runId`, and for a step's events the `step` and the `task`
 * (the first task id among the events). An event whose step or task id is the metadata's leaves it
 * out of its data (see encodeThreadEvent; upcastThreadEvent puts it back).
 *
 * @example
 * // A chain step: StepStarted, TaskSucceeded, StepCommitted of step 3 and its one task:
 * // metadata { at, runId, step: 3, task: "<task id>" }; StepStarted { tasks: [{ node: "n3" }] },
 * // TaskSucceeded { writes, routes }, StepCommitted {}.
 */
export function encodeThreadEvents(events: readonly ThreadEvent[], context: AppendContext): NewEvent[] {
  const step = firstOf(events, "step");
  const task = firstOf(events, "taskId");
  const metadata: Record<string, unknown> = context.runId === undefined ? { at: context.at } : { at: context.at, runId: context.runId };
  if (typeof step === "number") metadata["step"] = step;
  if (typeof task === "string") metadata["task"] = task;
  const encoded: NewEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const data = encodeThreadEvent(event, { threadId: context.threadId, revision: context.firstRevision + i, runId: context.runId, step, task });
    encoded[i] = { type: event.type, data, metadata };
  }
  return encoded;
}

function firstOf(events: readonly ThreadEvent[], field: "step" | "taskId"): unknown {
  for (const event of events) if (field in event) return (event as unknown as Record<string, unknown>)[field];
  return undefined;
}

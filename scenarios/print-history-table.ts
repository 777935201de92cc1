import { upcastThreadEvent, type EventStore, type RecordedEvent } from "replaygraph";

/** One line of a readable history: what each event says, in a few words. */
export function describeEvent(event: RecordedEvent): string {
  // The event as readers see it (stored data leaves out what the store carries; see upcastThreadEvent).
  const data = upcastThreadEvent(event) as unknown as Record<string, any>;
  switch (event.type) {
    case "ThreadCreated":
      return `graph ${data["graph"]}`;
    case "RunStarted":
      return `run ${String(data["runId"]).slice(0, 8)} with ${data["input"]?.kind}${data["input"]?.resume ? " (resume)" : ""}`;
    case "StepStarted":
      return `step ${data["step"]}: ${(data["tasks"] as { node: string }[]).map((t) => t.node).join(", ")}`;
    case "TaskSucceeded":
      return `wrote ${Object.keys(data["writes"] ?? {}).join(", ") || "nothing"}${data["routes"]?.nodes?.length ? ` -> ${data["routes"].nodes.join(", ")}` : ""}`;
    case "TaskInterrupted":
      return `asked: ${truncate(JSON.stringify((data["interrupts"] as { value: unknown }[])[0]?.value))}`;
    case "InterruptResumed":
      return `answered: ${truncate(JSON.stringify((data["answers"] as { value: unknown }[])[0]?.value))}`;
    case "StepCommitted":
      return `step ${data["step"]} committed`;
    case "RunSucceeded":
      return data["pausedOn"] ? `paused on ${data["pausedOn"]}` : "run succeeded";
    case "RunFailed":
      return `failed: ${data["error"]?.message}`;
    default:
      return truncate(JSON.stringify(data));
  }
}

function truncate(text: string | undefined, width = 70): string {
  const value = text ?? "";
  return value.length > width ? `${value.slice(0, width - 1)}…` : value;
}

/** Prints a thread's event stream as a table: revision, time, event type, what it says. */
export async function printHistoryTable(store: EventStore, threadId: string, write: (line: string) => void = console.log): Promise<void> {
  const { events } = await store.readStream(`thread-${threadId}`);
  write(`${"rev".padStart(4)}  ${"time".padEnd(12)}  ${"event".padEnd(18)}  detail`);
  for (const event of events) {
    const at = typeof event.metadata["at"] === "number" ? new Date(event.metadata["at"] as number) : event.recordedAt;
    write(`${String(event.revision).padStart(4)}  ${at.toISOString().slice(11, 23)}  ${event.type.padEnd(18)}  ${describeEvent(event)}`);
  }
}

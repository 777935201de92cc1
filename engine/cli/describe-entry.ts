import type { HistoryEntry } from "../audit/history.js";
import type { RunInput, RequestedInput } from "../thread/events.js";
import { taskCallOfKey } from "../func/task-key.js";
import { compactJson } from "./format-value.js";

/** What a history entry says, in a few words: who asked what, which answer came, who wrote what. */
export function describeEntry(entry: HistoryEntry): string {
  const event = entry.event;
  switch (event.type) {
    case "ThreadCreated":
      return `graph '${event.graph}'${event.parent ? ` (subgraph of ${event.parent.threadId})` : ""}${event.metadata && Object.keys(event.metadata).length ? ` metadata ${compactJson(event.metadata, 60)}` : ""}`;
    case "RunStarted":
      return `${describeInput(event.input)}${event.fromCheckpoint !== undefined ? ` from checkpoint at revision ${event.fromCheckpoint}` : ""}`;
    case "RunQueued":
      return `queued (${event.multitaskStrategy}): ${describeInput(event.input)}`;
    case "StepStarted":
      return `tasks: ${event.tasks.map((task) => task.node).join(", ") || "none"}`;
    case "TaskSucceeded":
      return `wrote ${compactJson(event.writes, 70)}${event.routes.nodes.length ? ` -> ${event.routes.nodes.join(", ")}` : ""}`;
    case "TaskInterrupted":
      return `asked ${event.interrupts.map((raised) => compactJson(raised.value, 70)).join("; ")}`;
    case "TaskFailed":
      return `threw ${event.error.name}: ${event.error.message} (attempt ${event.attempts})`;
    case "StepCommitted":
      return "committed";
    case "InterruptResumed":
      return `answered ${event.answers.map((answer) => compactJson(answer.value, 70)).join("; ")}`;
    case "StateUpdated":
      return `updated ${compactJson(event.writes, 70)}${event.asNode !== undefined ? ` as '${event.asNode}'` : ""}`;
    case "ThreadForked":
      return `forked from revision ${event.fromRevision}`;
    case "BreakpointHit":
      return `breakpoint ${event.when} ${event.nodes.join(", ")}`;
    case "ReplayWarningRaised":
      return `warning ${event.kind}: ${event.detail}`;
    case "EffectRecorded": {
      const call = taskCallOfKey(event.key);
      if (call)
        return `task '${call.name}' (call ${call.index}${call.within.length ? ` in ${call.within.join("/")}` : ""}) -> ${compactJson(event.result, 60)}`;
      return `effect '${event.key}' -> ${compactJson(event.result, 60)}`;
    }
    case "RunSucceeded":
      return event.pausedOn ? `paused on ${event.pausedOn}` : "succeeded";
    case "RunFailed":
      return `failed: ${event.error.name}: ${event.error.message}`;
    case "RunCancelled":
      return `cancelled (${event.action}): ${event.reason}`;
    case "RunRolledBack":
      return `rolled back: ${event.reason}`;
    case "RunLeaseRenewed":
      return `lease until ${new Date(event.expiresAt).toISOString()}`;
  }
}

function describeInput(input: RunInput | RequestedInput): string {
  switch (input.kind) {
    case "input":
      return `input ${compactJson(input.values, 70)}`;
    case "continue":
      return "continue";
    case "command": {
      const parts: string[] = [];
      if (input.resume !== undefined && input.resume !== false) parts.push("resume");
      if (input.update) parts.push(`update ${compactJson(input.update, 50)}`);
      if (input.goto) parts.push(`goto ${compactJson(input.goto, 40)}`);
      return `command ${parts.join(", ") || "(empty)"}`;
    }
  }
}

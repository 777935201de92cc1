import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialLifecycle, transitionLifecycle, transitionLifecycleByMachine, type LifecycleEvent, type ThreadStatus } from "./lifecycle-machine.js";

const runIds = ["r1", "r2", "r3"] as const;
const runOptions = { recursionLimit: 25, interruptBefore: [], interruptAfter: [], strict: false };

const eventArbitrary: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  fc.constantFrom(...runIds).map((runId) => ({
    type: "RunQueued" as const,
    run: { runId, input: { kind: "continue" as const }, options: runOptions, multitaskStrategy: "enqueue" as const, metadata: {} },
  })),
  fc.constantFrom(...runIds).map((runId) => ({ type: "RunStarted" as const, runId })),
  fc.boolean().map((paused) => ({ type: "RunSucceeded" as const, paused })),
  fc.constant({ type: "RunFailed" as const }),
  fc.constantFrom(...runIds).map((runId) => ({ type: "RunCancelled" as const, runId })),
  fc.boolean().map((waiting) => ({ type: "StateChanged" as const, waiting })),
);

describe("the thread lifecycle", () => {
  it("folds every sequence of events exactly as the xstate machine does, queue or no queue", () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 30 }), (events) => {
        let fast = initialLifecycle();
        let machine = initialLifecycle();
        for (const event of events) {
          fast = transitionLifecycle(fast, event);
          machine = transitionLifecycleByMachine(machine, event);
          expect(fast).toEqual(machine);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the machine's answer on every queueless key, whatever the run ids", () => {
    const statuses: ThreadStatus[] = ["idle", "busy", "interrupted", "error"];
    const events: LifecycleEvent[] = [
      { type: "RunStarted", runId: "x" },
      { type: "RunStarted", runId: "a" },
      { type: "RunSucceeded", paused: true },
      { type: "RunSucceeded", paused: false },
      { type: "RunFailed" },
      { type: "RunCancelled", runId: "a" },
      { type: "RunCancelled", runId: "x" },
      { type: "StateChanged", waiting: true },
      { type: "StateChanged", waiting: false },
    ];
    let checked = 0;
    for (const value of statuses) {
      for (const activeRunId of [null, "a"]) {
        for (const event of events) {
          const lifecycle = { value, context: { activeRunId, queue: [] } };
          expect(transitionLifecycle(lifecycle, event), `${value}, active ${String(activeRunId)}, ${JSON.stringify(event)}`).toEqual(
            transitionLifecycleByMachine(lifecycle, event),
          );
          checked++;
        }
      }
    }
    expect(checked).toBe(72);
  });

  it("shares one object per resting state, so idle threads do not each hold a lifecycle", () => {
    const started = transitionLifecycle(initialLifecycle(), { type: "RunStarted", runId: "r1" });
    expect(started).toEqual({ value: "busy", context: { activeRunId: "r1", queue: [] } });
    const a = transitionLifecycle(started, { type: "RunSucceeded", paused: true });
    const b = transitionLifecycle(transitionLifecycle(initialLifecycle(), { type: "RunStarted", runId: "r2" }), { type: "RunSucceeded", paused: true });
    expect(a.value).toBe("interrupted");
    expect(a).toBe(b);
  });
});

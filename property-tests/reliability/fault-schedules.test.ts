import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictingEventStore } from "../../store/testing/conflicting-event-store.js";
import { crashableStoreKinds, countingProcess, engineProcesses, type CrashableStore } from "./crashable-stores.js";
import { driveThread, type EngineProcess } from "./drive-thread.js";
import { expectSameFacts, readPlayedThread, type PlayedThread } from "./expect-same-facts.js";
import { reliabilityScripts, type ReliabilityScript } from "./reliability-scripts.js";
import { runsOf } from "./reliability-runs.js";

const when = fc.constantFrom("before" as const, "after" as const);

describe.each(crashableStoreKinds)("generated fault schedules, on $name", (kind) => {
  const runs = (short: number) => runsOf(kind.name === "memory" ? short : Math.ceil(short / 3));
  let data: CrashableStore;
  beforeAll(async () => (data = await kind.create()));
  afterAll(async () => {
    await data.observer.assertUnchanged();
    await data.cleanup();
  });

  /** Plays the script without faults: its facts, and how many appends it makes. */
  async function reference(script: ReliabilityScript): Promise<{ played: PlayedThread; appends: number }> {
    const threadId = `reference-${randomUUID()}`;
    const counting = countingProcess(data, script);
    const result = await driveThread(script, threadId, counting.start);
    const played = await readPlayedThread(data.observer, threadId, result, `${script.name} uncrashed`);
    await result.last.stop();
    return { played, appends: counting.appends() };
  }

  describe.each(reliabilityScripts)("$name", (script) => {
    it("crashes in a row (the recovering process crashes too) leave the facts of an uncrashed run", async () => {
      const { played, appends } = await reference(script);
      const schedule = fc.array(fc.record({ append: fc.integer({ min: 1, max: appends + 1 }), when }), { minLength: 1, maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(schedule, async (crashes) => {
          const threadId = `crashes-${randomUUID()}`;
          const label = `${script.name}, crashes ${JSON.stringify(crashes)}`;
          const faults = crashes.map(({ append, when }) => ({ failOn: append, when, then: "crash" as const }));
          const result = await driveThread(script, threadId, engineProcesses(data, script, faults));
          if (crashes[0]!.append <= appends) expect(result.processes, `${label}: the first crash happened`).toBeGreaterThan(1);
          expectSameFacts(await readPlayedThread(data.observer, threadId, result, label), played, label);
          await result.last.stop();
        }),
        { numRuns: runs(12) },
      );
    });

    it("append failures the process lives through (outcome unknown to it) leave the facts of a clean run", async () => {
      const { played, appends } = await reference(script);
      const failures = fc.record({ appends: fc.uniqueArray(fc.integer({ min: 1, max: appends + 3 }), { minLength: 1, maxLength: 3 }), when });
      await fc.assert(
        fc.asyncProperty(failures, async ({ appends: failing, when }) => {
          const threadId = `failures-${randomUUID()}`;
          const label = `${script.name}, appends ${failing.join(", ")} fail ${when} reaching the store`;
          const result = await driveThread(script, threadId, engineProcesses(data, script, [{ failOn: (call) => failing.includes(call.index), when }]));
          expect(result.processes, label).toBe(1);
          if (Math.min(...failing) <= appends) expect(result.faults, `${label}: a failure happened`).toBeGreaterThan(0);
          // A subgraph's failed append fails its parent task, recorded as such; that record is not compared.
          expectSameFacts(await readPlayedThread(data.observer, threadId, result, label, { omitStoreFailedTasks: true }), played, label);
          await result.last.stop();
        }),
        { numRuns: runs(12) },
      );
    });

    it("lost races (conflicts on any appends) are retried by the engine: the client sees no error and the facts are a clean run's", async () => {
      const { played, appends } = await reference(script);
      const conflicts = fc.uniqueArray(fc.integer({ min: 1, max: appends + 3 }), { minLength: 1, maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(conflicts, async (conflicting) => {
          const threadId = `conflicts-${randomUUID()}`;
          const label = `${script.name}, conflicts on appends ${conflicting.join(", ")}`;
          let contested: ConflictingEventStore | undefined;
          const result = await driveThread(script, threadId, async (): Promise<EngineProcess> => {
            const handle = await data.openHandle();
            contested = new ConflictingEventStore(handle.store, { conflictOn: (call) => conflicting.includes(call.index) });
            return { store: contested, graph: script.build(contested), crashed: () => false, stop: () => handle.close() };
          });
          expect(result.faults, label).toBe(0);
          if (Math.min(...conflicting) <= appends) expect(contested!.conflicts.length, `${label}: a conflict happened`).toBeGreaterThan(0);
          expectSameFacts(await readPlayedThread(data.observer, threadId, result, label), played, label);
          await result.last.stop();
        }),
        { numRuns: runs(8) },
      );
    });
  });
});

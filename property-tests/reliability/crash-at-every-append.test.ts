import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upcastThreadEvent } from "replaygraph";
import { crashableStoreKinds, countingProcess, engineProcesses, type CrashableStore } from "./crashable-stores.js";
import { driveThread } from "./drive-thread.js";
import { effectScript } from "./effect-script.js";
import { expectSameFacts, readPlayedThread } from "./expect-same-facts.js";
import { reliabilityScripts } from "./reliability-scripts.js";

const durabilities = ["sync", "async", "exit"] as const;

describe.each(crashableStoreKinds)("crash at every append, on $name", (kind) => {
  let data: CrashableStore;
  beforeAll(async () => (data = await kind.create()));
  afterAll(async () => {
    // Nothing any engine appended, across all the crashes, ever changed.
    await data.observer.assertUnchanged();
    expect(data.observer.eventsSeen).toBeGreaterThan(0);
    await data.cleanup();
  });

  describe.each(reliabilityScripts)("$name", (script) => {
    it.each(durabilities)(
      "durability %s: a crash before or after any append, then a restart from the store, leaves the facts of an uncrashed run",
      async (durability) => {
        const referenceId = `reference-${randomUUID()}`;
        const counting = countingProcess(data, script);
        const played = await driveThread(script, referenceId, counting.start, durability);
        const reference = await readPlayedThread(data.observer, referenceId, played, `${script.name} uncrashed`);
        await played.last.stop();
        const appends = counting.appends();
        expect(appends).toBeGreaterThan(1);

        for (let append = 1; append <= appends; append++) {
          for (const when of ["before", "after"] as const) {
            const label = `${script.name} at ${durability}, crash ${when} append ${append} of ${appends}`;
            const threadId = `crash-${randomUUID()}`;
            const crashed = await driveThread(script, threadId, engineProcesses(data, script, [{ failOn: append, when, then: "crash" }]), durability);
            expect(crashed.processes, `${label}: the crash happened`).toBe(2);
            expectSameFacts(await readPlayedThread(data.observer, threadId, crashed, label), reference, label);
            await crashed.last.stop();
          }
        }
      },
    );
  });
});

describe.each(crashableStoreKinds)("effect() bodies under a crash at every append, on $name", (kind) => {
  let data: CrashableStore;
  beforeAll(async () => (data = await kind.create()));
  afterAll(() => data.cleanup());

  it.each(durabilities)(
    "durability %s: a body runs once, or twice only when the crash struck before its record was durable; never once its record is stored",
    async (durability) => {
      /** Counts body runs per key, and fails any run whose EffectRecorded is already in the store. */
      const world = () => {
        const runs: Record<string, number> = {};
        const afterRecorded: string[] = [];
        const script = effectScript(async ({ threadId, taskId, key }) => {
          runs[key] = (runs[key] ?? 0) + 1;
          const { events } = await data.observer.readStream(`thread-${threadId}`);
          const recorded = events.some(
            (stored) =>
              (upcastThreadEvent(stored) as { type: string; taskId?: string; key?: string }).type === "EffectRecorded" &&
              (upcastThreadEvent(stored) as { taskId: string }).taskId === taskId &&
              (upcastThreadEvent(stored) as { key: string }).key === key,
          );
          if (recorded) afterRecorded.push(key);
        });
        return { runs, afterRecorded, script };
      };

      const clean = world();
      const counting = countingProcess(data, clean.script);
      const played = await driveThread(clean.script, `reference-${randomUUID()}`, counting.start, durability);
      await played.last.stop();
      expect(clean.runs).toEqual({ "create-invoice": 1, "send-invoice": 1, "email-receipt": 1 });
      const recordedBy = counting.log.map((call) => (call.events.find((event) => event.type === "EffectRecorded")?.data as { key?: string } | undefined)?.key);
      expect(recordedBy.filter((key) => key !== undefined)).toEqual(["create-invoice", "send-invoice", "email-receipt"]);

      for (let append = 1; append <= counting.appends(); append++) {
        for (const when of ["before", "after"] as const) {
          const label = `crash ${when} append ${append} (${recordedBy[append - 1] ? `the record of ${recordedBy[append - 1]}` : "no effect record"})`;
          const crashed = world();
          const result = await driveThread(
            crashed.script,
            `effects-${randomUUID()}`,
            engineProcesses(data, crashed.script, [{ failOn: append, when, then: "crash" }]),
            durability,
          );
          await result.last.stop();
          expect(crashed.afterRecorded, `${label}: a body ran after its record was stored`).toEqual([]);
          const rerun = when === "before" ? recordedBy[append - 1] : undefined;
          const expected = Object.fromEntries(Object.keys(clean.runs).map((key) => [key, key === rerun ? 2 : 1]));
          expect(crashed.runs, label).toEqual(expected);
        }
      }
    },
  );
});

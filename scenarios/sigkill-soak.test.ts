import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteEventStore } from "replaygraph/sqlite";
import { crashableStoreKinds, countingProcess, type CrashableStore } from "../property-tests/reliability/crashable-stores.js";
import { driveThread } from "../property-tests/reliability/drive-thread.js";
import { expectAcknowledgedStored } from "../property-tests/reliability/expect-acknowledged-stored.js";
import { readPlayedThread, type PlayedThread } from "../property-tests/reliability/expect-same-facts.js";
import { reliabilityScripts } from "../property-tests/reliability/reliability-scripts.js";
import { reliabilityLong } from "../property-tests/reliability/reliability-runs.js";
import { checkpointsOf, readThreadFacts, settledStateOf } from "../property-tests/reliability/thread-facts.js";
import { childLines } from "../store/testing/child-lines.js";
import { ImmutabilityAssertingEventStore } from "../store/testing/immutability-asserting-event-store.js";
import type { AcknowledgedAppend } from "../store/testing/recording-event-store.js";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";
import { sqliteIntegrityCheck } from "../store/sqlite/testing/sqlite-integrity-check.js";

// CI: a few kills on a couple of threads per scenario (fewer at async and exit). RELIABILITY_LONG=1: a long soak.
const killsAt = (durability: string) => (reliabilityLong ? 30 : durability === "sync" ? 4 : 2);
const threadsPerScript = reliabilityLong ? 10 : 2;
const killAfterMs = { min: 5, max: reliabilityLong ? 150 : 80 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("threads on SQLite under SIGKILL at random moments (real processes)", () => {
  const references = new Map<string, PlayedThread>();
  let memory: CrashableStore;
  let dir = "";
  beforeAll(async () => {
    // What each scenario leaves when nothing crashes (facts compare across stores).
    memory = await crashableStoreKinds[0]!.create();
    for (const script of reliabilityScripts) {
      const threadId = `reference-${randomUUID()}`;
      const played = await driveThread(script, threadId, countingProcess(memory, script).start);
      references.set(script.name, await readPlayedThread(memory.observer, threadId, played, `${script.name} uncrashed`));
    }
    dir = await mkdtemp(join(tmpdir(), "replaygraph-sigkill-"));
  });
  afterAll(async () => {
    await memory.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(["sync", "async", "exit"] as const)(
    "durability %s: processes killed mid-work; a new process finishes every thread; the file is intact; every history replays to an uncrashed run's facts",
    async (durability) => {
      const kills = killsAt(durability);
      const path = join(dir, `threads-${durability}.db`);
      const plan = reliabilityScripts.flatMap((script, index) =>
        Array.from({ length: threadsPerScript }, (_, copy) => ({ threadId: `kill-${index}-${copy}`, script: script.name })),
      );
      const observer = new ImmutabilityAssertingEventStore(new SqliteEventStore(path));
      const acks: AcknowledgedAppend[] = [];
      const effectBodies: { threadId: string; key: string; afterRecorded: boolean }[] = [];
      let killedMidWork = 0;
      const started = Date.now();
      try {
        for (let round = 0; round <= kills; round++) {
          const last = round === kills;
          const child = spawnTypeScriptWorker(new URL("./testing/sigkill-thread-worker.ts", import.meta.url), [path, JSON.stringify(plan), "8", durability]);
          const output = childLines(child);
          await output.waitFor(/^ready$/);
          if (!last) {
            await sleep(killAfterMs.min + Math.random() * (killAfterMs.max - killAfterMs.min));
            child.kill("SIGKILL");
          }
          const exit = await output.exited;
          acks.push(...output.lines.filter((line) => line.startsWith("ack ")).map((line) => JSON.parse(line.slice(4)) as AcknowledgedAppend));
          effectBodies.push(
            ...output.lines.filter((line) => line.startsWith("effect ")).map((line) => JSON.parse(line.slice(7)) as (typeof effectBodies)[number]),
          );
          const done = output.lines.includes("done");
          if (last) {
            expect(exit, `last round: ${output.stderr()}`).toEqual({ code: 0, signal: null });
            expect(done, "the last process finished every thread").toBe(true);
          } else if (exit.signal === "SIGKILL") {
            if (!done) killedMidWork++;
          } else {
            // The work ran out before the kill: the process must have finished cleanly.
            expect({ ...exit, done }, `round ${round}: ${output.stderr()}`).toEqual({ code: 0, signal: null, done: true });
          }
          expect(sqliteIntegrityCheck(path), `after round ${round}`).toBe("ok");
          // Nothing acknowledged is lost, and nothing stored before changes (the observer remembers every byte).
          await expectAcknowledgedStored(observer, acks);
          for (const { threadId } of plan) await observer.readStream(`thread-${threadId}`);
        }
        await observer.assertUnchanged();
        expect(killedMidWork, "kills that landed before the process finished").toBeGreaterThan(0);

        let abandonedRuns = 0;
        const reader = new SqliteEventStore(path);
        try {
          for (const { threadId, script: name } of plan) {
            const script = reliabilityScripts.find((candidate) => candidate.name === name)!;
            const reference = references.get(name)!;
            const facts = await readThreadFacts(reader, threadId);
            expect(facts.streams, `${name} on ${threadId}: facts`).toEqual(reference.facts.streams);
            expect(facts.effects, `${name} on ${threadId}: journaled effects`).toEqual(reference.facts.effects);
            for (const [key, count] of facts.answerCounts) expect(count, `${threadId}: ${key} answered`).toBe(1);
            for (const [key, count] of facts.effectCounts) expect(count, `${threadId}: ${key} journaled`).toBe(1);
            // A cold process replays the stream: the same state and the same checkpoints as an uncrashed run.
            const cold = script.build(reader);
            expect(facts.canonical(settledStateOf(await cold.getState({ configurable: { thread_id: threadId } }))), `${threadId}: state`).toEqual(
              reference.state,
            );
            expect(facts.canonical(await checkpointsOf(cold, threadId)), `${threadId}: checkpoints`).toEqual(reference.checkpoints);
            const { events } = await reader.readStream(`thread-${threadId}`);
            abandonedRuns += events.filter((event) => event.type === "RunFailed" && /abandoned/.test(JSON.stringify(event.data))).length;
          }
        } finally {
          await reader.close();
        }
        // Some kills landed inside a run: the next process found it unended and closed it. (At exit a
        // run is stored when it stops, or up to an effect, so a kill may leave none unended.)
        if (durability === "sync") expect(abandonedRuns, "runs a kill left unended").toBeGreaterThan(0);
        // No effect body ran once its record was stored (a kill between a body and its record may repeat it).
        expect(
          effectBodies.filter((body) => body.afterRecorded),
          "effect bodies that ran after their record was stored",
        ).toEqual([]);
        expect(effectBodies.length).toBeGreaterThanOrEqual(3 * threadsPerScript);
        const repeated = effectBodies.length - 3 * threadsPerScript;
        console.info(
          `sigkill soak at ${durability}: ${killedMidWork} kills mid-work, ${abandonedRuns} runs recovered, ${acks.length} acknowledged appends checked, ` +
            `${effectBodies.length} effect bodies (${repeated} repeated after a kill before their record), ${plan.length} threads, ${Date.now() - started} ms`,
        );
      } finally {
        await observer.close();
      }
    },
    reliabilityLong ? 900_000 : 120_000,
  );
});

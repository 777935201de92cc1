import { describe, expect, it } from "vitest";
import { childLines } from "../../store/testing/child-lines.js";
import { spawnTypeScriptWorker } from "../../store/testing/spawn-typescript-worker.js";

// Found for issue 8: a run queued with runs.create whose start is refused (here: a resume of an
// interrupt another engine answered first; also a resume of an unknown id, or with nothing
// pending) stayed queued for ever and RunSupervisor.#drain retried it in a loop that never yielded
// to timers. Now the refusal is recorded (the run ends with status error) and thrown once. The race
// runs in a child process so a regression cannot hang the suite.

describe("two service engines resume the same interrupt at once (SEMANTICS rule 9)", () => {
  it("one answer wins, the other run ends refused, and neither engine spins", async () => {
    const child = spawnTypeScriptWorker(new URL("../../scenarios/testing/engine-resume-race-worker.ts", import.meta.url), []);
    const output = childLines(child);
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    try {
      const line = await output.waitFor(/^result /).catch(() => {
        throw new Error("no result within 20 s: the engine spun on the refused queued run (killed)");
      });
      const { outcomes, answers, runs } = JSON.parse(line.slice("result ".length)) as {
        outcomes: { ok?: string[]; error?: string }[];
        answers: string[];
        runs: string[];
      };
      expect(answers).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.ok !== undefined).map((outcome) => outcome.ok)).toContainEqual(answers);
      expect(runs.filter((status) => status === "pending" || status === "running")).toEqual([]);
      expect(runs).toContain("error");
    } finally {
      clearTimeout(timer);
      child.kill("SIGKILL");
    }
  }, 30_000);
});

import { fileURLToPath } from "node:url";
import type { EventStore } from "../../../store/event-store.js";
import { streamNameOf } from "../../thread/ids.js";
import type { CliCommand } from "../cli-command.js";
import { exitCodes } from "../exit-codes.js";

// The demo is the plan-revision scenario itself (scenarios/plan-revision-demo.ts), loaded only
// when this command runs: the CLI sits above the library and may use what the scenarios show.
const demoModule = "../../../scenarios/plan-revision-demo.js";
const graphModule = fileURLToPath(new URL("../../../scenarios/plan-revision.js", import.meta.url));

/** `replaygraph demo` (and `npm run demo`): the plan-revision loop, on the chosen store. */
export const demoCommand: CliCommand = {
  name: "demo",
  summary: "run the plan-revision demo (a plan revised until a human approves it) on the store, then show how to audit it",
  positionals: [],
  flags: [{ name: "thread", kind: "string", value: "<id>", summary: "the demo thread's id (default: demo-plan, or demo-plan-2, ... when taken)" }],
  description:
    "Runs the plan-revision loop: a node suggests a plan and asks for feedback with interrupt(); a scripted human asks " +
    "for two changes, then approves. Every question surfaces the latest plan. Prints each question and answer, the final " +
    "state and the thread's events, then the commands that audit the thread. The store keeps the thread (default " +
    "sqlite:./replaygraph.db); an existing thread is never touched.",
  examples: ["replaygraph demo", "replaygraph demo --store sqlite:./demo.db --thread my-demo"],
  usesStore: true,
  async run(session) {
    const store = await session.openStore({ create: true });
    const threadId = session.args.string("thread") ?? (await freeThreadId(store, "demo-plan"));
    const { runPlanRevisionDemo } = (await import(demoModule)) as typeof import("../../../scenarios/plan-revision-demo.js");
    await session.print(`replaygraph demo: the plan-revision loop on ${session.storeSpec.text}, thread '${threadId}'\n`);
    await runPlanRevisionDemo(store, threadId, (line) => void session.io.stdout.write(`${line}\n`));
    if (session.storeSpec.kind === "memory") {
      await session.print(
        `\nThe memory: store ends with this process, so nothing is left to audit. Run the demo on a file to audit it afterwards: replaygraph demo --store sqlite:./demo.db`,
      );
      return exitCodes.ok;
    }
    const storeFlag = session.storeIsDefault ? "" : ` --store ${session.storeSpec.text}`;
    // Run through `npm run demo` in a clone, the command is not on the PATH: npx finds it.
    const cli = process.env.npm_lifecycle_event === undefined ? "replaygraph" : "npx replaygraph";
    await session.print(`\naudit it:`);
    await session.print(`  ${cli} history ${threadId}${storeFlag} --type TaskInterrupted,InterruptResumed`);
    await session.print(`  ${cli} state ${threadId}${storeFlag} --at 14 --graph ${graphModule}:buildPlanRevisionGraph`);
    await session.print(`  ${cli} verify ${graphModule}:buildPlanRevisionGraph ${threadId}${storeFlag}`);
    await session.print(`  ${cli} export ${threadId}${storeFlag} --out ${threadId}.jsonl`);
    return exitCodes.ok;
  },
};

async function freeThreadId(store: EventStore, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await store.readStream(streamNameOf(candidate), { maxCount: 1 })).streamExists) return candidate;
  }
}

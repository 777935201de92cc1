import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StoreKind } from "./bench-store.js";
import type { BenchContext } from "./benchmark.js";
import { profileCpu, selfTimeByArea, topSelfTime } from "./cpu-profile.js";
import { benchDataRoot } from "./data-dir.js";
import { formatMs, formatNumber } from "./format-number.js";
import { chainGraph } from "./graph-shapes.js";
import type { MarkdownTable, ReportSection } from "./report-section.js";
import { timeFreshThreads } from "./time-fresh-threads.js";

const shownFunctions = 20;

/**
 * CPU-profiles replaygraph's chain benchmark (one repetition after a warm-up, memory and SQLite)
 * and lists the functions with the most self time, to say where optimization should start. The
 * `.cpuprofile` files stay in bench/.data/ (gitignored) for Chrome DevTools or speedscope.
 */
export async function profileChain(context: BenchContext): Promise<ReportSection> {
  const engine = context.engines.find((e) => e.name === "replaygraph");
  if (engine === undefined) throw new Error("profileChain needs the replaygraph engine.");
  const { chainNodes: nodes, chainThreads: threads } = context.sizes;
  const tables: MarkdownTable[] = [];
  const files: string[] = [];
  for (const kind of ["memory", "sqlite"] as const satisfies readonly StoreKind[]) {
    const run = (label: string, count: number) =>
      timeFreshThreads({
        context,
        engine,
        kind,
        label,
        threads: count,
        build: (e, cp) => chainGraph(e.kit, cp, nodes),
        input: { items: [] },
        check: () => undefined,
      });
    context.progress(`profile: replaygraph chain ${kind}`);
    await run("profile-warmup", Math.min(100, threads));
    const { result, profile } = await profileCpu(() => run("profile", threads));
    const file = join(benchDataRoot(), `chain-${kind}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    files.push(`bench/.data/chain-${kind}.cpuprofile`);
    const areas = selfTimeByArea(profile)
      .slice(0, 8)
      .map((entry) => `${entry.name} ${formatNumber(entry.share * 100, 1)} %`);
    tables.push({
      headers: [`${kind}: function (self time)`, "self ms", "share"],
      rows: [
        ...topSelfTime(profile, shownFunctions).map((entry) => [`\`${entry.name}\``, formatMs(entry.selfMs), `${formatNumber(entry.share * 100, 1)} %`]),
        [`**by area** (${formatNumber((threads * nodes * 1000) / result.totalMs)} supersteps/s under the profiler)`, "", areas.join(", ")],
      ],
    });
  }
  return {
    title: "CPU profile: replaygraph's chain benchmark",
    intro: [
      `One repetition (${formatNumber(threads)} threads × ${nodes} nodes) per store after a warm-up, sampled every 200 µs by V8's profiler in this process. ` +
        "Self time only (time in the function's own code, not its callees); `(garbage collector)` and `(program)` are V8's pseudo-frames.",
    ],
    tables,
    notes: [`Profiles: ${files.map((f) => `\`${f}\``).join(", ")} (open in Chrome DevTools or speedscope).`],
  };
}

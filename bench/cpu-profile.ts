import type { Profiler, Runtime } from "node:inspector";
import { Session } from "node:inspector/promises";

/** One function's share of the samples of a CPU profile. */
export interface SelfTimeEntry {
  /** `name (file:line)`, with paths shortened to `dist/...` or the npm package. */
  readonly name: string;
  /** Where it lives: `replaygraph engine`, `replaygraph store`, an npm package, `node`, or a V8 pseudo-frame. */
  readonly area: string;
  readonly selfMs: number;
  /** Self time over all sampled time, 0..1. */
  readonly share: number;
}

/**
 * Runs `work` under V8's sampling CPU profiler (in this process, through the inspector) and
 * returns its result with the profile.
 *
 * WARNING: the profiler slows the code it samples; use the profile for where time goes, never
 * for how much there is.
 */
export async function profileCpu<TResult>(work: () => Promise<TResult>, samplingIntervalUs = 200): Promise<{ result: TResult; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: samplingIntervalUs });
    await session.post("Profiler.start");
    const result = await work();
    const { profile } = await session.post("Profiler.stop");
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/** The functions with the most self time in `profile`, largest first. */
export function topSelfTime(profile: Profiler.Profile, count: number): SelfTimeEntry[] {
  return selfTimeBy(profile, (frame) => `${frame.functionName || "(anonymous)"}${frame.url ? ` (${shortPath(frame.url)}:${frame.lineNumber + 1})` : ""}`).slice(
    0,
    count,
  );
}

/** Self time summed by area (replaygraph engine or store, npm package, node, GC), largest first. */
export function selfTimeByArea(profile: Profiler.Profile): SelfTimeEntry[] {
  return selfTimeBy(profile, (frame) => areaOf(frame));
}

function selfTimeBy(profile: Profiler.Profile, keyOf: (frame: Runtime.CallFrame) => string): SelfTimeEntry[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, { ms: number; area: string }>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let all = 0;
  for (let i = 0; i < samples.length; i++) {
    const frame = frames.get(samples[i] ?? -1);
    if (frame === undefined || frame.functionName === "(idle)") continue;
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const key = keyOf(frame);
    const entry = totals.get(key) ?? { ms: 0, area: areaOf(frame) };
    entry.ms += ms;
    totals.set(key, entry);
    all += ms;
  }
  return [...totals.entries()].map(([name, { ms, area }]) => ({ name, area, selfMs: ms, share: all > 0 ? ms / all : 0 })).sort((a, b) => b.selfMs - a.selfMs);
}

function areaOf(frame: Runtime.CallFrame): string {
  const url = frame.url;
  if (url === "") return frame.functionName.startsWith("(") ? frame.functionName : "native";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  if (url.startsWith("node:")) return "node";
  const own = /\/dist\/(engine|store|bench)\//.exec(url);
  if (own?.[1] !== undefined) return `replaygraph ${own[1]}`;
  return "other";
}

function shortPath(url: string): string {
  const pkg = /node_modules\/(.*)$/.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  const own = /\/(dist\/.*)$/.exec(url);
  return own?.[1] ?? url;
}

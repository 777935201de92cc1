import type { ChildProcessWithoutNullStreams } from "node:child_process";

/** A child process's stdout, line by line, and how it exited. */
export interface ChildLines {
  /** Every complete line so far. */
  readonly lines: readonly string[];
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  /** Resolves when the child exits: its exit code, or the signal that killed it. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** Resolves with the first line matching `pattern`; rejects if the child exits without one. */
  waitFor(pattern: RegExp): Promise<string>;
}

/**
 * Collects the stdout lines of a worker started with `spawnTypeScriptWorker`.
 *
 * @example
 * const child = spawnTypeScriptWorker(new URL("./worker.ts", import.meta.url), []);
 * const output = childLines(child);
 * await output.waitFor(/^ready$/);
 */
export function childLines(child: ChildProcessWithoutNullStreams): ChildLines {
  const lines: string[] = [];
  let stderr = "";
  let buffered = "";
  const waiters: (() => void)[] = [];
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split("\n");
    buffered = complete.pop() ?? "";
    lines.push(...complete);
    for (const wake of waiters.splice(0)) wake();
  });
  // "close" comes after the pipes are drained: every line the child wrote has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  return {
    lines,
    stderr: () => stderr,
    exited,
    async waitFor(pattern) {
      for (;;) {
        const found = lines.find((line) => pattern.test(line));
        if (found !== undefined) return found;
        const woken = new Promise<"line">((resolve) => waiters.push(() => resolve("line")));
        const outcome = await Promise.race([woken, exited]);
        if (outcome !== "line") {
          const late = lines.find((line) => pattern.test(line));
          if (late !== undefined) return late;
          throw new Error(`worker exited (code ${String(outcome.code)}, signal ${String(outcome.signal)}) before printing ${pattern}; stderr:\n${stderr}`);
        }
      }
    },
  };
}

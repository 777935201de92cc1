/** Where a progress bar draws: stderr, usually. */
export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** A progress bar on one line, redrawn in place. */
export interface ProgressBar {
  /** Shows `done` of `total`; redraws at most every 100 ms (always at the end). */
  update(done: number, total: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

const width = 30;
const redrawEveryMs = 100;

/** A bar that draws nothing. */
export const silentProgressBar: ProgressBar = { update: () => undefined, finish: () => undefined };

/**
 * A progress bar for work that can take more than a second:
 * `export   [##########..........]  50%  50,000/100,000 events  1.2 s`.
 */
export function createProgressBar(output: ProgressOutput, label: string, unit: string, now: () => number = Date.now): ProgressBar {
  const started = now();
  let lastDrawn = -Infinity;
  let last: { done: number; total: number } | undefined;
  let finished = false;
  const draw = () => {
    if (!last) return;
    const { done, total } = last;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * width);
    const seconds = ((now() - started) / 1000).toFixed(1);
    const line = `${label.padEnd(9)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${unit}  ${seconds} s`;
    output.write(`\r${line}${output.isTTY ? "\u001b[K" : ""}`);
    lastDrawn = now();
  };
  return {
    update(done, total) {
      if (finished) return;
      last = { done, total };
      if (now() - lastDrawn >= redrawEveryMs || done >= total) draw();
    },
    finish() {
      if (finished) return;
      finished = true;
      draw();
      if (last) output.write("\n");
    },
  };
}

/** A summary of one set of samples (latencies in ms, or rates). */
export interface SampleSummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The `q`-quantile of `values` by the nearest-rank method (the smallest value with at least
 * `q` of the samples at or below it), as the peer baseline computed it. NaN when empty.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** The median (nearest-rank p50, so always one of the samples). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Count, mean, p50, p99, min and max of `values`. */
export function summarize(values: readonly number[]): SampleSummary {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { count: values.length, mean: sum / values.length, p50: quantile(values, 0.5), p99: quantile(values, 0.99), min, max };
}

/**
 * The mean of each tenth of `values`, in order: decile 1 is the first tenth of the run. With
 * fewer than ten values, a decile holds one value (some repeat).
 */
export function meansByDecile(values: readonly number[]): number[] {
  return Array.from({ length: 10 }, (_, decile) => {
    const from = Math.floor((decile * values.length) / 10);
    const to = Math.max(Math.floor(((decile + 1) * values.length) / 10), from + 1);
    const slice = values.slice(from, Math.min(to, values.length));
    return slice.reduce((a, b) => a + b, 0) / slice.length;
  });
}

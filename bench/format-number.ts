import { median } from "./sample-stats.js";

/** A number with thousands separators and up to `digits` decimals; "–" for NaN or undefined. */
export function formatNumber(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with precision that suits the magnitude: 0.012, 1.23, 12.3, 1,234. */
export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  return formatNumber(value, abs < 0.1 ? 3 : abs < 10 ? 2 : abs < 100 ? 1 : 0);
}

/** A rate or count with precision that suits the magnitude. */
export function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return formatNumber(value, Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0);
}

/** Bytes as B, KB, MB or GB (powers of 1,000, as the peer baseline printed them). */
export function formatBytes(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  const units = ["B", "KB", "MB", "GB"] as const;
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${formatNumber(scaled, unit === 0 ? 0 : Math.abs(scaled) < 10 ? 2 : 1)} ${units[unit]}`;
}

/** A ratio as `12.3×`. */
export function formatRatio(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return `${formatNumber(value, value < 10 ? 2 : 1)}×`;
}

/** The median of per-repetition values with their range: `1,234 (1,100–1,300)`. */
export function formatMedianRange(values: readonly number[], format: (value: number) => string = formatRate): string {
  if (values.length === 0) return "–";
  if (values.length === 1) return format(values[0] ?? Number.NaN);
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

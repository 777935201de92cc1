import { PayloadTooLargeError } from "../errors/limit-errors.js";
import { fingerprint } from "./fingerprint.js";

/**
 * Throws {@link PayloadTooLargeError} when `value`, serialized, is over `limit` bytes. The check
 * counts exact UTF-8 bytes only when the text's length could reach the limit.
 */
export function assertPayloadSize(value: unknown, where: string, limit: number): void {
  if (!Number.isFinite(limit)) return;
  const text = fingerprint(value);
  if (text.length * 3 <= limit) return;
  const size = Buffer.byteLength(text, "utf8");
  if (size > limit) throw new PayloadTooLargeError(where, size, limit);
}

/**
 * The first place where two values differ, as a path and the two values there (`.values.log[2]:
 * "a" ≠ "b"`), or undefined when they are equal. Numbers compare with Object.is (so -0 ≠ 0);
 * object keys compare as sets, in any order.
 */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${path || "(root)"}: ${show(a)} ≠ ${show(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path || "(root)"}: ${show(a)} ≠ ${show(b)}`;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime() ? undefined : `${path}: ${a.toISOString()} ≠ ${b.toISOString()}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (Object.prototype.hasOwnProperty.call(left, key) !== Object.prototype.hasOwnProperty.call(right, key)) {
      return `${path}.${key}: ${Object.prototype.hasOwnProperty.call(left, key) ? show(left[key]) : "absent"} ≠ ${Object.prototype.hasOwnProperty.call(right, key) ? show(right[key]) : "absent"}`;
    }
    const found = firstDifference(left[key], right[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

function show(value: unknown): string {
  if (Object.is(value, -0)) return "-0";
  if (typeof value === "function") return "a function";
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}

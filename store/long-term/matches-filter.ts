const operators = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);

/**
 * Whether an item's value passes a `search` filter: every filter key must match the value's
 * top-level key of that name. A filter value is an exact value, or an object of operators
 * (`{ $gte: 3, $lt: 9 }`, all must hold) compared as LangGraph compares them: `$eq`/`$ne` by `===`,
 * `$gt`/`$gte`/`$lt`/`$lte` on `Number(...)` of both sides, `$in`/`$nin` against an array.
 * An exact array matches an equal array; an exact object matches a value that has all its keys
 * with matching values (LangGraph JS compares those by reference, so they never match there).
 */
export function matchesFilter(value: unknown, filter: Readonly<Record<string, unknown>>): boolean {
  for (const key of Object.keys(filter)) {
    const actual = isRecord(value) ? value[key] : undefined;
    if (!matches(actual, filter[key])) return false;
  }
  return true;
}

function matches(actual: unknown, expected: unknown): boolean {
  if (isOperatorObject(expected)) {
    for (const operator of Object.keys(expected)) if (!holds(operator, actual, expected[operator])) return false;
    return true;
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => deepEqual(actual[i], item));
  if (isRecord(expected)) return isRecord(actual) && Object.keys(expected).every((key) => matches(actual[key], expected[key]));
  return actual === expected;
}

function holds(operator: string, actual: unknown, operand: unknown): boolean {
  switch (operator) {
    case "$eq":
      return actual === operand;
    case "$ne":
      return actual !== operand;
    case "$gt":
      return Number(actual) > Number(operand);
    case "$gte":
      return Number(actual) >= Number(operand);
    case "$lt":
      return Number(actual) < Number(operand);
    case "$lte":
      return Number(actual) <= Number(operand);
    case "$in":
      return Array.isArray(operand) && operand.includes(actual);
    case "$nin":
      return !Array.isArray(operand) || !operand.includes(actual);
    default:
      return false;
  }
}

/** An object whose keys are all operators (the empty object too: it asks nothing, so it matches all). */
function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Object.keys(value).every((key) => operators.has(key));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}

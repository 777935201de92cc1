/** Filters an auth handler returns: `{ key: value }`, `{ key: { $eq: value } }` or `{ key: { $contains: value | value[] } }`. */
export type AuthFilters = Readonly<Record<string, unknown>>;

/**
 * Whether `metadata` passes the filters an `on` handler returned, with the Agent Server's rules:
 * a plain value or `$eq` must be equal, `$contains` needs an array holding the value (or all values).
 * No filters pass everything.
 */
export function matchesAuthFilters(metadata: Readonly<Record<string, unknown>> | undefined, filters: AuthFilters | undefined): boolean {
  if (filters === undefined) return true;
  return Object.entries(filters).every(([key, expected]) => {
    const actual = metadata?.[key];
    if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
      const operator = expected as { $eq?: unknown; $contains?: unknown };
      if ("$eq" in operator) return isContained(actual, operator.$eq) && isContained(operator.$eq, actual);
      if ("$contains" in operator) {
        if (!Array.isArray(actual)) return false;
        const wanted = Array.isArray(operator.$contains) ? operator.$contains : [operator.$contains];
        return wanted.every((value) => actual.some((item) => isContained(item, value) && isContained(value, item)));
      }
      return isContained(actual, expected);
    }
    return isContained(actual, expected) && isContained(expected, actual);
  });
}

/** The plain `{ key: value }` entries of auth filters: what a resource created for the caller gets in its metadata. */
export function ownerMetadataOf(filters: AuthFilters | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters ?? {}).filter(([, value]) => value === null || typeof value !== "object"));
}

/**
 * Whether `value` contains `pattern` as PostgreSQL's `jsonb @>` does (what the Agent Server's
 * metadata search uses): objects key by key, arrays element by element (any order), scalars equal.
 */
export function isContained(value: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== "object") return value === pattern;
  if (Array.isArray(pattern)) return Array.isArray(value) && pattern.every((wanted) => value.some((item) => isContained(item, wanted)));
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.entries(pattern).every(([key, wanted]) => isContained((value as Record<string, unknown>)[key], wanted));
}

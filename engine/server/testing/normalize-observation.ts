/**
 * Makes two servers' observations comparable: object keys sorted, and every id-like string
 * (uuids, run ids, 32-hex interrupt ids) replaced by `<id:n>`, numbered by first appearance, so
 * the same structure of ids compares equal (a uuid inside a longer string too). Timestamps are replaced by `<time>`.
 */
export function normalizeObservation(value: unknown): unknown {
  const ids = new Map<string, string>();
  const idLike = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|[A-Za-z0-9_-]{21})$/;
  const embeddedUuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const rename = (text: string) => {
    if (!ids.has(text)) ids.set(text, `<id:${ids.size}>`);
    return ids.get(text)!;
  };
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") {
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(node)) return "<time>";
      // A word of 21 letters is not an id; a nanoid of letters only (about 1 in 80) is.
      if (idLike.test(node) && !/^[a-z_]+$/.test(node)) return rename(node);
      // A uuid inside a longer string (a chat model chunk's `run-<uuid>` id, a namespace's `node:<uuid>`).
      return node.replace(embeddedUuid, rename);
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.keys(node)
          .sort()
          .map((key) => [idLike.test(key) ? rename(key) : key.replace(embeddedUuid, rename), walk((node as Record<string, unknown>)[key])]),
      );
    }
    return node;
  };
  return walk(value);
}

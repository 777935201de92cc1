/**
 * Replaces what differs between two engines by construction (checkpoint, task and interrupt ids,
 * timestamps) with labels in order of first appearance, so two runs of one program compare equal
 * exactly when they have the same shape: `ckpt-0` is the first checkpoint id either engine shows.
 */
export function createIdNormalizer(): (value: unknown) => unknown {
  const labels = new Map<string, string>();
  const label = (kind: string, id: string) => {
    let found = labels.get(id);
    if (found === undefined) {
      found = `${kind}-${[...labels.values()].filter((existing) => existing.startsWith(`${kind}-`)).length}`;
      labels.set(id, found);
    }
    return found;
  };
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (Array.isArray(value)) return value.map((item) => visit(item, undefined));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) if (item !== undefined) out[name] = visit(item, name);
      return out;
    }
    if (typeof value !== "string") return value;
    if (key === "checkpoint_id") return label("ckpt", value);
    if (key === "createdAt" || key === "timestamp" || key === "ts") return "<time>";
    if (key === "id" && /^[0-9a-f]{32}$/.test(value)) return label("interrupt", value);
    if (key === "id" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) return label("task", value);
    return value;
  };
  return (value) => visit(value, undefined);
}

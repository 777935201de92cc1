/**
 * A value as JSON the way LangGraph's Agent Server writes it: LangChain messages (anything with
 * `toDict()`) become `{ ...data, type }` (`{ content, id, type: "ai", ... }`), not LangChain's
 * `{ lc, type: "constructor", kwargs }` serialization that `JSON.stringify` would give.
 */
export function wireJsonOf(value: unknown): string {
  return JSON.stringify(value ?? null, function (this: Record<string, unknown>, key: string, converted: unknown) {
    const raw = this[key];
    if (raw !== null && typeof raw === "object" && typeof (raw as { toDict?: unknown }).toDict === "function") {
      const { type, data } = (raw as { toDict(): { type: string; data: Record<string, unknown> } }).toDict();
      return { ...data, type };
    }
    return converted;
  });
}

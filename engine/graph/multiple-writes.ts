import type { Writes } from "../thread/events.js";

/** The key of the recorded form of several writes of one task to one channel, `{ __writes__: [first, second, ...] }`. */
export const MULTIPLE_WRITES = "__writes__";

/** Several writes of one task to one channel, in the order the node made them, as writes record them. */
export interface MultipleWrites {
  readonly [MULTIPLE_WRITES]: readonly unknown[];
}

/** True for the recorded form of several writes to one channel. */
export function isMultipleWrites(value: unknown): value is MultipleWrites {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Array.isArray((value as Record<string, unknown>)[MULTIPLE_WRITES])
  );
}

/** The writes a recorded write stands for: its elements when it is several, else itself alone. */
export function writesInOrderOf(value: unknown): readonly unknown[] {
  return isMultipleWrites(value) ? value[MULTIPLE_WRITES] : [value];
}

/** `earlier` followed by `later`, as one recorded write (a node returned a list that writes a key twice). */
export function appendWrite(earlier: unknown, later: unknown): MultipleWrites {
  return { [MULTIPLE_WRITES]: [...writesInOrderOf(earlier), later] };
}

/**
 * A task's writes as the `updates` stream shows them, as LangGraph does: the writes themselves,
 * or, when the task wrote a key more than once, one `{ key: value }` per write. LangGraph lists
 * them in the order the node made them; the record keeps each key's writes in order but not how
 * writes to different keys interleaved, so they are listed round by round (every key's first
 * write, then every key's second...), which is the node's order when each of its updates wrote
 * the same keys.
 */
export function updatesShownOf(writes: Writes): Writes | Writes[] {
  let rounds = 1;
  for (const key in writes) if (isMultipleWrites(writes[key])) rounds = Math.max(rounds, writesInOrderOf(writes[key]).length);
  if (rounds === 1) return writes;
  const updates: Writes[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const key in writes) {
      const inOrder = writesInOrderOf(writes[key]);
      if (round < inOrder.length) updates.push({ [key]: inOrder[round] });
    }
  }
  return updates;
}

/**
 * A task's writes as LangGraph shows them in a task's `result` (the `tasks` stream, a history
 * task): a key written more than once as `{ $writes: [first, second, ...] }`. The record keeps
 * `__writes__`, the form stored threads hold.
 */
export function shownWritesOf(writes: Writes): Writes {
  let shown: Record<string, unknown> | undefined;
  for (const key in writes) {
    const value = writes[key];
    if (!isMultipleWrites(value)) continue;
    shown ??= { ...writes };
    shown[key] = { $writes: value[MULTIPLE_WRITES] };
  }
  return shown ?? writes;
}

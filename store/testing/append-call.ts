import type { ExpectedRevision, NewEvent } from "../event-store.js";

/** One `appendToStream` call as a testing decorator saw it. */
export interface AppendCall {
  /** Its position among the appends made through the decorator, from 1. */
  readonly index: number;
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision | undefined;
}

/** Which appends a decorator acts on: the n-th one (from 1), or those a predicate picks. */
export type AppendSelector = number | ((call: AppendCall) => boolean);

/** Whether `selector` picks `call`. */
export function isSelected(selector: AppendSelector, call: AppendCall): boolean {
  return typeof selector === "number" ? call.index === selector : selector(call);
}

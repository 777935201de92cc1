import { eventSerializer } from "../event-serializer.js";
import { copyPlainJson } from "../plain-json.js";

/**
 * A deep copy of an item's value as a store keeps it: what the SQLite store's encoding gives back
 * (superjson's: Dates, Maps, Sets, BigInts survive; class instances it does not know become plain
 * objects). The in-memory store copies on the way in and out, so a caller changing a value it put
 * or got does not change the store, as with the SQLite store.
 */
export function copyItemValue<T>(value: T): T {
  return copyPlainJson(value) ?? (eventSerializer.parse(eventSerializer.stringify(value)) as T);
}

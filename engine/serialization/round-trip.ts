import { eventSerializer } from "../../store/event-serializer.js";
import { copyPlainJson } from "../../store/plain-json.js";
import { copyStorable } from "./copy-storable.js";

/**
 * `value` after the store's encoding round trip (superjson's format, plain JSON on a fast path):
 * a deep copy that is exactly what a replay reads back from the store (class instances superjson
 * does not know become plain objects).
 */
export function roundTrip<T>(value: T): T {
  // Plain JSON (most values), and plain data with LangChain messages in it, is copied in one walk:
  // what the round trip would make, without the text.
  return copyPlainJson(value) ?? copyStorable(value) ?? (eventSerializer.parse(eventSerializer.stringify(value)) as T);
}

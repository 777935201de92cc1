import superjson from "superjson";

/**
 * `value` after a superjson round trip: a deep copy that is exactly what a replay reads back from
 * the store (class instances superjson does not know become plain objects).
 */
export function roundTrip<T>(value: T): T {
  return superjson.parse<T>(superjson.stringify(value));
}

/**
 * `replaygraph/eventstoredb`: the EventStoreDB adapter of the store port. Importing it loads
 * `@eventstore/db-client`, an optional peer dependency installed only by those who use it.
 */
export { DEFAULT_MAX_APPEND_SIZE, DEFAULT_MAX_EVENT_SIZE, EventStoreDBEventStore, type EventStoreDBEventStoreOptions } from "./eventstoredb-event-store.js";
export type { EsdbAppendLimits } from "./esdb-event-encoding.js";

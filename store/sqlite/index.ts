/**
 * `replaygraph/sqlite`: the embedded, durable event store in one SQLite file.
 *
 * @example
 * import { SqliteEventStore } from "replaygraph/sqlite";
 * const graph = builder.compile({ checkpointer: new SqliteEventStore("./threads.db") });
 * // with long-term memory in the same file:
 * const withMemory = builder.compile({ checkpointer: new SqliteEventStore("./app.db"), store: new SqliteStore("./app.db") });
 */
export { SqliteEventStore, DEFAULT_SQLITE_MAX_EVENT_BYTES } from "./sqlite-event-store.js";
export type { SqliteEventStoreOptions, SqliteSynchronous } from "./sqlite-event-store.js";
export { SqliteSaver } from "./sqlite-saver.js";
export { SqliteStore, type SqliteStoreOptions } from "./sqlite-store.js";
export { SqliteSchemaTooNewError } from "./sqlite-schema-too-new-error.js";
export { NotASqliteDatabaseError } from "./not-a-sqlite-database-error.js";

/**
 * `replaygraph/postgres`: the event store on PostgreSQL, for several processes sharing one
 * database. Needs node-postgres (`npm install pg`), an optional peer dependency.
 *
 * @example
 * import { PostgresEventStore } from "replaygraph/postgres";
 * const graph = builder.compile({ checkpointer: new PostgresEventStore({ connectionString: "postgres://app@db/threads" }) });
 */
export { PostgresEventStore, DEFAULT_POSTGRES_MAX_EVENT_BYTES } from "./postgres-event-store.js";
export type { PostgresEventStoreOptions } from "./postgres-event-store.js";
/** The name LangGraph JS users know (`@langchain/langgraph-checkpoint-postgres`): the same class as {@link PostgresEventStore}. */
export { PostgresEventStore as PostgresSaver } from "./postgres-event-store.js";
export { PostgresSchemaMismatchError, PostgresSchemaTooNewError } from "./postgres-schema-too-new-error.js";

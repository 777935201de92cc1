import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { EventStore } from "../../store/event-store.js";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { InvalidStoreError } from "./cli-errors.js";

/** The store used when neither --store nor REPLAYGRAPH_STORE names one. */
export const defaultStoreSpec = "sqlite:./replaygraph.db";

/** Where a command reads or writes threads, as named on the command line. */
export interface StoreSpec {
  readonly kind: "sqlite" | "eventstoredb" | "postgres" | "memory";
  /** The spec as given (a PostgreSQL password masked), for messages. */
  readonly text: string;
  /** The SQLite file (absolute), or the EventStoreDB or PostgreSQL connection string. */
  readonly location: string;
}

/** Parses `sqlite:<file>`, `esdb://...` / `esdb+discover://...`, `postgres://...` / `postgresql://...`, or `memory:`. */
export function parseStoreSpec(text: string, cwd: string): StoreSpec {
  if (text === "memory:" || text === "memory") return { kind: "memory", text, location: "" };
  if (text.startsWith("esdb://") || text.startsWith("esdb+discover://")) return { kind: "eventstoredb", text, location: text };
  if (text.startsWith("postgres://") || text.startsWith("postgresql://"))
    return { kind: "postgres", text: text.replace(/^(\w+:\/\/[^:/@]*:)[^@/]*@/, "$1***@"), location: text };
  if (text.startsWith("sqlite:")) {
    const file = text.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (file === "") throw new InvalidStoreError(text, "it names no file after 'sqlite:'");
    return { kind: "sqlite", text, location: resolve(cwd, file) };
  }
  throw new InvalidStoreError(text, "it is not sqlite:<file>, esdb://..., postgres://... or memory:");
}

/**
 * Opens the store a spec names. `create: false` (the read-only commands) refuses a SQLite file that
 * does not exist rather than creating an empty one at a mistyped path. The EventStoreDB and
 * PostgreSQL drivers are loaded only here, only when asked for.
 */
export async function openStore(spec: StoreSpec, options: { readonly create: boolean }): Promise<EventStore> {
  switch (spec.kind) {
    case "memory":
      return new MemoryEventStore();
    case "sqlite": {
      if (!options.create && !existsSync(spec.location)) throw new InvalidStoreError(spec.text, `there is no file at ${spec.location}`);
      const { SqliteEventStore } = await import("../../store/sqlite/sqlite-event-store.js");
      return new SqliteEventStore(spec.location);
    }
    case "eventstoredb": {
      let module: typeof import("../../store/eventstoredb/eventstoredb-event-store.js");
      try {
        module = await import("../../store/eventstoredb/eventstoredb-event-store.js");
      } catch (error) {
        throw new InvalidStoreError(spec.text, `the EventStoreDB client is not installed (npm install @eventstore/db-client): ${(error as Error).message}`);
      }
      return new module.EventStoreDBEventStore({ connectionString: spec.location });
    }
    case "postgres": {
      let module: typeof import("../../store/postgres/postgres-event-store.js");
      try {
        module = await import("../../store/postgres/postgres-event-store.js");
      } catch (error) {
        throw new InvalidStoreError(spec.text, `the PostgreSQL driver is not installed (npm install pg): ${(error as Error).message}`);
      }
      return new module.PostgresEventStore({ connectionString: spec.location });
    }
  }
}

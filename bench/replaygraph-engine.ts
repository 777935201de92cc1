import Database from "better-sqlite3";
import { Annotation, Command, END, MemoryEventStore, START, StateGraph, interrupt, type EventStore, type StateDefinition } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import type { BenchEngine } from "./bench-engine.js";
import { measureSqliteFile, type BenchStore, type StoredEventSize, type StoreKind } from "./bench-store.js";
import type { ChannelKind, GraphKit, LooseStateGraph } from "./graph-kit.js";

const kit: GraphKit = {
  START,
  END,
  stateGraph(channels: Readonly<Record<string, ChannelKind>>): LooseStateGraph {
    const spec: StateDefinition = {};
    for (const [name, kind] of Object.entries(channels)) {
      spec[name] = kind === "list" ? Annotation<unknown[], unknown[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) : Annotation<unknown>();
    }
    return new StateGraph(Annotation.Root(spec)) as unknown as LooseStateGraph;
  },
  interrupt: (value) => interrupt(value),
  resume: (value) => new Command({ resume: value }),
};

/** replaygraph, from the package's public entry points, as a user imports it. */
export const replaygraphEngine: BenchEngine = {
  name: "replaygraph",
  kit,
  sqliteSettings: 'SqliteEventStore(file, { synchronous: "normal" }): journal_mode=WAL, synchronous=NORMAL, one transaction and one row per append',
  openStore(kind: StoreKind, file: string): BenchStore {
    return kind === "memory" ? memoryStore(new MemoryEventStore()) : sqliteStore(file);
  },
};

function memoryStore(store: MemoryEventStore): BenchStore {
  return {
    kind: "memory",
    checkpointer: store,
    storage: () => undefined,
    eventCount: (threadId) => eventCountOf(store, threadId),
    reopen: async () => memoryStore(store),
    close: () => store.close(),
  };
}

function sqliteStore(file: string): BenchStore {
  const store = new SqliteEventStore(file, { synchronous: "normal" });
  return {
    kind: "sqlite",
    checkpointer: store,
    storage: () => withSecondConnection(file, (db) => measureSqliteFile(db, file, payloadSql)),
    eventSizes: (threadId) => withSecondConnection(file, (db) => eventSizesOf(db, threadId)),
    eventCount: (threadId) => eventCountOf(store, threadId),
    reopen: async () => {
      await store.close();
      return sqliteStore(file);
    },
    close: () => store.close(),
  };
}

async function eventCountOf(store: EventStore, threadId: string): Promise<number> {
  const { currentRevision } = await store.readStream(`thread-${threadId}`, { direction: "backwards", maxCount: 1 });
  return currentRevision + 1;
}

const payloadSql = "SELECT sum(length(CAST(events AS BLOB))) FROM event_batches";

/**
 * Each event's bytes in its append's row (one row per append): its own JSON, and for the row's
 * first event also the row's shared part (metadata, wrapper), so the sizes add up to the rows.
 */
function eventSizesOf(db: Database.Database, threadId: string): StoredEventSize[] {
  return db
    .prepare<[string], StoredEventSize>(
      `SELECT json_extract(e.value, '$.t') AS type,
              length(CAST(e.value AS BLOB))
                + CASE WHEN e.key = 0 THEN length(CAST(b.events AS BLOB)) - (SELECT sum(length(CAST(x.value AS BLOB))) FROM json_each(b.events, '$.e') x) ELSE 0 END AS bytes
         FROM event_batches b, json_each(b.events, '$.e') e
        WHERE b.stream = ? ORDER BY b.revision, e.key`,
    )
    .all(`thread-${threadId}`);
}

/** The store keeps its connection private; a second one reads the same file (WAL allows it). */
function withSecondConnection<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

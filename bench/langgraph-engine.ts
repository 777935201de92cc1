import Database from "better-sqlite3";
import { Annotation, Command, END, MemorySaver, START, StateGraph, interrupt } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { BenchEngine } from "./bench-engine.js";
import { measureSqliteFile, type BenchStore, type StoreKind } from "./bench-store.js";
import type { ChannelKind, GraphKit, LooseStateGraph } from "./graph-kit.js";

const kit: GraphKit = {
  START,
  END,
  stateGraph(channels: Readonly<Record<string, ChannelKind>>): LooseStateGraph {
    const spec: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries(channels)) {
      spec[name] = kind === "list" ? Annotation<unknown[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) : Annotation<unknown>();
    }
    // LangGraph's Annotation.Root is typed over a literal spec; the loop above builds it at run time.
    return new StateGraph(Annotation.Root(spec as Parameters<typeof Annotation.Root>[0])) as unknown as LooseStateGraph;
  },
  interrupt: (value) => interrupt(value),
  resume: (value) => new Command({ resume: value }),
};

/**
 * LangGraph JS with its own savers. Its default `durability: "async"` is kept, as in the peer
 * baseline: `invoke()` still awaits every checkpoint write before it returns.
 */
export const langGraphEngine: BenchEngine = {
  name: "LangGraph",
  kit,
  sqliteSettings:
    'SqliteSaver(new Database(file)) after PRAGMA journal_mode=WAL and PRAGMA synchronous=NORMAL (read back before each run); durability "async" (the default)',
  openStore(kind: StoreKind, file: string): BenchStore {
    return kind === "memory" ? memoryStore(new MemorySaver()) : sqliteStore(file);
  },
};

function memoryStore(saver: MemorySaver): BenchStore {
  return {
    kind: "memory",
    checkpointer: saver,
    storage: () => undefined,
    reopen: async () => memoryStore(saver),
    close: async () => undefined,
  };
}

function sqliteStore(file: string): BenchStore {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const synchronous = db.pragma("synchronous", { simple: true });
  if (synchronous !== 1) throw new Error(`SqliteSaver's connection reports synchronous=${String(synchronous)}, not 1 (NORMAL).`);
  const saver = new SqliteSaver(db);
  return {
    kind: "sqlite",
    checkpointer: saver,
    storage: () => measureSqliteFile(db, file, payloadSql),
    reopen: async () => {
      db.close();
      return sqliteStore(file);
    },
    close: async () => {
      db.close();
    },
  };
}

const payloadSql = `SELECT
  (SELECT coalesce(sum(length(checkpoint) + length(metadata)), 0) FROM checkpoints) +
  (SELECT coalesce(sum(length(value)), 0) FROM writes)`;

import type { BenchStore, StoreKind } from "./bench-store.js";
import type { GraphKit } from "./graph-kit.js";

/** An engine under test: its graph API and its stores. */
export interface BenchEngine {
  /** `replaygraph` or `LangGraph`, as the tables print it. */
  readonly name: string;
  readonly kit: GraphKit;
  /** The engine's store of this kind: replaygraph's MemoryEventStore/SqliteEventStore, LangGraph's MemorySaver/SqliteSaver. */
  openStore(kind: StoreKind, file: string): BenchStore;
  /** How the SQLite store is set up, for the run's header. */
  readonly sqliteSettings: string;
}

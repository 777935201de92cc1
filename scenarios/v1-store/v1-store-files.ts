import { fileURLToPath } from "node:url";

/** The folder of the 0.1.0 store fixture (in the source tree, also when this module runs from dist/). */
export const v1StoreDir = fileURLToPath(
  new URL(import.meta.url.includes("/dist/scenarios/") ? "../../../scenarios/v1-store/fixture/" : "./fixture/", import.meta.url),
);
/** A SQLite file written by 0.1.0. */
export const v1StoreFile = `${v1StoreDir}store-0.1.0.db`;
/** A history export file written by 0.1.0 (the ledger thread). */
export const v1ExportFile = `${v1StoreDir}ledger-0.1.0.jsonl`;
/**
 * What the public API showed of each thread of the SQLite file under 0.1.0 (superjson text), with
 * one intended change since: a history entry's task that ran a subgraph lists the question the
 * subgraph asked there (`interrupts`), as LangGraph's history does (two tasks: the subgraph-as-node
 * and subgraph-in-node threads).
 */
export const v1ExpectedFile = `${v1StoreDir}expected-0.1.0.json`;

import { createWriteStream } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { exportHistory } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { eventSerializer } from "../../store/event-serializer.js";
import { goldenHistories } from "../golden-histories.js";
import { observeThread } from "./observe-thread.js";
import { buildLedgerGraph, ledgerThreads, playLedgerThreads } from "./v1-store-threads.js";
import { v1ExportFile, v1ExpectedFile, v1StoreDir, v1StoreFile } from "./v1-store-files.js";

/**
 * Wrote the 0.1.0 store fixture, once, with the code of the 0.1.0 event format (before format
 * v2): a SQLite file holding every golden scenario played live and the ledger threads (snapshots
 * included), an export file of the ledger, and what the public API showed of each thread then.
 * Do not run it again: the fixture is there to show that stores written by 0.1.0 still load.
 *
 * Run: `npx tsx scenarios/v1-store/record-v1-store.ts`.
 */
const epoch = Date.UTC(2025, 0, 1);
await mkdir(v1StoreDir, { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) await rm(`${v1StoreFile}${suffix}`, { force: true });
const store = new SqliteEventStore(v1StoreFile);
let readings = 0;
let ids = 0;
const determinism = { clock: () => epoch + 1000 * readings++, generateId: () => `run-${String(++ids).padStart(4, "0")}` };

const expected: Record<string, unknown> = {};
for (const golden of goldenHistories) {
  const graph = golden.buildGraph(store, determinism);
  await golden.play(graph, golden.threadId);
  expected[golden.threadId] = { graph: golden.name, ...(await observeThread(graph, golden.threadId)) };
}
const ledger = buildLedgerGraph(store, determinism);
await playLedgerThreads(ledger);
for (const threadId of Object.values(ledgerThreads)) expected[threadId] = { graph: "ledger", ...(await observeThread(ledger, threadId)) };

const output = createWriteStream(v1ExportFile);
await exportHistory(store, ledgerThreads.finished, output);
output.end();
await finished(output);
await writeFile(v1ExpectedFile, `${eventSerializer.stringify(expected)}\n`);
await store.close();
console.log(`wrote ${v1StoreFile}, ${v1ExportFile} and ${v1ExpectedFile}`);

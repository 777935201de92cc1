import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";

/** The library a parity program is written against: replaygraph's exports (LangGraph's are passed in the same shape). */
export type Library = typeof replaygraph;

/** A program run on each library: it builds, runs and reads a graph, and returns what a user observes. */
export type ParityProgram = (lib: Library, checkpointer: unknown) => Promise<unknown>;

/** What one run of a program observed: its result, or the error it ended with (name and LangGraph's code). */
export type Observed = { readonly result: unknown } | { readonly error: string; readonly lc_error_code: string | undefined };

/**
 * Runs `program` on LangGraph 1.7 (its MemorySaver) and on replaygraph over the memory store and
 * a SQLite file, and returns what each observed, as JSON values (so a Command, an Overwrite or
 * a class instance compares by its JSON form).
 */
export async function onBothLibraries(program: ParityProgram): Promise<{ langgraph: Observed; memory: Observed; sqlite: Observed }> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-parity-"));
  const sqlite = new SqliteEventStore(join(dir, "threads.db"));
  try {
    return {
      langgraph: await observe(() => program(langgraph as unknown as Library, new langgraph.MemorySaver())),
      memory: await observe(() => program(replaygraph, new replaygraph.MemoryEventStore())),
      sqlite: await observe(() => program(replaygraph, sqlite)),
    };
  } finally {
    await sqlite.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function observe(run: () => Promise<unknown>): Promise<Observed> {
  try {
    return { result: JSON.parse(JSON.stringify(await run()) ?? "null") };
  } catch (error) {
    const failure = error as { name?: string; lc_error_code?: string };
    return { error: failure.name ?? String(error), lc_error_code: failure.lc_error_code };
  }
}

/**
 * Runs `program` on LangGraph 1.7 (one MemorySaver) and on replaygraph over the memory store or a
 * SQLite file, and returns each one's result as it is. `checkpointer()` gives the same memory
 * store on every call, and on SQLite a new handle on the same file (so a program reads back from a
 * fresh handle by calling it again).
 */
export async function onBothStores<T>(
  store: "memory" | "sqlite",
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  program: (lib: any, checkpointer: () => unknown) => Promise<T>,
): Promise<{ langgraph: T; replaygraph: T }> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-both-stores-"));
  try {
    const saver = new langgraph.MemorySaver();
    const memory = new replaygraph.MemorySaver();
    const file = join(dir, "threads.db");
    return {
      langgraph: await program(langgraph, () => saver),
      replaygraph: await program(replaygraph, () => (store === "memory" ? memory : new SqliteEventStore(file))),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

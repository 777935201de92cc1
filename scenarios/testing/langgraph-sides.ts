import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";

/**
 * One library a differential test runs its program on, with a fresh checkpointer of one kind.
 * The program is written once against `lib` (LangGraph's names, which replaygraph exports too),
 * as a user who ports a graph by changing imports would write it.
 */
export interface LibrarySide {
  readonly name: string;
  // The two libraries' types differ in detail; the program is checked by what it observes.
  readonly lib: any;
  readonly checkpointer: unknown;
  cleanup(): Promise<void>;
}

/** Opens one side: `library` on a `store` ("memory", or "sqlite" in a temporary file). */
export type OpenSide = () => Promise<LibrarySide>;

async function temporaryFile(): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-parity-"));
  return { path: join(dir, "threads.db"), remove: () => rm(dir, { recursive: true, force: true }) };
}

const sides: Record<string, Record<string, OpenSide>> = {
  memory: {
    langgraph: async () => ({ name: "langgraph", lib: langgraph, checkpointer: new langgraph.MemorySaver(), cleanup: async () => undefined }),
    replaygraph: async () => ({ name: "replaygraph", lib: replaygraph, checkpointer: new replaygraph.MemorySaver(), cleanup: async () => undefined }),
  },
  sqlite: {
    langgraph: async () => {
      const file = await temporaryFile();
      const saver = SqliteSaver.fromConnString(file.path);
      return { name: "langgraph", lib: langgraph, checkpointer: saver, cleanup: async () => file.remove() };
    },
    replaygraph: async () => {
      const file = await temporaryFile();
      const store = new SqliteEventStore(file.path);
      return {
        name: "replaygraph",
        lib: replaygraph,
        checkpointer: store,
        cleanup: async () => {
          await store.close();
          await file.remove();
        },
      };
    },
  },
};

/** The stores a differential test runs on, each with LangGraph's side and replaygraph's. */
export const parityStores: readonly { readonly store: string; readonly langgraph: OpenSide; readonly replaygraph: OpenSide }[] = Object.entries(sides).map(
  ([store, open]) => ({ store, langgraph: open["langgraph"]!, replaygraph: open["replaygraph"]! }),
);

/** Runs `program` on both sides of `store` and returns what each observed (LangGraph's first). */
export async function observeBoth<TObserved>(
  store: (typeof parityStores)[number],
  program: (side: LibrarySide) => Promise<TObserved>,
): Promise<{ langgraph: TObserved; replaygraph: TObserved }> {
  const observed: TObserved[] = [];
  for (const open of [store.langgraph, store.replaygraph]) {
    const side = await open();
    try {
      observed.push(await program(side));
    } finally {
      await side.cleanup();
    }
  }
  return { langgraph: observed[0]!, replaygraph: observed[1]! };
}

/** What a call observably did: its result, or the name and message of what it threw. */
export async function outcomeOf(call: () => Promise<unknown>): Promise<{ result: unknown } | { threw: string; message: string }> {
  try {
    return { result: await call() };
  } catch (error) {
    return { threw: (error as Error).name, message: (error as Error).message };
  }
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryEventStore, type EventStore } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import type { AppendCall } from "../../store/testing/append-call.js";
import { FailingAppendEventStore, type FailingAppendOptions } from "../../store/testing/failing-append-event-store.js";
import { ImmutabilityAssertingEventStore } from "../../store/testing/immutability-asserting-event-store.js";
import type { EngineProcess } from "./drive-thread.js";
import type { ReliabilityScript } from "./reliability-scripts.js";

/** The data of one store, which engine processes open handles on, checked for immutability. */
export interface CrashableStore {
  /** A handle kept open for the whole test: read the final history through it. */
  readonly observer: ImmutabilityAssertingEventStore;
  /** A new handle, as a newly started process opens it (checked against everything seen before). */
  openHandle(): Promise<{ readonly store: EventStore; close(): Promise<void> }>;
  cleanup(): Promise<void>;
}

/** A kind of store the reliability properties run on. */
export interface CrashableStoreKind {
  readonly name: string;
  create(): Promise<CrashableStore>;
}

const memory: CrashableStoreKind = {
  name: "memory",
  async create() {
    // A memory store outlives its engine only inside one process: a restarted engine gets the same object.
    const inner = new MemoryEventStore();
    const observer = new ImmutabilityAssertingEventStore(inner);
    return { observer, openHandle: async () => ({ store: observer.on(inner), close: async () => undefined }), cleanup: () => inner.close() };
  },
};

const sqlite: CrashableStoreKind = {
  name: "sqlite",
  async create() {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-reliability-"));
    const path = join(dir, "threads.db");
    const observer = new ImmutabilityAssertingEventStore(new SqliteEventStore(path));
    return {
      observer,
      async openHandle() {
        const handle = new SqliteEventStore(path);
        return { store: observer.on(handle), close: () => handle.close() };
      },
      async cleanup() {
        await observer.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

export const crashableStoreKinds: readonly CrashableStoreKind[] = [memory, sqlite];

/**
 * Starts engine processes for `script` on `data`: the i-th process started fails its appends as
 * `faults[i]` says (a crash, or a failure it lives through); processes past the list run clean.
 */
export function engineProcesses(data: CrashableStore, script: ReliabilityScript, faults: readonly FailingAppendOptions[]): () => Promise<EngineProcess> {
  let started = 0;
  return async () => {
    const plan = faults[started++];
    const handle = await data.openHandle();
    const failing = plan ? new FailingAppendEventStore(handle.store, plan) : undefined;
    const store = failing ?? handle.store;
    return { store, graph: script.build(store), crashed: () => failing?.crashed ?? false, stop: () => handle.close() };
  };
}

/** A clean process that logs the appends it makes. */
export interface CountingProcess {
  readonly start: () => Promise<EngineProcess>;
  /** How many appends it made. */
  appends(): number;
  /** Each append, in order (`log[0]` is append 1). */
  readonly log: readonly AppendCall[];
}

/** A process that runs `script` on `data` without faults, logging its appends. */
export function countingProcess(data: CrashableStore, script: ReliabilityScript): CountingProcess {
  const log: AppendCall[] = [];
  return {
    start: async () => {
      const handle = await data.openHandle();
      // A failing store that never fails: it only logs the appends it sees.
      const logAppend = (call: AppendCall): boolean => {
        log.push(call);
        return false;
      };
      const counter = new FailingAppendEventStore(handle.store, { failOn: logAppend, when: "before" });
      return { store: counter, graph: script.build(counter), crashed: () => false, stop: () => handle.close() };
    },
    appends: () => log.length,
    log,
  };
}

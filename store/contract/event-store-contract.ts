import { randomUUID } from "node:crypto";
import { describe, it } from "vitest";
import type { EventStore } from "../event-store.js";
import { concurrentAppendCases } from "./concurrent-append-cases.js";
import { eventDataCases } from "./event-data-cases.js";
import type { EventStoreContractCase, EventStoreContractContext } from "./event-store-contract-case.js";
import { expectedRevisionCases } from "./expected-revision-cases.js";
import { idempotentAppendCases } from "./idempotent-append-cases.js";
import { langChainValueCases } from "./langchain-value-cases.js";
import { listStreamsCases } from "./list-streams-cases.js";
import { readStreamCases } from "./read-stream-cases.js";

/** A case of the contract, and what it is given; see `event-store-contract-case.ts`. */
export type { EventStoreContractCase, EventStoreContractContext } from "./event-store-contract-case.js";

/** A store made for one contract case, and how to dispose of it. */
export interface EventStoreUnderTest {
  readonly store: EventStore;
  /** Closes the store and removes whatever it created (files, databases). Runs after every case. */
  cleanup(): Promise<void>;
}

/** What an adapter tells the contract about itself; each option enables the cases that need it. */
export interface EventStoreContractOptions {
  /** the largest single-event payload (bytes of data) the adapter documents as accepted; the suite appends one close to it and one over it */
  readonly maxEventBytes?: number;
  /** a second, independent handle on the same underlying data (another connection); enables the cross-handle concurrency case */
  readonly openSecondHandle?: (first: EventStoreUnderTest) => Promise<EventStore>;
}

/**
 * Every behaviour of the store port, one case each. Each case works in streams of its own (see
 * {@link EventStoreContractContext.prefix}), so the cases can share one server.
 */
export const eventStoreContractCases: readonly EventStoreContractCase[] = [
  ...expectedRevisionCases,
  ...readStreamCases,
  ...listStreamsCases,
  ...eventDataCases,
  ...langChainValueCases,
  ...idempotentAppendCases,
  ...concurrentAppendCases,
];

/**
 * Runs one case against a store made by `createStore`, closing any second handle and cleaning the
 * store up afterwards. Rejects when the adapter gets the behaviour wrong.
 */
export async function runEventStoreContractCase(
  testCase: EventStoreContractCase,
  createStore: () => Promise<EventStoreUnderTest>,
  options: EventStoreContractOptions = {},
): Promise<void> {
  const underTest = await createStore();
  const secondHandles: EventStore[] = [];
  const { openSecondHandle, maxEventBytes } = options;
  const prefix = `contract-${randomUUID().slice(0, 8)}-`;
  const context: EventStoreContractContext = {
    store: underTest.store,
    prefix,
    stream: (label) => `${prefix}${label}`,
    ...(maxEventBytes === undefined ? {} : { maxEventBytes }),
    ...(openSecondHandle === undefined
      ? {}
      : {
          openSecondHandle: async () => {
            const handle = await openSecondHandle(underTest);
            secondHandles.push(handle);
            return handle;
          },
        }),
  };
  try {
    await testCase.run(context);
  } finally {
    for (const handle of secondHandles) await handle.close();
    await underTest.cleanup();
  }
}

/**
 * Declares the store port's contract as a vitest suite for one adapter: one test per case of
 * {@link eventStoreContractCases}, each on a store from `createStore`. Cases that need an option
 * the adapter did not give are skipped.
 *
 * @example
 * describeEventStoreContract("sqlite", async () => {
 *   const store = new SqliteEventStore(":memory:");
 *   return { store, cleanup: () => store.close() };
 * }, { maxEventBytes: DEFAULT_SQLITE_MAX_EVENT_BYTES });
 */
export function describeEventStoreContract(
  adapterName: string,
  createStore: () => Promise<EventStoreUnderTest>,
  options: EventStoreContractOptions = {},
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    for (const testCase of eventStoreContractCases) {
      const missingOption = testCase.requires !== undefined && options[testCase.requires] === undefined;
      it.skipIf(missingOption)(testCase.name, () => runEventStoreContractCase(testCase, createStore, options));
    }
  });
}

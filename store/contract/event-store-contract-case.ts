import type { EventStore } from "../event-store.js";

/** What a contract case is given: a fresh store and a namespace of stream names of its own. */
export interface EventStoreContractContext {
  /** The adapter under test. */
  readonly store: EventStore;
  /**
   * The prefix of every name {@link stream} returns, unique to this run of the case, so a case
   * sees only its own streams even on a shared server: list with it as `prefix`.
   */
  readonly prefix: string;
  /** A stream name unique to this run of the case: the prefix followed by `label`. */
  stream(label: string): string;
  /** The adapter's documented single-event limit, when it has one (see the contract options). */
  readonly maxEventBytes?: number;
  /** Opens another handle on the same data; it is closed when the case ends. */
  readonly openSecondHandle?: () => Promise<EventStore>;
}

/**
 * One behaviour of the store port, as data: a name and a check that throws when an adapter gets
 * the behaviour wrong. `requires` names the contract option the case needs; without that option
 * the case is skipped.
 *
 * @example
 * const failing = [];
 * for (const testCase of eventStoreContractCases) {
 *   await runEventStoreContractCase(testCase, createBrokenStore).catch(() => failing.push(testCase.name));
 * }
 */
export interface EventStoreContractCase {
  readonly name: string;
  readonly requires?: "maxEventBytes" | "openSecondHandle";
  run(context: EventStoreContractContext): Promise<void>;
}

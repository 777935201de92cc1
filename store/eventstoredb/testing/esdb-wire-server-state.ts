import type { EsdbMemoryLog } from "./esdb-memory-log.js";

/** What the wire test server's handlers share: the log, the limits, and a record of the calls. */
export interface EsdbWireServerState {
  readonly log: EsdbMemoryLog;
  /** EventStoreDB's `MaxAppendSize`: the most bytes one append may carry. */
  readonly maxAppendSize: number;
  /** Every RPC received, by `Service.Method` name, in order (tests assert what went on the wire). */
  readonly calls: string[];
  /** Ends each open subscription with the given error (a node drops them on a leader change). */
  readonly subscriptions: Set<(error: Error) => void>;
}

import { ReplayGraphError } from "./replaygraph-error.js";

/** An input, answer, update, interrupt payload or node write over the graph's payload limit. */
export class PayloadTooLargeError extends ReplayGraphError {
  readonly code = "PAYLOAD_TOO_LARGE";
  readonly size: number;
  readonly limit: number;

  constructor(where: string, size: number, limit: number) {
    super(
      `The ${where} is ${size} bytes serialized, over the payload limit of ${limit} bytes; nothing was written for it. ` +
        `Keep large data outside the thread (store it elsewhere and keep a reference in the state), or raise the limit ` +
        `with compile({ limits: { maxPayloadBytes } }) (events must also fit the store's event size limit).`,
    );
    this.size = size;
    this.limit = limit;
  }
}

/** A thread whose history reached the graph's history limit: start a fresh thread. */
export class HistoryTooLongError extends ReplayGraphError {
  readonly code = "HISTORY_TOO_LONG";
  readonly threadId: string;
  readonly events: number;
  readonly limit: number;

  constructor(threadId: string, events: number, limit: number) {
    super(
      `Thread '${threadId}' has ${events} events, at the history limit of ${limit}; no new run was started. Start a fresh ` +
        `thread that carries the state over (const { values } = await graph.getState(config); await graph.invoke(values, ` +
        `{ configurable: { thread_id: "<new id>" } })), or raise the limit with compile({ limits: { maxHistoryEvents } }).`,
    );
    this.threadId = threadId;
    this.events = events;
    this.limit = limit;
  }
}

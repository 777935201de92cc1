import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from "@eventstore/db-client";
import type { ExpectedRevision } from "../event-store.js";

/**
 * The client's expected revision for a port expected revision. Port revisions start where
 * EventStoreDB's do (the first event is revision 0), so a number maps to the same BigInt.
 */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case "any":
      return ANY;
    case "no_stream":
      return NO_STREAM;
    case "stream_exists":
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The port revision (-1: no stream) of a revision the client reports. */
export function fromEsdbCurrentRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? -1 : Number(current);
}

import { randomUUID } from "node:crypto";
import { status, type ServerWritableStream } from "@grpc/grpc-js";
import type { ReadReq, ReadResp } from "@eventstore/db-client/generated/streams_pb.js";
import { generated } from "./esdb-generated.js";
import { grpcError } from "./esdb-grpc-error.js";
import type { StoredRecord } from "./esdb-memory-log.js";
import { recordFilterOf } from "./esdb-record-filter.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";
import { readResponseOf } from "./esdb-wire-convert.js";

/** EventStoreDB's default max search window of a filtered read: 32 events. */
const DEFAULT_MAX_SEARCH_WINDOW = 32;

/**
 * `Streams.Read` with subscription options on `$all` (the client's `subscribeToAll`), as
 * EventStoreDB documents it: the server first confirms the subscription with its id, then sends
 * every event after the start (all of `$all` from the start, those after a position, none before
 * the end), then each event as it is written, until the client cancels. A server-side filter
 * (event type or stream name, prefixes or a regex) keeps the matching events only; a filtered
 * subscription also sends a checkpoint (the position it has read up to) every
 * `checkpointIntervalMultiplier` × max search window events it looked at, so a client can resume
 * a sparse filter without re-reading what it skipped. Subscriptions to one stream are answered
 * UNIMPLEMENTED (the adapter does not make them).
 */
export function subscribe(state: EsdbWireServerState, call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): void {
  const all = options.getAll();
  if (all === undefined) {
    call.emit("error", grpcError(status.UNIMPLEMENTED, "The wire test server answers subscriptions to $all only, not to one stream."));
    return;
  }
  const structuredUuid = options.getUuidOption()?.hasStructured() ?? false;
  const filterOptions = options.getFilter();
  const keep = recordFilterOf(filterOptions);
  const window = filterOptions?.hasMax() ? filterOptions.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  const checkpointEvery = filterOptions === undefined ? undefined : Math.max(1, window * Math.max(1, filterOptions.getCheckpointintervalmultiplier()));
  let lookedAt = 0;
  const deliver = (record: StoredRecord): void => {
    if (keep(record)) call.write(readResponseOf(record, structuredUuid));
    lookedAt++;
    if (checkpointEvery !== undefined && lookedAt % checkpointEvery === 0) {
      const position = record.position.toString();
      call.write(
        new generated.streams.ReadResp().setCheckpoint(new generated.streams.ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position)),
      );
    }
  };

  call.write(new generated.streams.ReadResp().setConfirmation(new generated.streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  // Catching up and going live happen in one turn of the event loop, so no append falls between.
  if (!all.hasEnd()) {
    const after = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
    for (const record of state.log.allRecords()) if (after === undefined || record.position > after) deliver(record);
  }
  const stopListening = state.log.listen(deliver);
  const drop = (error: Error): void => {
    stop();
    call.emit("error", error);
  };
  const stop = (): void => {
    stopListening();
    state.subscriptions.delete(drop);
  };
  state.subscriptions.add(drop);
  call.on("cancelled", stop);
  call.on("close", stop);
  call.on("error", stop);
}

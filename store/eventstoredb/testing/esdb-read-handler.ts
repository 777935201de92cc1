import { status, type handleServerStreamingCall } from "@grpc/grpc-js";
import type { ReadReq, ReadResp } from "@eventstore/db-client/generated/streams_pb.js";
import { generated } from "./esdb-generated.js";
import { grpcError } from "./esdb-grpc-error.js";
import type { LogReadOptions, ReadFrom, StoredRecord } from "./esdb-memory-log.js";
import { recordFilterOf } from "./esdb-record-filter.js";
import { subscribe } from "./esdb-subscription-handler.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";
import { readResponseOf, streamIdentifierOf, streamNameOf } from "./esdb-wire-convert.js";

/**
 * `Streams.Read`: reads of one stream or of `$all`, forwards or backwards, from a revision,
 * position, start or end, up to a count, with `$all` filters on stream name or event type. A read
 * of a stream that does not exist answers with one `stream_not_found` message. A read with
 * subscription options instead of a count is a subscription (see `esdb-subscription-handler.ts`).
 */
export function createReadHandler(state: EsdbWireServerState): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    state.calls.push("Streams.Read");
    const options = call.request.getOptions();
    if (options !== undefined && !options.hasCount() && options.hasSubscription()) {
      subscribe(state, call, options);
      return;
    }
    if (options === undefined || !options.hasCount()) {
      call.emit("error", grpcError(status.INVALID_ARGUMENT, "A read names a count or subscription options."));
      return;
    }
    const structuredUuid = options.getUuidOption()?.hasStructured() ?? false;
    const records = recordsFor(state, options);
    if (records === undefined) {
      const notFound = new generated.streams.ReadResp.StreamNotFound().setStreamIdentifier(
        streamIdentifierOf(streamNameOf(options.getStream()?.getStreamIdentifier())),
      );
      call.write(new generated.streams.ReadResp().setStreamNotFound(notFound));
    } else {
      for (const record of records) call.write(readResponseOf(record, structuredUuid));
    }
    call.end();
  };
}

function recordsFor(state: EsdbWireServerState, options: ReadReq.Options): readonly StoredRecord[] | undefined {
  const backwards = options.getReadDirection() === generated.streams.ReadReq.Options.ReadDirection.BACKWARDS;
  const count = BigInt(options.getCount());
  const stream = options.getStream();
  if (stream !== undefined) {
    const from: ReadFrom = stream.hasRevision() ? BigInt(stream.getRevision()) : stream.hasEnd() ? "end" : "start";
    return state.log.readStream(streamNameOf(stream.getStreamIdentifier()), { from, backwards, count });
  }
  const all = options.getAll();
  const position = all?.getPosition();
  const from: ReadFrom = position !== undefined ? BigInt(position.getCommitPosition()) : all?.hasEnd() ? "end" : "start";
  const read: LogReadOptions = { from, backwards, count };
  return state.log.readAll(read, recordFilterOf(options.getFilter()));
}

import { status, type handleUnaryCall } from "@grpc/grpc-js";
import type { DeleteReq, DeleteResp } from "@eventstore/db-client/generated/streams_pb.js";
import { generated } from "./esdb-generated.js";
import { grpcError } from "./esdb-grpc-error.js";
import type { WireExpectedRevision } from "./esdb-memory-log.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";
import { streamNameOf } from "./esdb-wire-convert.js";

/**
 * `Streams.Delete`: a soft delete (the client's `deleteStream`) at an expected revision, answered
 * with the position of the metadata event it wrote, or `wrong-expected-version` (FAILED_PRECONDITION
 * with the versions in trailers) when the stream is not at the expected revision.
 */
export function createDeleteHandler(state: EsdbWireServerState): handleUnaryCall<DeleteReq, DeleteResp> {
  return (call, callback) => {
    state.calls.push("Streams.Delete");
    const options = call.request.getOptions();
    if (options === undefined) return callback(grpcError(status.INVALID_ARGUMENT, "Delete must have options."));
    const stream = streamNameOf(options.getStreamIdentifier());
    const expected = expectedOf(options);
    const outcome = state.log.softDelete(stream, expected);
    if (outcome.kind === "wrong_expected_version") {
      return callback(
        grpcError(status.FAILED_PRECONDITION, "Wrong expected version.", {
          exception: "wrong-expected-version",
          "stream-name": stream,
          "expected-version": expected.kind === "revision" ? expected.revision.toString() : "-1",
          ...(outcome.currentRevision === undefined ? {} : { "actual-version": outcome.currentRevision.toString() }),
        }),
      );
    }
    const position = outcome.position.toString();
    callback(
      null,
      new generated.streams.DeleteResp().setPosition(new generated.streams.DeleteResp.Position().setCommitPosition(position).setPreparePosition(position)),
    );
  };
}

function expectedOf(options: DeleteReq.Options): WireExpectedRevision {
  if (options.hasRevision()) return { kind: "revision", revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: "no_stream" };
  if (options.hasStreamExists()) return { kind: "stream_exists" };
  return { kind: "any" };
}

import { status, type handleClientStreamingCall } from "@grpc/grpc-js";
import type { AppendReq, AppendResp } from "@eventstore/db-client/generated/streams_pb.js";
import { executeAppend, type AppendCommandOutcome } from "./esdb-append-command.js";
import { generated } from "./esdb-generated.js";
import { grpcError } from "./esdb-grpc-error.js";
import type { ProposedEvent, WireExpectedRevision } from "./esdb-memory-log.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";
import { proposedEventOf, streamNameOf } from "./esdb-wire-convert.js";

/**
 * `Streams.Append`: a client stream of one options message followed by the proposed events,
 * answered once the client ends with success or `WrongExpectedVersion` in the response message.
 */
export function createAppendHandler(state: EsdbWireServerState): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    state.calls.push("Streams.Append");
    let options: AppendReq.Options | undefined;
    const events: (ProposedEvent | undefined)[] = [];
    call.on("data", (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (message !== undefined) events.push(proposedEventOf(message));
    });
    call.on("error", () => undefined);
    call.on("end", () => {
      if (options === undefined) return callback(grpcError(status.INVALID_ARGUMENT, "Append must start with options."));
      const valid = events.filter((event): event is ProposedEvent => event !== undefined);
      if (valid.length !== events.length) return callback(grpcError(status.INVALID_ARGUMENT, "Event id is not a UUID."));
      const expected = expectedOf(options);
      const outcome = executeAppend(state, streamNameOf(options.getStreamIdentifier()), expected, valid);
      if (outcome.kind === "too_large") {
        return callback(
          grpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`, {
            exception: "maximum-append-size-exceeded",
            "maximum-append-size": String(outcome.maxAppendSize),
          }),
        );
      }
      callback(null, responseOf(outcome, expected));
    });
  };
}

function expectedOf(options: AppendReq.Options): WireExpectedRevision {
  if (options.hasRevision()) return { kind: "revision", revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: "no_stream" };
  if (options.hasStreamExists()) return { kind: "stream_exists" };
  return { kind: "any" };
}

function responseOf(outcome: Exclude<AppendCommandOutcome, { kind: "too_large" }>, expected: WireExpectedRevision): AppendResp {
  const { streams, shared } = generated;
  const response = new streams.AppendResp();
  if (outcome.kind === "success") {
    const success = new streams.AppendResp.Success();
    if (outcome.currentRevision === undefined) success.setNoStream(new shared.Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    if (outcome.position === undefined) success.setNoPosition(new shared.Empty());
    else {
      const position = outcome.position.toString();
      success.setPosition(new streams.AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
    }
    return response.setSuccess(success);
  }
  const wrong = new streams.AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new shared.Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  switch (expected.kind) {
    case "revision":
      wrong.setExpectedRevision(expected.revision.toString());
      break;
    case "no_stream":
      wrong.setExpectedNoStream(new shared.Empty());
      break;
    case "stream_exists":
      wrong.setExpectedStreamExists(new shared.Empty());
      break;
    case "any":
      wrong.setExpectedAny(new shared.Empty());
      break;
  }
  return response.setWrongExpectedVersion(wrong);
}

import { status, type handleBidiStreamingCall } from "@grpc/grpc-js";
import type { UUID } from "@eventstore/db-client/generated/shared_pb.js";
import type { Status } from "@eventstore/db-client/generated/status_pb.js";
import type { BatchAppendReq, BatchAppendResp } from "@eventstore/db-client/generated/streams_pb.js";
import { executeAppend } from "./esdb-append-command.js";
import { generated } from "./esdb-generated.js";
import type { ProposedEvent, WireExpectedRevision } from "./esdb-memory-log.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";
import { proposedEventOf, streamIdentifierOf, streamNameOf, uuidStringOf } from "./esdb-wire-convert.js";

interface PendingBatch {
  options: BatchAppendReq.Options | undefined;
  readonly messages: BatchAppendReq.ProposedMessage[];
}

/**
 * `Streams.BatchAppend`: one long-lived duplex stream; each append is a run of requests sharing a
 * correlation id (options in the first, `is_final` on the last), answered by one response with
 * that correlation id, success or an error status whose details name the failure.
 */
export function createBatchAppendHandler(state: EsdbWireServerState): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    state.calls.push("Streams.BatchAppend");
    const pending = new Map<string, PendingBatch>();
    call.on("data", (request: BatchAppendReq) => {
      const key = uuidStringOf(request.getCorrelationId()) ?? "";
      const batch = pending.get(key) ?? { options: undefined, messages: [] };
      if (request.hasOptions()) batch.options = request.getOptions();
      batch.messages.push(...request.getProposedMessagesList());
      if (!request.getIsFinal()) {
        pending.set(key, batch);
        return;
      }
      pending.delete(key);
      call.write(respond(state, batch, request.getCorrelationId()));
    });
    call.on("error", () => undefined);
    call.on("end", () => call.end());
  };
}

function respond(state: EsdbWireServerState, batch: PendingBatch, correlationId: UUID | undefined): BatchAppendResp {
  const { streams, shared, empty } = generated;
  const response = new streams.BatchAppendResp().setCorrelationId(correlationId);
  const options = batch.options;
  if (options === undefined) return response.setError(badRequest("Batch has no options."));
  const stream = streamNameOf(options.getStreamIdentifier());
  response.setStreamIdentifier(streamIdentifierOf(stream));
  const expected = expectedOf(options);
  if (expected.kind === "revision") response.setStreamPosition(expected.revision.toString());
  else if (expected.kind === "no_stream") response.setNoStream(new empty.Empty());
  else if (expected.kind === "stream_exists") response.setStreamExists(new empty.Empty());
  else response.setAny(new empty.Empty());

  const events = batch.messages.map((message) => proposedEventOf(message));
  const valid = events.filter((event): event is ProposedEvent => event !== undefined);
  if (valid.length !== events.length) {
    return response.setError(badRequest("Event id is not a UUID."));
  }
  const outcome = executeAppend(state, stream, expected, valid);
  switch (outcome.kind) {
    case "too_large": {
      const details = new shared.MaximumAppendSizeExceeded().setMaxappendsize(outcome.maxAppendSize);
      const message = `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`;
      return response.setError(statusOf(status.INVALID_ARGUMENT, message, "MaximumAppendSizeExceeded", details));
    }
    case "wrong_expected_version": {
      const details = new shared.WrongExpectedVersion();
      if (outcome.currentRevision === undefined) details.setCurrentNoStream(new empty.Empty());
      else details.setCurrentStreamRevision(outcome.currentRevision.toString());
      if (expected.kind === "revision") details.setExpectedStreamPosition(expected.revision.toString());
      else if (expected.kind === "no_stream") details.setExpectedNoStream(new empty.Empty());
      else if (expected.kind === "stream_exists") details.setExpectedStreamExists(new empty.Empty());
      else details.setExpectedAny(new empty.Empty());
      return response.setError(statusOf(status.FAILED_PRECONDITION, "Wrong expected version.", "WrongExpectedVersion", details));
    }
    case "success": {
      const success = new streams.BatchAppendResp.Success();
      if (outcome.currentRevision === undefined) success.setNoStream(new empty.Empty());
      else success.setCurrentRevision(outcome.currentRevision.toString());
      if (outcome.position === undefined) success.setNoPosition(new empty.Empty());
      else {
        const position = outcome.position.toString();
        success.setPosition(new shared.AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
      }
      return response.setSuccess(success);
    }
  }
}

function expectedOf(options: BatchAppendReq.Options): WireExpectedRevision {
  if (options.hasStreamPosition()) return { kind: "revision", revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: "no_stream" };
  if (options.hasStreamExists()) return { kind: "stream_exists" };
  return { kind: "any" };
}

function badRequest(message: string): Status {
  return statusOf(status.INVALID_ARGUMENT, message, "BadRequest", new generated.shared.BadRequest().setMessage(message));
}

/** A `google.rpc.Status` whose details pack an `event_store.client.<name>` message. */
function statusOf(code: status, message: string, name: string, details: { serializeBinary(): Uint8Array }): Status {
  const any = new generated.any.Any();
  any.pack(details.serializeBinary(), `event_store.client.${name}`);
  return new generated.status.Status()
    .setCode(code as number)
    .setMessage(message)
    .setDetails(any);
}

import type { handleUnaryCall } from "@grpc/grpc-js";
import type { Empty } from "@eventstore/db-client/generated/shared_pb.js";
import type { SupportedMethods } from "@eventstore/db-client/generated/serverfeatures_pb.js";
import { generated } from "./esdb-generated.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";

/** The server version the wire test server reports, the one the README's container runs. */
export const WIRE_SERVER_VERSION = "24.10.0";

/**
 * `ServerFeatures.GetSupportedMethods`, answered as a 24.10 node answers it for the methods this
 * server implements. Listing `BatchAppend` is what makes the client append through it.
 */
export function createServerFeaturesHandler(state: EsdbWireServerState): handleUnaryCall<Empty, SupportedMethods> {
  return (_call, callback) => {
    state.calls.push("ServerFeatures.GetSupportedMethods");
    const { serverFeatures } = generated;
    const methods = ["Read", "Append", "BatchAppend"].map((name) =>
      new serverFeatures.SupportedMethod().setServiceName("event_store.client.streams.Streams").setMethodName(name),
    );
    callback(null, new serverFeatures.SupportedMethods().setEventStoreServerVersion(WIRE_SERVER_VERSION).setMethodsList(methods));
  };
}

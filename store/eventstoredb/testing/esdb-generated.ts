/**
 * The generated EventStoreDB service definitions and messages that ship inside
 * `@eventstore/db-client`, re-exported for the wire test server. Using the client's own files means
 * the test server and the client cannot disagree about field numbers or method paths.
 */
import serverFeaturesGrpc from "@eventstore/db-client/generated/serverfeatures_grpc_pb.js";
import serverFeaturesPb from "@eventstore/db-client/generated/serverfeatures_pb.js";
import sharedPb from "@eventstore/db-client/generated/shared_pb.js";
import statusPb from "@eventstore/db-client/generated/status_pb.js";
import streamsGrpc from "@eventstore/db-client/generated/streams_grpc_pb.js";
import streamsPb from "@eventstore/db-client/generated/streams_pb.js";
// google-protobuf is the client's own runtime dependency; the same copy builds its messages.
import anyPb from "google-protobuf/google/protobuf/any_pb.js";
import emptyPb from "google-protobuf/google/protobuf/empty_pb.js";

/** The generated modules the wire test server speaks with. */
export const generated = {
  serverFeaturesGrpc,
  serverFeatures: serverFeaturesPb,
  shared: sharedPb,
  status: statusPb,
  streamsGrpc,
  streams: streamsPb,
  any: anyPb,
  empty: emptyPb,
};

import { UnknownNodeError } from "../errors/graph-errors.js";
import { COPY, END, INPUT, START } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { recordedWritesOf } from "../graph/overwrite.js";
import { assertPayloadSize } from "../serialization/assert-payload-size.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { assertKnownChannels } from "../thread/apply-writes.js";
import type { Writes } from "../thread/events.js";

/** Checks `values` as an update of `spec`'s state and returns them as writes. */
export function updateWritesOf(spec: GraphSpec, values: Writes | null, asNode: string | undefined): Writes {
  const given = values ?? {};
  const writes = recordedWritesOf(spec.validation ? spec.validation.update(given) : given);
  assertKnownChannels(spec, writes, "updateState()");
  assertSerializable(writes, "updateState values");
  assertPayloadSize(writes, "updateState values", spec.limits.maxPayloadBytes);
  if (asNode !== undefined && asNode !== END && asNode !== COPY && asNode !== INPUT && asNode !== START && !spec.nodes.has(asNode)) {
    throw new UnknownNodeError(asNode, "updateState(config, values, asNode)", [...spec.nodes.keys()]);
  }
  return writes;
}

import type { StreamIdentifier, UUID } from "@eventstore/db-client/generated/shared_pb.js";
import type { ReadResp } from "@eventstore/db-client/generated/streams_pb.js";
import { generated } from "./esdb-generated.js";
import type { ProposedEvent, StoredRecord } from "./esdb-memory-log.js";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The UTF-8 stream name a request names. */
export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString("utf8");
}

/** The wire form of a stream name. */
export function streamIdentifierOf(stream: string): StreamIdentifier {
  return new generated.shared.StreamIdentifier().setStreamName(Buffer.from(stream, "utf8"));
}

/** The canonical string of a wire UUID (string or structured form); undefined when malformed. */
export function uuidStringOf(uuid: UUID | undefined): string | undefined {
  if (uuid === undefined) return undefined;
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured();
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured?.getMostSignificantBits() ?? "0")), 0);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured?.getLeastSignificantBits() ?? "0")), 8);
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString();
  return UUID_PATTERN.test(text) ? text.toLowerCase() : undefined;
}

/** The fields an append's proposed message carries, in either append RPC's message type. */
export interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** Decodes a proposed message; undefined when its id is not a UUID (the server refuses it). */
export function proposedEventOf(message: ProposedMessageLike): ProposedEvent | undefined {
  const id = uuidStringOf(message.getId());
  if (id === undefined) return undefined;
  const metadata = message.getMetadataMap();
  return {
    id,
    type: metadata.get("type") ?? "",
    contentType: metadata.get("content-type") ?? "application/octet-stream",
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** The size EventStoreDB counts for an event against its append limits. */
export function sizeOnDiskOf(event: ProposedEvent): number {
  return event.data.length + event.customMetadata.length + Buffer.byteLength(event.type, "utf8");
}

/** A read response carrying one record, with the id in the form the reader asked for. */
export function readResponseOf(record: StoredRecord, structuredUuid: boolean): ReadResp {
  const { streams } = generated;
  const recorded = new streams.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidOf(record.id, structuredUuid))
    .setStreamIdentifier(streamIdentifierOf(record.stream))
    .setStreamRevision(record.revision.toString())
    .setPreparePosition(record.position.toString())
    .setCommitPosition(record.position.toString())
    .setCustomMetadata(record.customMetadata)
    .setData(record.data);
  recorded.getMetadataMap().set("type", record.type).set("content-type", record.contentType).set("created", record.createdTicks.toString());
  const event = new streams.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString());
  return new streams.ReadResp().setEvent(event);
}

function uuidOf(id: string, structured: boolean): UUID {
  const uuid = new generated.shared.UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replaceAll("-", ""), "hex");
  return uuid.setStructured(
    new generated.shared.UUID.Structured()
      .setMostSignificantBits(BigInt.asIntN(64, bytes.readBigUInt64BE(0)).toString())
      .setLeastSignificantBits(BigInt.asIntN(64, bytes.readBigUInt64BE(8)).toString()),
  );
}

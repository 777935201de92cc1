import type { AllStreamResolvedEvent, ResolvedEvent } from "@eventstore/db-client";
import type { RecordedEvent } from "../event-store.js";
import { eventSerializer } from "../event-serializer.js";
import { CorruptEventError, LangChainCoreMissingError } from "../store-errors.js";

/**
 * The port's event for an event read back from EventStoreDB: the superjson forms written by
 * `encodeAppend` are decoded, and the `$correlationId`/`$causationId` keys beside them are left
 * out, so the metadata is what the caller appended.
 *
 * @throws {CorruptEventError} when the event was not written by this adapter (not JSON, or not
 * superjson's `{ json, meta }` form).
 */
export function decodeRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent {
  const event = resolved.event;
  // Reads here never resolve links, so the server always sends the event itself.
  if (event === undefined) throw new TypeError("EventStoreDB returned a read result without its event.");
  const revision = Number(event.revision);
  const fail = (detail: string, cause?: unknown): CorruptEventError =>
    new CorruptEventError(event.streamId, revision, detail, cause === undefined ? undefined : { cause });
  if (!event.isJson) throw fail(`it is a binary event of type '${event.type}', not a JSON event written by this adapter`);
  if (!isSuperjsonForm(event.data)) throw fail("its data is not in superjson's { json, meta } form");
  const metadata = event.metadata ?? { json: {} };
  if (!isSuperjsonForm(metadata)) throw fail("its metadata is not in superjson's { json, meta } form");
  try {
    return {
      stream: event.streamId,
      revision,
      id: event.id,
      type: event.type,
      data: eventSerializer.parse(JSON.stringify({ json: event.data.json, meta: event.data.meta })),
      metadata: eventSerializer.parse(JSON.stringify({ json: metadata.json, meta: metadata.meta })) as Record<string, unknown>,
      recordedAt: event.created,
    };
  } catch (error) {
    // A missing optional dependency is not corruption: its error says what to install.
    if (error instanceof LangChainCoreMissingError) throw error;
    throw fail("superjson could not decode it", error);
  }
}

function isSuperjsonForm(value: unknown): value is { json: unknown; meta?: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "json" in value;
}

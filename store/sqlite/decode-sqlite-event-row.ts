import type { RecordedEvent } from "../event-store.js";
import { eventSerializer } from "../event-serializer.js";
import { CorruptEventError } from "../store-errors.js";
import type { SqliteEventRow } from "./sqlite-statements.js";

/**
 * Turns a stored row back into a {@link RecordedEvent}.
 *
 * @throws {CorruptEventError} when the stored data or metadata does not parse.
 */
export function decodeSqliteEventRow(stream: string, row: SqliteEventRow): RecordedEvent {
  let data: unknown;
  let metadata: unknown;
  try {
    data = eventSerializer.parse(row.data);
    metadata = eventSerializer.parse(row.metadata);
  } catch (error) {
    throw new CorruptEventError(stream, row.revision, `its stored JSON does not parse (${String(error)})`, { cause: error });
  }
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new CorruptEventError(stream, row.revision, "its stored metadata is not an object");
  }
  return {
    stream,
    revision: row.revision,
    id: row.id,
    type: row.type,
    data,
    metadata: metadata as Record<string, unknown>,
    recordedAt: new Date(row.recorded_at),
  };
}

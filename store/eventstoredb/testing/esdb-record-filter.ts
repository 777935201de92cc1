import type { ReadReq } from "@eventstore/db-client/generated/streams_pb.js";
import type { StoredRecord } from "./esdb-memory-log.js";

/**
 * The predicate of a `$all` read's or subscription's server-side filter: on the stream name or the
 * event type, by a list of prefixes (any may match) or by a regular expression. No filter keeps all.
 */
export function recordFilterOf(filter: ReadReq.Options.FilterOptions | undefined): (record: StoredRecord) => boolean {
  if (filter === undefined) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (expression === undefined) return () => true;
  const field = (record: StoredRecord): string => (onStream ? record.stream : record.type);
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (record) => prefixes.some((prefix) => field(record).startsWith(prefix));
  const regex = new RegExp(expression.getRegex());
  return (record) => regex.test(field(record));
}

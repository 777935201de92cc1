import type pg from "pg";
import { PostgresSchemaMismatchError, PostgresSchemaTooNewError } from "./postgres-schema-too-new-error.js";

/**
 * The schema as an ordered list of migrations: entry i takes the tables from version i to
 * version i + 1. Only ever append; a released entry never changes. `%s` is the schema name.
 */
export const postgresSchemaMigrations: readonly string[] = [
  // 1: one row per append, as SQLite keeps them (see store/event-batch.ts), keyed by its stream and
  // first revision. `position` orders every stream's first row by creation, so streams are listed
  // from a partial index of first rows, never a scan of the events.
  `CREATE TABLE %s.event_batches (
     stream TEXT NOT NULL,
     revision BIGINT NOT NULL CHECK (revision >= 0),
     last_revision BIGINT NOT NULL CHECK (last_revision >= revision),
     position BIGSERIAL NOT NULL,
     recorded_at BIGINT NOT NULL,
     events TEXT NOT NULL,
     PRIMARY KEY (stream, revision)
   );
   CREATE INDEX event_batches_first_by_position ON %s.event_batches (position) WHERE revision = 0;
   CREATE INDEX event_batches_first_by_name ON %s.event_batches (stream text_pattern_ops) WHERE revision = 0;`,
];

/** The schema version this replaygraph writes. */
export const postgresSchemaVersion = postgresSchemaMigrations.length;

/**
 * Brings the event store's tables in `schema` to {@link postgresSchemaVersion}, in one
 * transaction holding an advisory lock, so processes starting together migrate once.
 *
 * @throws {PostgresSchemaTooNewError} when a newer replaygraph made the tables.
 */
export async function migratePostgresSchema(client: pg.PoolClient, schema: string): Promise<void> {
  const quoted = quoteIdentifier(schema);
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`replaygraph:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.schema_version (version INTEGER NOT NULL)`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${quoted}.schema_version`);
    if (rows.length > 1) throw new PostgresSchemaMismatchError(`${schema}.schema_version`, `it has ${rows.length} rows, not one`);
    const found = rows[0]?.version ?? 0;
    if (found > postgresSchemaVersion) throw new PostgresSchemaTooNewError(`${schema}.schema_version`, found, postgresSchemaVersion);
    for (let version = found; version < postgresSchemaVersion; version++) {
      await client.query(postgresSchemaMigrations[version]!.replaceAll("%s", quoted));
    }
    if (rows.length === 0) await client.query(`INSERT INTO ${quoted}.schema_version (version) VALUES ($1)`, [postgresSchemaVersion]);
    else if (found !== postgresSchemaVersion) await client.query(`UPDATE ${quoted}.schema_version SET version = $1`, [postgresSchemaVersion]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (isPostgresError(error, "42P07", "42701", "42804")) {
      throw new PostgresSchemaMismatchError(`${schema}.event_batches`, (error as Error).message);
    }
    throw error;
  }
}

/** A PostgreSQL identifier, quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Whether `error` is a server error with one of these SQLSTATE codes. */
export function isPostgresError(error: unknown, ...codes: readonly string[]): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && codes.includes(code);
}

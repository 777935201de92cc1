import type pg from "pg";
import type { StopWatching, StreamChangeListener } from "../stream-watch.js";
import { quoteIdentifier } from "./migrate-postgres-schema.js";

/** The NOTIFY channel of the store in `schema` (a channel name is at most 63 bytes). */
export function postgresChannelOf(schema: string): string {
  return `${schema}_changes`.slice(0, 63);
}

const reconnectDelaysMs = [50, 250, 1000, 5000];

/**
 * LISTENs on `channel` on a connection of its own, taken from `pool` and held until stopped, and
 * reports each notification's payload (a stream name). A lost connection is replaced, with a
 * growing delay; after it is back, `onChange(undefined)` says notifications may have been missed.
 */
export async function watchPostgresStreams(pool: pg.Pool, channel: string, onChange: StreamChangeListener): Promise<StopWatching> {
  let stopped = false;
  let client: pg.PoolClient | undefined;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  const listen = async (): Promise<void> => {
    const next = await pool.connect();
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload) onChange([message.payload]);
    });
    next.on("error", () => {
      if (client !== next) return;
      client = undefined;
      next.release(true);
      reconnect();
    });
    try {
      await next.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch (error) {
      next.release(true);
      throw error;
    }
    if (stopped) {
      next.release(true);
      return;
    }
    client = next;
    failures = 0;
  };
  const reconnect = (): void => {
    if (stopped) return;
    const delay = reconnectDelaysMs[Math.min(failures++, reconnectDelaysMs.length - 1)]!;
    retry = setTimeout(() => {
      listen().then(
        () => onChange(undefined),
        () => reconnect(),
      );
    }, delay);
  };
  await listen();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const held = client;
    client = undefined;
    if (held) {
      await held.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
      held.release();
    }
  };
}

/** NOTIFYs `channel` once per stream; delivered to listeners when this statement commits. */
export async function signalPostgresStreams(pool: pg.Pool, channel: string, streams: readonly string[]): Promise<void> {
  if (streams.length === 0) return;
  await pool.query("SELECT pg_notify($1, stream) FROM unnest($2::text[]) AS stream", [channel, streams]);
}

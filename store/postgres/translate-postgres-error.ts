import { StoreUnavailableError } from "../store-errors.js";

/** SQLSTATE classes and codes of failures that may pass: connection, resources, shutdown, serialization. */
const passingClasses = ["08", "53", "57"];
const passingCodes = ["40001", "40P01", "55P03"];
/** Node's errors for a socket that cannot be reached or was dropped. */
const networkCodes = ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENOENT"];

/**
 * Turns driver errors that may pass (a lost or refused connection, a server shutting down, too many
 * connections, a deadlock) into {@link StoreUnavailableError}; returns any other error unchanged.
 */
export function translatePostgresError(error: unknown, where: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as Error | null)?.message ?? String(error);
  const lostConnection = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
  const passing = typeof code === "string" && (passingClasses.includes(code.slice(0, 2)) || passingCodes.includes(code) || networkCodes.includes(code));
  if (!passing && !lostConnection) return error;
  return new StoreUnavailableError(
    `The PostgreSQL event store (${where}) could not be reached or lost its connection (${typeof code === "string" ? `${code}: ` : ""}${message}). ` +
      `Check that the server is up and reachable, then retry: an append with the same event ids and expected revision is safe to retry.`,
    { cause: error },
  );
}

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A throwaway PostgreSQL server in a temporary folder, reached through a Unix socket in it. */
export interface PostgresServer {
  /** A `postgres://` connection string for the server's `postgres` database. */
  readonly connectionString: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** Where Debian's `postgresql` package puts the server binaries (the newest major installed). */
async function serverBinDir(): Promise<string> {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) {
    throw new Error("PostgreSQL is not installed: `apt-get install -y postgresql` (Debian) gives initdb and pg_ctl; .ci/run does it on CI.");
  }
  const majors = (await readdir(root)).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error(`No PostgreSQL server under ${root}: install the postgresql package.`);
  return join(root, majors[0]!, "bin");
}

/**
 * Starts a PostgreSQL cluster of its own in a temporary folder: `initdb`, then `pg_ctl start`
 * listening only on a Unix socket in that folder (no TCP port to collide with). The server
 * refuses to run as root, so when the tests run as root the cluster belongs to the `postgres`
 * user that Debian's package creates.
 *
 * @example
 * const server = await startPostgresServer();
 * const store = new PostgresEventStore({ connectionString: server.connectionString });
 * // ...
 * await store.close();
 * await server.stop();
 */
export async function startPostgresServer(options: { synchronousCommit?: boolean } = {}): Promise<PostgresServer> {
  const bin = await serverBinDir();
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresUser() : undefined;
  if (owner) {
    await chown(dir, owner.uid, owner.gid);
    await chmod(dir, 0o700);
  }
  const as = (command: string, args: readonly string[]) => (owner ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, [...args]));
  try {
    await as(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
    const settings = [
      "-c listen_addresses=''",
      `-c unix_socket_directories=${dir}`,
      "-c fsync=on",
      `-c synchronous_commit=${options.synchronousCommit === false ? "off" : "on"}`,
      "-c max_connections=200",
      "-c shared_buffers=64MB",
    ].join(" ");
    await as(join(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    connectionString: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`,
    stop: async () => {
      await as(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run("id", ["-u", "postgres"]).catch(() => {
    throw new Error("Tests run as root, and PostgreSQL will not: the `postgres` user (made by Debian's postgresql package) is missing.");
  });
  const { stdout: gid } = await run("id", ["-g", "postgres"]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

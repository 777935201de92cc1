import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresServer, type PostgresServer } from "../../store/postgres/testing/start-postgres-server.js";
import { snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

let cli: BuiltCli;
let server: PostgresServer;
beforeAll(async () => {
  [cli, server] = await Promise.all([snapshotBuiltCli(), startPostgresServer()]);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await cli?.cleanup();
});

describe("the CLI on PostgreSQL (--store postgres://...)", () => {
  it("demo writes to PostgreSQL; threads, history and export read it; the copy on SQLite verifies and reads the same", async () => {
    const production = `--store=${server.connectionString}`;
    expect((await cli.run(["demo", production])).code).toBe(0);
    expect((await cli.run(["threads", production])).stdout).toContain("demo-plan");
    const exported = await cli.run(["export", "demo-plan", production, "--out", "audit.jsonl"]);
    expect([exported.code, exported.stderr]).toEqual([0, ""]);
    const imported = await cli.run(["import", "audit.jsonl", "--store", "sqlite:./laptop.db"]);
    expect(imported.stdout).toContain("imported 30 events of thread 'demo-plan'");
    const plan = `${cli.root}/dist/scenarios/plan-revision.js:buildPlanRevisionGraph`;
    expect((await cli.run(["verify", plan, "demo-plan", production])).stdout).toContain("reproduces its 30 events");
    const [onPostgres, onSqlite] = await Promise.all([
      cli.run(["history", "demo-plan", production, "--type", "TaskInterrupted,InterruptResumed"]),
      cli.run(["history", "demo-plan", "--store", "sqlite:./laptop.db", "--type", "TaskInterrupted,InterruptResumed"]),
    ]);
    expect(onSqlite.stdout.split("\n").length).toBe(8);
    expect(onPostgres.stdout).toBe(onSqlite.stdout);
  });

  it("an unreachable server exits 6 (store unavailable) and never prints the password", async () => {
    const result = await cli.run(["threads", "--store", "postgres://app:hunter2@127.0.0.1:1/none?connect_timeout=2"]);
    expect(result.code).toBe(6);
    expect(result.stderr).toContain("StoreUnavailableError");
    expect(result.stdout + result.stderr).not.toContain("hunter2");
  });
});

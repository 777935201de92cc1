import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EsdbWireServer } from "../../store/eventstoredb/testing/esdb-wire-server.js";
import { snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

// EventStoreDB cannot run here; the wire-level test server speaks its gRPC protocol to the real client.
let cli: BuiltCli;
let server: EsdbWireServer;
beforeAll(async () => {
  [cli, server] = await Promise.all([snapshotBuiltCli(), EsdbWireServer.start({ batchAppend: true })]);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await cli?.cleanup();
});

describe("an audit taken off EventStoreDB and replayed on a laptop's SQLite file", () => {
  it("demo writes to EventStoreDB; export reads it back; import and verify run on SQLite", async () => {
    const production = `--store=${server.connectionString}`;
    expect((await cli.run(["demo", production])).code).toBe(0);
    const exported = await cli.run(["export", "demo-plan", production, "--out", "audit.jsonl"]);
    expect([exported.code, exported.stderr]).toEqual([0, ""]);
    const imported = await cli.run(["import", "audit.jsonl", "--store", "sqlite:./laptop.db"]);
    expect(imported.stdout).toContain("imported 30 events of thread 'demo-plan'");
    const plan = `${cli.root}/dist/scenarios/plan-revision.js:buildPlanRevisionGraph`;
    const verified = await cli.run(["verify", plan, "demo-plan", "--store", "sqlite:./laptop.db"]);
    expect([verified.code, verified.stdout]).toEqual([0, expect.stringContaining("reproduces its 30 events")]);
    const [onEsdb, onSqlite] = await Promise.all([
      cli.run(["history", "demo-plan", production, "--type", "TaskInterrupted,InterruptResumed"]),
      cli.run(["history", "demo-plan", "--store", "sqlite:./laptop.db", "--type", "TaskInterrupted,InterruptResumed"]),
    ]);
    expect(onSqlite.stdout.split("\n").length).toBe(8);
    expect(onSqlite.stdout).toBe(onEsdb.stdout);
  });
});

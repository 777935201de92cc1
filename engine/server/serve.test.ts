import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ForwardingEventStore, type ListStreamsOptions, type ListStreamsResult } from "replaygraph";
import { ApiKeyRequiredError, serve, systemAssistantIdOf, type RunningServer } from "replaygraph/server";
import { agent, hitl } from "../../scenarios/serve-demo-graphs.js";
import { storeFixtures, type StoreUnderTest } from "../../scenarios/testing/store-fixtures.js";

// What `replaygraph serve` does that LangGraph's JS dev server does not (or does wrong), so there
// is no peer to compare with: every joiner gets every chunk, heartbeats, cancel's `wait=0`,
// rollback by cancel, the API key, the body limit, no internals in a 500, graceful shutdown.

const slow = { config: { configurable: { sleep_ms: 150 } } };

describe.each(storeFixtures.filter((fixture) => fixture.name !== "eventstoredb"))("replaygraph serve on $name", (fixture) => {
  let store: StoreUnderTest;
  let server: RunningServer;
  let client: Client;
  beforeAll(async () => {
    store = await fixture.create();
    server = await serve({ store: store.store, graphs: { agent, hitl }, port: 0, heartbeatMs: 40 });
    client = new Client({ apiUrl: server.url });
  });
  afterAll(async () => {
    await server?.close();
    await store?.cleanup();
  });

  test("system assistants have the official uuid5 ids and are found by id or graph id", async () => {
    expect(systemAssistantIdOf("slow")).toBe("cad1b5ad-d177-59d1-ab39-5e327188ed3a");
    const found = await client.assistants.search({ graphId: "agent" });
    expect(found.map((assistant) => assistant.assistant_id)).toEqual([systemAssistantIdOf("agent")]);
    expect((await client.assistants.get("hitl")).assistant_id).toBe(systemAssistantIdOf("hitl"));
    const thread = await client.threads.create();
    expect(await client.runs.wait(thread.thread_id, systemAssistantIdOf("agent"), { input: { label: "u" } })).toEqual({
      label: "u",
      items: ["u:a", "u:b", "u:c"],
    });
  });

  test("two clients joining one run each get every chunk, ids increasing from 0", async () => {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "j" }, streamMode: ["updates"], ...slow });
    const collect = async () => {
      const chunks: { event: string; data: unknown; id?: string }[] = [];
      for await (const chunk of client.runs.joinStream(thread.thread_id, run.run_id)) chunks.push(chunk as never);
      return chunks;
    };
    const [first, second] = await Promise.all([collect(), collect()]);
    expect(first.map((chunk) => chunk.event)).toEqual(["metadata", "updates", "updates", "updates"]);
    expect(second).toEqual(first);
    expect(first.map((chunk) => Number(chunk.id))).toEqual([0, 1, 2, 3]);
  });

  test("a quiet stream carries heartbeats", async () => {
    const thread = await client.threads.create();
    const response = await fetch(`${server.url}/threads/${thread.thread_id}/runs/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ assistant_id: "agent", input: { label: "hb" }, stream_mode: ["updates"], ...slow }),
    });
    expect(response.headers.get("content-location")).toMatch(new RegExp(`^/threads/${thread.thread_id}/runs/`));
    const text = await response.text();
    expect(text).toContain(": heartbeat\n\n");
    expect(text.indexOf("event: metadata")).toBe(0);
  });

  test("cancel: wait=0 answers at once, wait=1 after the run stopped; rollback drops the run's steps", async () => {
    const thread = await client.threads.create();
    const kept = await client.runs.wait(thread.thread_id, "agent", { input: { label: "k" } });
    const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "r" }, config: { configurable: { sleep_ms: 400 } } });
    for (let tries = 0; tries < 100 && !((await client.threads.getState(thread.thread_id)).values as { items: string[] }).items.includes("r:a"); tries++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await client.runs.cancel(thread.thread_id, run.run_id, false, "rollback");
    expect(Date.now() - started).toBeLessThan(300);
    await client.runs.join(thread.thread_id, run.run_id);
    expect((await client.runs.get(thread.thread_id, run.run_id)).status).toBe("interrupted");
    expect((await client.threads.getState(thread.thread_id)).values).toEqual(kept);

    const second = await client.runs.create(thread.thread_id, "agent", { input: { label: "i" }, config: { configurable: { sleep_ms: 300 } } });
    for (let tries = 0; tries < 100 && !((await client.threads.getState(thread.thread_id)).values as { items: string[] }).items.includes("i:a"); tries++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await client.runs.cancel(thread.thread_id, second.run_id, true, "interrupt");
    expect((await client.runs.get(thread.thread_id, second.run_id)).status).toBe("interrupted");
    expect(((await client.threads.getState(thread.thread_id)).values as { items: string[] }).items).toEqual([...(kept as { items: string[] }).items, "i:a"]);
  });

  test("state update as a node, history newest first, state at a checkpoint", async () => {
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, "hitl", { input: { label: "e" } });
    // The server answers { checkpoint } (as LangGraph's does); the SDK's type says { configurable }.
    const { checkpoint } = (await client.threads.updateState(thread.thread_id, { values: { label: "edited" }, asNode: "ask" })) as unknown as {
      checkpoint: { checkpoint_id: string };
    };
    const state = await client.threads.getState(thread.thread_id);
    expect(state.values).toEqual({ label: "edited", items: [] });
    expect(state.next).toEqual(["done"]);
    expect(state.checkpoint.checkpoint_id).toBe(checkpoint.checkpoint_id);
    const history = await client.threads.getHistory(thread.thread_id, { limit: 10 });
    expect(history[0]!.checkpoint.checkpoint_id).toBe(checkpoint.checkpoint_id);
    const older = history[1]!;
    expect((await client.threads.getState(thread.thread_id, older.checkpoint.checkpoint_id!)).values).toEqual(older.values);
    expect(await client.runs.wait(thread.thread_id, "hitl", { input: null })).toEqual({ label: "edited", items: ["edited:done"] });
  });

  test("a bad body is 422 with the field named; an unknown path 404, both as { detail }", async () => {
    const thread = await client.threads.create();
    const response = await fetch(`${server.url}/threads/${thread.thread_id}/runs`, {
      method: "POST",
      body: JSON.stringify({ assistant_id: "agent", multitask_strategy: "sometimes" }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toContain("multitask_strategy");
    const notJson = await fetch(`${server.url}/threads`, { method: "POST", body: "{nope" });
    expect(notJson.status).toBe(422);
    const missing = await fetch(`${server.url}/nowhere`);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
  });
});

describe("replaygraph serve: security and shutdown", () => {
  test("an API key is required when set, and by default on a non-loopback host", async () => {
    await expect(
      serve({ store: (await storeFixtures[0]!.create()).store, graphs: { agent }, host: "0.0.0.0", port: 0, apiKey: undefined as never }),
    ).rejects.toThrow(ApiKeyRequiredError);
    const server = await serve({ store: (await storeFixtures[0]!.create()).store, graphs: { agent }, port: 0, apiKey: "s3cret" });
    try {
      await expect(new Client({ apiUrl: server.url }).threads.create()).rejects.toMatchObject({ status: 401 });
      await expect(new Client({ apiUrl: server.url, apiKey: "wrong" }).threads.create()).rejects.toMatchObject({ status: 401 });
      const thread = await new Client({ apiUrl: server.url, apiKey: "s3cret" }).threads.create();
      expect(thread.status).toBe("idle");
      const bearer = await fetch(`${server.url}/threads/${thread.thread_id}`, { headers: { authorization: "Bearer s3cret" } });
      expect(bearer.status).toBe(200);
      expect((await fetch(`${server.url}/ok`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test("a body over the limit is 413; CORS answers a preflight; a 500 shows no internals", async () => {
    class FailingList extends ForwardingEventStore {
      override listStreams(_options?: ListStreamsOptions): Promise<ListStreamsResult> {
        return Promise.reject(new Error("disk at /secret/path is gone"));
      }
    }
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => void logged.push(error);
    const server = await serve({
      store: new FailingList((await storeFixtures[0]!.create()).store),
      graphs: { agent },
      port: 0,
      maxBodyBytes: 1000,
      cors: { allow_origins: ["https://ui.example"] },
    });
    try {
      const big = await fetch(`${server.url}/threads`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ metadata: { x: "y".repeat(2000) } }),
      });
      expect(big.status).toBe(413);
      const preflight = await fetch(`${server.url}/threads`, {
        method: "OPTIONS",
        headers: { origin: "https://ui.example", "access-control-request-method": "POST" },
      });
      expect(preflight.headers.get("access-control-allow-origin")).toBe("https://ui.example");
      const failed = await fetch(`${server.url}/threads/search`, { method: "POST", body: "{}" });
      expect(failed.status).toBe(500);
      const body = await failed.text();
      expect(body).toBe(JSON.stringify({ detail: "Internal server error" }));
      expect(logged).toHaveLength(1);
    } finally {
      console.error = original;
      await server.close();
    }
  });

  test("close() lets a running run finish within the grace period, and cancels it after", async () => {
    const fixture = await storeFixtures[1]!.create();
    try {
      const first = await serve({ store: fixture.store, graphs: { agent }, port: 0, shutdownGraceMs: 5000 });
      const client = new Client({ apiUrl: first.url });
      const thread = await client.threads.create();
      const finishing = await client.runs.create(thread.thread_id, "agent", { input: { label: "g" }, ...slow });
      await first.close();
      const second = await serve({ store: fixture.store, graphs: { agent }, port: 0, shutdownGraceMs: 0 });
      const again = new Client({ apiUrl: second.url });
      expect((await again.runs.get(thread.thread_id, finishing.run_id)).status).toBe("success");
      const cut = await again.runs.create(thread.thread_id, "agent", { input: { label: "c" }, config: { configurable: { sleep_ms: 2000 } } });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await second.close();
      const third = await serve({ store: fixture.store, graphs: { agent }, port: 0 });
      expect((await new Client({ apiUrl: third.url }).runs.get(thread.thread_id, cut.run_id)).status).toBe("interrupted");
      await third.close();
    } finally {
      await fixture.cleanup();
    }
  });

  test("serve() reads langgraph.json: graphs relative to it, env", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-serve-"));
    const graphs = fileURLToPath(new URL("../../scenarios/serve-demo-graphs.ts", import.meta.url));
    await writeFile(join(dir, ".env"), "SERVE_TEST_GREETING='hello'\n# a comment\n");
    await writeFile(join(dir, "langgraph.json"), JSON.stringify({ graphs: { agent: `${graphs}:agent` }, env: ".env", node_version: "20" }));
    const server = await serve({ store: (await storeFixtures[0]!.create()).store, config: join(dir, "langgraph.json"), port: 0 });
    try {
      expect(process.env["SERVE_TEST_GREETING"]).toBe("hello");
      const client = new Client({ apiUrl: server.url });
      expect((await client.assistants.search()).map((assistant) => assistant.graph_id)).toEqual(["agent"]);
      expect(await client.runs.wait(null, "agent", { input: { label: "cfg" } })).toEqual({ label: "cfg", items: ["cfg:a", "cfg:b", "cfg:c"] });
    } finally {
      await server.close();
    }
  });

  test("the demo graphs LangGraph's server runs are the served ones with only the import changed", async () => {
    const ours = await readFile(new URL("../../scenarios/serve-demo-graphs.ts", import.meta.url), "utf8");
    const theirs = await readFile(new URL("./testing/langgraph-demo-graphs.ts", import.meta.url), "utf8");
    expect(theirs).toBe(ours.replace('from "replaygraph";', 'from "@langchain/langgraph";'));
  });
});

import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@langchain/langgraph-sdk";
import { describe, expect, test } from "vitest";
import { ForwardingEventStore, type ReadStreamOptions, type ReadStreamResult } from "replaygraph";
import { ApiKeyRequiredError, serve } from "replaygraph/server";
import { AuthModuleError } from "../errors/resource-errors.js";
import { agent, hitl } from "../../scenarios/serve-demo-graphs.js";
import { storeFixtures } from "../../scenarios/testing/store-fixtures.js";
import { auth } from "./testing/owner-auth.js";

// What the resource routes do that no peer shows: search reads the thread table, not every
// thread; the table, deletes and assistants survive a restart and are shared by two servers on one
// store; custom auth from langgraph.json; authentication outside loopback; the `{ detail }` bodies.

const ownerAuthPath = fileURLToPath(new URL("./testing/owner-auth.ts", import.meta.url));
const graphsPath = fileURLToPath(new URL("../../scenarios/serve-demo-graphs.ts", import.meta.url));

class CountingReads extends ForwardingEventStore {
  readonly threadsRead = new Set<string>();
  override readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    if (stream.startsWith("thread-") && options?.maxCount !== 1) this.threadsRead.add(stream);
    return super.readStream(stream, options);
  }
}

describe.each(storeFixtures.filter((fixture) => fixture.name !== "eventstoredb"))("replaygraph serve on $name: resources", (fixture) => {
  test("a search reads the rows of its page only, not every thread's history", async () => {
    const store = await fixture.create();
    const counting = new CountingReads(store.store);
    const server = await serve({ store: counting, graphs: { agent }, port: 0 });
    try {
      const client = new Client({ apiUrl: server.url });
      const threads = [];
      for (let n = 0; n < 12; n++) threads.push(await client.threads.create({ metadata: { n, even: n % 2 === 0 } }));
      counting.threadsRead.clear();
      const page = await client.threads.search({ metadata: { even: true }, limit: 2, offset: 1 });
      expect(page.map((thread) => thread.metadata?.["n"])).toEqual([8, 6]);
      expect([...counting.threadsRead].sort()).toEqual([`thread-${threads[8]!.thread_id}`, `thread-${threads[6]!.thread_id}`].sort());
      counting.threadsRead.clear();
      expect(await client.threads.count({ metadata: { even: false } })).toBe(6);
      expect(counting.threadsRead.size).toBe(0);
    } finally {
      await server.close();
      await store.cleanup();
    }
  });

  test("the thread table, deletes and assistants survive a restart, and two servers on one store share them", async () => {
    const store = await fixture.create();
    const first = await serve({ store: store.store, graphs: { agent }, port: 0 });
    const second = await serve({ store: store.store, graphs: { agent }, port: 0 });
    try {
      const one = new Client({ apiUrl: first.url });
      const two = new Client({ apiUrl: second.url });
      const kept = await one.threads.create({ metadata: { who: "kept" } });
      const gone = await one.threads.create({ metadata: { who: "gone" } });
      await two.threads.update(kept.thread_id, { metadata: { patched: 1 } });
      await two.threads.delete(gone.thread_id);
      const assistant = await one.assistants.create({ graphId: "agent", name: "v1" });
      await two.assistants.update(assistant.assistant_id, { name: "v2" });
      expect((await one.threads.get(kept.thread_id)).metadata).toEqual({ who: "kept", patched: 1 });
      await expect(one.threads.get(gone.thread_id)).rejects.toMatchObject({ status: 404 });
      expect((await one.assistants.get(assistant.assistant_id)).name).toBe("v2");
      await first.close();
      await second.close();
      const third = await serve({ store: store.store, graphs: { agent }, port: 0 });
      try {
        const three = new Client({ apiUrl: third.url });
        expect((await three.threads.search()).map((thread) => thread.metadata)).toEqual([{ who: "kept", patched: 1 }]);
        await expect(three.threads.get(gone.thread_id)).rejects.toMatchObject({ status: 404 });
        expect((await three.assistants.getVersions(assistant.assistant_id)).map((version) => version.name)).toEqual(["v2", "v1"]);
      } finally {
        await third.close();
      }
    } finally {
      await first.close().catch(() => undefined);
      await second.close().catch(() => undefined);
      await store.cleanup();
    }
  });
});

describe("replaygraph serve: resource errors and auth", () => {
  test("errors answer { detail } with the official codes; an active run cannot be deleted (409)", async () => {
    const store = await storeFixtures[0]!.create();
    const server = await serve({ store: store.store, graphs: { agent, hitl }, port: 0 });
    try {
      const client = new Client({ apiUrl: server.url });
      const missing = "00000000-0000-4000-8000-000000000000";
      const answer = async (path: string, init?: RequestInit) => {
        const response = await fetch(`${server.url}${path}`, { headers: { "content-type": "application/json" }, ...init });
        const body = (await response.json()) as { detail?: unknown };
        return [response.status, typeof body.detail];
      };
      expect(await answer(`/threads/${missing}`, { method: "PATCH", body: "{}" })).toEqual([404, "string"]);
      expect(await answer(`/threads/${missing}`, { method: "DELETE" })).toEqual([404, "string"]);
      expect(await answer(`/threads/${missing}/copy`, { method: "POST" })).toEqual([404, "string"]);
      expect(await answer(`/assistants/${missing}`)).toEqual([404, "string"]);
      expect(await answer("/assistants", { method: "POST", body: JSON.stringify({ graph_id: "nope" }) })).toEqual([404, "string"]);
      expect(
        await answer("/assistants", {
          method: "POST",
          body: JSON.stringify({ graph_id: "agent", assistant_id: await client.assistants.get("agent").then((a) => a.assistant_id) }),
        }),
      ).toEqual([409, "string"]);
      expect(await answer("/store/items", { method: "PUT", body: JSON.stringify({ namespace: ["a.b"], key: "k", value: {} }) })).toEqual([422, "string"]);
      expect(await answer("/threads/search", { method: "POST", body: JSON.stringify({ limit: "ten" }) })).toEqual([422, "string"]);
      const thread = await client.threads.create();
      const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "d" }, config: { configurable: { sleep_ms: 300 } } });
      expect(await answer(`/threads/${thread.thread_id}/runs/${run.run_id}`, { method: "DELETE" })).toEqual([409, "string"]);
      await client.runs.join(thread.thread_id, run.run_id);
      await client.runs.delete(thread.thread_id, run.run_id);
      expect(await answer(`/threads/${thread.thread_id}/runs/${run.run_id}`)).toEqual([404, "string"]);
      expect(await answer(`/threads/${thread.thread_id}/runs/${run.run_id}/join`)).toEqual([404, "string"]);
    } finally {
      await server.close();
      await store.cleanup();
    }
  });

  test("POST /runs/cancel cancels the named runs of a thread, or every active run by status (LangGraph's JS server has no such route)", async () => {
    const store = await storeFixtures[0]!.create();
    const server = await serve({ store: store.store, graphs: { agent }, port: 0 });
    try {
      const client = new Client({ apiUrl: server.url });
      const slowRun = { input: { label: "s" }, config: { configurable: { sleep_ms: 300 } } };
      const thread = await client.threads.create();
      const running = await client.runs.create(thread.thread_id, "agent", slowRun);
      const queued = await client.runs.create(thread.thread_id, "agent", slowRun);
      const other = await client.threads.create();
      const untouched = await client.runs.create(other.thread_id, "agent", slowRun);
      await client.runs.cancelMany({ threadId: thread.thread_id, runIds: [running.run_id, queued.run_id], action: "interrupt" });
      await client.runs.join(thread.thread_id, running.run_id);
      expect([(await client.runs.get(thread.thread_id, running.run_id)).status, (await client.runs.get(thread.thread_id, queued.run_id)).status]).toEqual([
        "interrupted",
        "interrupted",
      ]);
      expect((await client.runs.get(other.thread_id, untouched.run_id)).status).not.toBe("interrupted");
      await client.runs.cancelMany({ status: "all" });
      await client.runs.join(other.thread_id, untouched.run_id);
      expect((await client.runs.get(other.thread_id, untouched.run_id)).status).toBe("interrupted");
      const bad = await fetch(`${server.url}/runs/cancel`, { method: "POST", body: "{}" });
      expect(bad.status).toBe(422);
    } finally {
      await server.close();
      await store.cleanup();
    }
  });

  test("a stateless run's thread is reachable while it runs and deleted when it ends, unless on_completion is keep", async () => {
    const store = await storeFixtures[0]!.create();
    const server = await serve({ store: store.store, graphs: { agent }, port: 0 });
    try {
      const client = new Client({ apiUrl: server.url });
      const run = await client.runs.create(null, "agent", { input: { label: "s" }, config: { configurable: { sleep_ms: 100 } } });
      expect((await client.threads.get(run.thread_id)).metadata).toMatchObject({ graph_id: "agent" });
      expect((await client.threads.search()).map((thread) => thread.thread_id)).not.toContain(run.thread_id);
      await client.runs.join(run.thread_id, run.run_id);
      for (
        let tries = 0;
        tries < 100 &&
        (await client.threads.get(run.thread_id).then(
          () => true,
          () => false,
        ));
        tries++
      )
        await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(client.threads.get(run.thread_id)).rejects.toMatchObject({ status: 404 });
      const kept = await client.runs.create(null, "agent", { input: { label: "k" }, onCompletion: "keep" as never });
      await client.runs.join(kept.thread_id, kept.run_id);
      expect((await client.threads.search()).map((thread) => thread.thread_id)).toEqual([kept.thread_id]);
      expect((await client.threads.getState(kept.thread_id)).values).toEqual({ label: "k", items: ["k:a", "k:b", "k:c"] });
    } finally {
      await server.close();
      await store.cleanup();
    }
  });

  test("langgraph.json's auth.path loads the Auth module: unauthenticated is 401, another user's thread 404", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-auth-"));
    await writeFile(join(dir, "langgraph.json"), JSON.stringify({ graphs: { agent: `${graphsPath}:agent` }, auth: { path: `${ownerAuthPath}:auth` } }));
    const store = await storeFixtures[0]!.create();
    const server = await serve({ store: store.store, config: join(dir, "langgraph.json"), port: 0 });
    try {
      const as = (token: string) => new Client({ apiUrl: server.url, defaultHeaders: { authorization: `Bearer ${token}` } });
      const thread = await as("alice-token").threads.create();
      expect(thread.metadata).toEqual({ owner: "alice" });
      await expect(as("bob-token").threads.get(thread.thread_id)).rejects.toMatchObject({ status: 404 });
      const refused = await fetch(`${server.url}/threads/search`, { method: "POST", body: "{}" });
      expect([refused.status, await refused.json()]).toEqual([401, { detail: "Invalid or missing token" }]);
      expect((await fetch(`${server.url}/ok`)).status).toBe(200);
      // bob's run with if_not_exists "create" makes a thread that is bob's.
      const created = crypto.randomUUID();
      await as("bob-token").runs.wait(created, "agent", { input: { label: "b" }, ifNotExists: "create" });
      expect((await as("bob-token").threads.get(created)).metadata).toMatchObject({ owner: "bob", graph_id: "agent" });
      await expect(as("alice-token").threads.get(created)).rejects.toMatchObject({ status: 404 });
    } finally {
      await server.close();
      await store.cleanup();
    }
  });

  test("outside loopback, custom auth satisfies the authentication requirement; a bad auth.path is a named error at startup", async () => {
    const store = await storeFixtures[0]!.create();
    await expect(serve({ store: store.store, graphs: { agent }, host: "0.0.0.0", port: 0, apiKey: undefined as never })).rejects.toThrow(ApiKeyRequiredError);
    await expect(serve({ store: store.store, graphs: { agent }, host: "0.0.0.0", port: 0, apiKey: undefined as never })).rejects.toThrow(
      /custom Auth module in langgraph.json/,
    );
    const server = await serve({ store: store.store, graphs: { agent }, host: "0.0.0.0", port: 0, apiKey: undefined as never, auth });
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/threads/search`, { method: "POST", body: "{}" });
      expect(response.status).toBe(401);
    } finally {
      await server.close();
    }
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-auth-"));
    await writeFile(join(dir, "langgraph.json"), JSON.stringify({ graphs: { agent: `${graphsPath}:agent` }, auth: { path: `${ownerAuthPath}:missing` } }));
    await expect(serve({ store: store.store, config: join(dir, "langgraph.json"), port: 0 })).rejects.toThrow(AuthModuleError);
    await store.cleanup();
  });
});

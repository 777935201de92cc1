import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createEngine, InvalidUpdateError, MemoryEventStore, UnknownNodeError } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { agent, hitl } from "./serve-demo-graphs.js";
import { nested, tokens } from "./stream-demo-graphs.js";

// A thread created without a graph on an engine of several graphs is created for the first one;
// a run that names another graph runs that graph, and the thread's state is read with it, also by
// a new process on the same file.

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

it("a thread reads as the graph its latest run named, after a restart too", async () => {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-thread-graph-"));
  dirs.push(dir);
  const file = join(dir, "threads.db");
  const graphs = { agent, tokens, nested };
  const first = new SqliteEventStore(file);
  const engine = createEngine({ store: first, graphs });
  await engine.threads.create({ threadId: "t" });
  await engine.runs.wait("t", "tokens", { input: { messages: [{ role: "user", content: "hey" }] } });
  const live = (await engine.threads.getState("t")).values as { messages: { content: string }[] };
  expect(live.messages.map((message) => message.content)).toEqual(["hey", "hi you"]);
  await engine.close();
  await first.close();

  const second = new SqliteEventStore(file);
  const reopened = createEngine({ store: second, graphs });
  expect((await reopened.threads.getState("t")).values).toEqual(live);
  expect((await reopened.threads.getHistory("t")).length).toBeGreaterThan(1);
  await reopened.close();
  await second.close();
});

it("updateState as a node the thread's graph lacks is refused, as the graph's own updateState refuses it", async () => {
  const engine = createEngine({ store: new MemoryEventStore(), graphs: { agent, hitl } });
  const { thread_id: threadId } = await engine.threads.create({});
  // The thread is agent's (the first graph); ask is a node of hitl only.
  await expect(engine.threads.updateState(threadId, { values: { label: "g" }, asNode: "ask" })).rejects.toThrow(UnknownNodeError);
  await expect(engine.threads.updateState(threadId, { values: { nope: 1 } })).rejects.toThrow(InvalidUpdateError);
  expect((await engine.threads.getState(threadId)).values).toEqual({ items: [] });
  await engine.close();
});

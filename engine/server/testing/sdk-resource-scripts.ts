import { Client } from "@langchain/langgraph-sdk";
import { failureOf } from "./sdk-scripts.js";

// The resource programs the side-by-side tests run, written once against @langchain/langgraph-sdk:
// threads (patch, delete, copy, search, count), state at a checkpoint and history, run delete,
// assistants (CRUD, versions, latest), store items, and two users under custom auth. Each returns
// what a user of the SDK observes. The server may hold other scripts' threads: searches are
// narrowed by a tag only this run uses.

const statusOf = async (call: () => Promise<unknown>) => {
  const failure = await failureOf(call);
  return failure === "no error" ? "ok" : failure.status;
};

/** Threads as resources: metadata patch, search/count with filters and paging, copy, delete. */
export async function threadResources(client: Client): Promise<Record<string, unknown>> {
  const tag = crypto.randomUUID();
  const created = [];
  for (const n of [1, 2, 3]) created.push(await client.threads.create({ metadata: { tag, n, kind: n === 2 ? "even" : "odd" } }));
  const [first, second, third] = created as [(typeof created)[0], (typeof created)[0], (typeof created)[0]];
  await client.runs.wait(first.thread_id, "agent", { input: { label: "t" } });
  const patched = await client.threads.update(first.thread_id, { metadata: { n: 10, extra: true } });
  const newestFirst = await client.threads.search({ metadata: { tag } });
  const page = await client.threads.search({ metadata: { tag }, limit: 1, offset: 1 });
  const odd = await client.threads.search({ metadata: { tag, kind: "odd" } });
  const idle = await client.threads.search({ metadata: { tag }, status: "idle" });
  const oldestFirst = await client.threads.search({ metadata: { tag }, sortBy: "created_at", sortOrder: "asc" });
  const count = await client.threads.count({ metadata: { tag } });
  const copy = await client.threads.copy(first.thread_id);
  const copyState = await client.threads.getState(copy.thread_id);
  const copyRuns = (await client.runs.list(copy.thread_id)).length;
  const runOnCopy = await client.runs.wait(copy.thread_id, "agent", { input: { label: "c" } });
  const sourceAfter = await client.threads.getState(first.thread_id);
  await client.threads.delete(second.thread_id);
  const afterDelete = await client.threads.search({ metadata: { tag } });
  return {
    patched: { metadata: patched.metadata, status: patched.status, values: patched.values },
    got: (await client.threads.get(first.thread_id)).metadata,
    newestFirst: newestFirst.map((thread) => thread.metadata?.["n"]),
    page: page.map((thread) => thread.metadata?.["n"]),
    odd: odd.map((thread) => thread.metadata?.["n"]),
    idle: idle.map((thread) => thread.metadata?.["n"]),
    oldestFirst: oldestFirst.map((thread) => thread.metadata?.["n"]),
    count,
    copy: {
      isNew: copy.thread_id !== first.thread_id,
      metadata: { ...copy.metadata, thread_id: copy.metadata?.["thread_id"] === copy.thread_id ? "<copy's id>" : copy.metadata?.["thread_id"] },
    },
    copyState: { values: copyState.values, next: copyState.next },
    copyRuns,
    runOnCopy,
    sourceAfter: sourceAfter.values,
    deletedGet: await statusOf(() => client.threads.get(second.thread_id)),
    deletedState: await statusOf(() => client.threads.getState(second.thread_id)),
    deleteAgain: await statusOf(() => client.threads.delete(second.thread_id)),
    patchMissing: await statusOf(() => client.threads.update("00000000-0000-4000-8000-000000000000", { metadata: { a: 1 } })),
    afterDelete: afterDelete.map((thread) => thread.metadata?.["n"]).sort(),
    countAfter: await client.threads.count({ metadata: { tag } }),
    third: (await client.threads.get(third.thread_id)).status,
  };
}

/** A thread created for one graph (`threads.create({ graphId })`, sent as `metadata.graph_id`): its state is that graph's. */
export async function threadGraph(client: Client): Promise<Record<string, unknown>> {
  const tag = crypto.randomUUID();
  const thread = await client.threads.create({ graphId: "hitl", metadata: { tag } });
  // "ask" is a node of hitl only: the update is hitl's, and its next node is hitl's "done".
  await client.threads.updateState(thread.thread_id, { values: { label: "g" }, asNode: "ask" });
  const state = await client.threads.getState(thread.thread_id);
  return {
    metadata: { ...thread.metadata, tag: thread.metadata?.["tag"] === tag ? "<tag>" : thread.metadata?.["tag"] },
    state: { values: state.values, next: state.next },
    run: await client.runs.wait(thread.thread_id, "hitl", { input: null }),
    found: (await client.threads.search({ metadata: { tag, graph_id: "hitl" } })).length,
  };
}

/** State at a checkpoint (GET by id, POST with a checkpoint), history with limit and before. */
export async function checkpointsAndHistory(client: Client): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  await client.runs.wait(thread.thread_id, "agent", { input: { label: "h" } });
  const all = await client.threads.getHistory(thread.thread_id, { limit: 100 });
  const two = await client.threads.getHistory(thread.thread_id, { limit: 2 });
  const beforeSecond = await client.threads.getHistory(thread.thread_id, { limit: 2, before: all[1]!.checkpoint.checkpoint_id as never });
  const beforeAsConfig = await statusOf(() =>
    client.threads.getHistory(thread.thread_id, { limit: 2, before: { configurable: { checkpoint_id: all[1]!.checkpoint.checkpoint_id! } } }),
  );
  const afterA = all.find((snapshot) => JSON.stringify(snapshot.next) === JSON.stringify(["b"]))!;
  const byId = await client.threads.getState(thread.thread_id, afterA.checkpoint.checkpoint_id!);
  const byCheckpoint = await client.threads.getState(thread.thread_id, {
    checkpoint_id: afterA.checkpoint.checkpoint_id!,
    thread_id: thread.thread_id,
    checkpoint_ns: "",
  } as never);
  const historyPost = await fetch(`${(client as unknown as { threads: { apiUrl: string } }).threads.apiUrl}/threads/${thread.thread_id}/history`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ limit: 1, before: all[0]!.checkpoint.checkpoint_id }),
  });
  const shape = (snapshot: { values: unknown; next: string[]; metadata: unknown }) => ({
    values: snapshot.values,
    next: snapshot.next,
    step: (snapshot.metadata as { step?: number } | null)?.step,
  });
  return {
    all: all.map(shape),
    two: two.map(shape),
    beforeSecond: beforeSecond.map(shape),
    beforeAsConfig,
    byId: shape(byId),
    byCheckpoint: shape(byCheckpoint),
    sameCheckpoint: byId.checkpoint.checkpoint_id === afterA.checkpoint.checkpoint_id,
    historyPost: { status: historyPost.status, body: ((await historyPost.json()) as { values: unknown; next: string[]; metadata: unknown }[]).map(shape) },
    unknownCheckpoint: await statusOf(() => client.threads.getState(thread.thread_id, "1ef00000-0000-6000-8000-000000000000")),
  };
}

/** A finished run deleted: gone from get and list. */
export async function runDelete(client: Client): Promise<Record<string, unknown>> {
  const thread = await client.threads.create();
  const first = await client.runs.create(thread.thread_id, "agent", { input: { label: "1" } });
  await client.runs.join(thread.thread_id, first.run_id);
  const second = await client.runs.create(thread.thread_id, "agent", { input: { label: "2" } });
  await client.runs.join(thread.thread_id, second.run_id);
  await client.runs.delete(thread.thread_id, first.run_id);
  const busy = await client.threads.create();
  const active = await client.runs.create(busy.thread_id, "agent", { input: { label: "x" }, config: { configurable: { sleep_ms: 300 } } });
  const deleteActive = await statusOf(() => client.runs.delete(busy.thread_id, active.run_id));
  return {
    deleteActive,
    deletedGet: await statusOf(() => client.runs.get(thread.thread_id, first.run_id)),
    keptGet: (await client.runs.get(thread.thread_id, second.run_id)).status,
    listed: (await client.runs.list(thread.thread_id)).map((run) => run.run_id === second.run_id),
    deleteUnknown: await statusOf(() => client.runs.delete(thread.thread_id, "00000000-0000-4000-8000-000000000000")),
    values: (await client.threads.getState(thread.thread_id)).values,
  };
}

/** Assistants: create, get, patch (new version), versions, latest, search, count, run with one, delete. */
export async function assistantResources(client: Client): Promise<Record<string, unknown>> {
  const tag = crypto.randomUUID();
  const created = await client.assistants.create({ graphId: "agent", name: "writer", metadata: { tag, v: 1 }, config: { configurable: { sleep_ms: 0 } } });
  const again = await statusOf(() => client.assistants.create({ graphId: "agent", assistantId: created.assistant_id, ifExists: "raise" }));
  const kept = await client.assistants.create({ graphId: "agent", assistantId: created.assistant_id, ifExists: "do_nothing" });
  const patched = await client.assistants.update(created.assistant_id, { metadata: { v: 2 }, name: "editor" });
  const versions = await client.assistants.getVersions(created.assistant_id);
  const latest = await client.assistants.setLatest(created.assistant_id, 1);
  const other = await client.assistants.create({ graphId: "hitl", metadata: { tag } });
  const search = await client.assistants.search({ metadata: { tag } });
  const byGraph = await client.assistants.search({ metadata: { tag }, graphId: "hitl" });
  const count = await client.assistants.count({ metadata: { tag } });
  const thread = await client.threads.create();
  const ran = await client.runs.wait(thread.thread_id, created.assistant_id, { input: { label: "a" } });
  await client.assistants.delete(other.assistant_id);
  const failing = await client.assistants.create({ graphId: "agent", config: { configurable: { fail_at: "b" } } });
  const failingThread = await client.threads.create();
  const failingRun = await client.runs.create(failingThread.thread_id, failing.assistant_id, { input: { label: "f" } });
  await client.runs.join(failingThread.thread_id, failingRun.run_id).catch(() => undefined);
  const overridden = await client.runs.wait(null, failing.assistant_id, { input: { label: "o" }, config: { configurable: { fail_at: "none" } } });
  const pick = (assistant: { name: string; version: number; metadata?: unknown; graph_id: string }) => ({
    name: assistant.name,
    version: assistant.version,
    metadata: assistant.metadata,
    graph_id: assistant.graph_id,
  });
  return {
    created: {
      ...pick(created),
      config: created.config,
      description: created.description,
      sameAsKept: kept.assistant_id === created.assistant_id && kept.version === 1,
    },
    again,
    patched: pick(patched),
    versions: versions.map((version) => ({ version: version.version, name: version.name, metadata: version.metadata })),
    latest: pick(latest),
    got: pick(await client.assistants.get(created.assistant_id)),
    search: search.map((assistant) => assistant.graph_id),
    byGraph: byGraph.map((assistant) => assistant.graph_id),
    count,
    ran,
    runWithAssistantConfig: {
      run: (await client.runs.get(failingThread.thread_id, failingRun.run_id)).status,
      thread: (await client.threads.get(failingThread.thread_id)).status,
    },
    overridden,
    deletedGet: await statusOf(() => client.assistants.get(other.assistant_id)),
    countAfter: await client.assistants.count({ metadata: { tag } }),
    latestMissing: await statusOf(() => client.assistants.setLatest(created.assistant_id, 99)),
    patchMissing: await statusOf(() => client.assistants.update("00000000-0000-4000-8000-000000000000", { metadata: {} })),
  };
}

/** The long-term store: put, get, search (filter, paging), namespaces, delete. */
export async function storeItems(client: Client): Promise<Record<string, unknown>> {
  const user = crypto.randomUUID();
  await client.store.putItem([user, "notes"], "a", { text: "first", kind: "note" });
  await client.store.putItem([user, "notes"], "b", { text: "second", kind: "todo" });
  await client.store.putItem([user, "prefs"], "theme", { kind: "pref", value: "dark" });
  await client.store.putItem([user, "notes"], "a", { text: "first, edited", kind: "note" });
  const item = await client.store.getItem([user, "notes"], "a");
  const all = await client.store.searchItems([user]);
  const todos = await client.store.searchItems([user], { filter: { kind: "todo" } });
  const paged = await client.store.searchItems([user], { limit: 1, offset: 1 });
  const namespaces = await client.store.listNamespaces({ prefix: [user] });
  const shallow = await client.store.listNamespaces({ prefix: [user], maxDepth: 1 });
  await client.store.deleteItem([user, "notes"], "b");
  const pickItem = (found: { namespace: string[]; key: string; value: unknown; created_at?: unknown; updated_at?: unknown } | null) =>
    found && {
      namespace: found.namespace,
      key: found.key,
      value: found.value,
      times: typeof found.created_at === "string" && typeof found.updated_at === "string",
    };
  return {
    item: pickItem(item),
    all: all.items.map(pickItem),
    todos: todos.items.map((found) => found.key),
    paged: paged.items.map((found) => found.key),
    namespaces: namespaces.namespaces,
    shallow: shallow.namespaces,
    deleted: await client.store.getItem([user, "notes"], "b"),
    missing: await client.store.getItem([user, "notes"], "zzz"),
    afterDelete: (await client.store.searchItems([user, "notes"])).items.map((found) => found.key),
  };
}

/** Two users under the owner-auth module: each sees only its own threads, runs and store items. */
export async function twoUsers(apiUrl: string): Promise<Record<string, unknown>> {
  const as = (token: string | undefined) => new Client({ apiUrl, defaultHeaders: token ? { authorization: `Bearer ${token}` } : {} });
  const alice = as("alice-token");
  const bob = as("bob-token");
  const nobody = as(undefined);
  const aliceThread = await alice.threads.create({ metadata: { topic: "a" } });
  const bobThread = await bob.threads.create({ metadata: { topic: "b" } });
  const aliceRun = await alice.runs.create(aliceThread.thread_id, "agent", { input: { label: "al" } });
  await alice.runs.join(aliceThread.thread_id, aliceRun.run_id);
  await bob.runs.wait(bobThread.thread_id, "agent", { input: { label: "bo" } });
  await alice.store.putItem(["alice", "notes"], "n1", { text: "secret" });
  return {
    aliceOwn: { status: (await alice.threads.get(aliceThread.thread_id)).status, metadata: (await alice.threads.get(aliceThread.thread_id)).metadata },
    aliceSearch: (await alice.threads.search()).map((thread) =>
      thread.thread_id === aliceThread.thread_id ? "alice's" : thread.thread_id === bobThread.thread_id ? "bob's" : "other",
    ),
    bobSearch: (await bob.threads.search()).map((thread) =>
      thread.thread_id === aliceThread.thread_id ? "alice's" : thread.thread_id === bobThread.thread_id ? "bob's" : "other",
    ),
    bobCount: await bob.threads.count(),
    bobGetsAlices: await statusOf(() => bob.threads.get(aliceThread.thread_id)),
    bobStateOfAlices: await statusOf(() => bob.threads.getState(aliceThread.thread_id)),
    bobHistoryOfAlices: await statusOf(() => bob.threads.getHistory(aliceThread.thread_id)),
    bobRunsOnAlices: await statusOf(() => bob.runs.create(aliceThread.thread_id, "agent", { input: { label: "x" } })),
    bobResumesAlices: await statusOf(() => bob.runs.wait(aliceThread.thread_id, "agent", { command: { resume: "yes" } })),
    bobListsAlicesRuns: await statusOf(() => bob.runs.list(aliceThread.thread_id)),
    bobGetsAlicesRun: await statusOf(() => bob.runs.get(aliceThread.thread_id, aliceRun.run_id)),
    bobCancelsAlicesRun: await statusOf(() => bob.runs.cancel(aliceThread.thread_id, aliceRun.run_id)),
    bobUpdatesAlicesState: await statusOf(() => bob.threads.updateState(aliceThread.thread_id, { values: { label: "bob" } })),
    bobJoinsAlicesRun: await statusOf(() => bob.runs.join(aliceThread.thread_id, aliceRun.run_id)),
    bobCopiesAlices: await statusOf(() => bob.threads.copy(aliceThread.thread_id)),
    bobSearchesForAlices: (await bob.threads.search({ metadata: { owner: "alice" } })).length,
    bobCreatesAssistant: (await bob.assistants.create({ graphId: "agent", name: "bob's" })).metadata,
    aliceSeesBobsAssistant: (await alice.assistants.search({ graphId: "agent" })).filter((assistant) => assistant.name === "bob's").length,
    bobPatchesAlices: await statusOf(() => bob.threads.update(aliceThread.thread_id, { metadata: { owner: "bob" } })),
    bobDeletesAlices: await statusOf(() => bob.threads.delete(aliceThread.thread_id)),
    bobReadsAlicesItem: await statusOf(() => bob.store.getItem(["alice", "notes"], "n1")),
    aliceReadsOwnItem: (await alice.store.getItem(["alice", "notes"], "n1"))?.value,
    aliceStillHas: (await alice.threads.get(aliceThread.thread_id)).values,
    unauthenticated: await statusOf(() => nobody.threads.create()),
    searchWithoutToken: await statusOf(() => nobody.threads.search()),
    wrongToken: await statusOf(() => as("mallory").threads.search()),
  };
}

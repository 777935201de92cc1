import type { EventStore } from "../../store/event-store.js";
import { streamNameOf } from "../thread/ids.js";
import { isContained, matchesAuthFilters, type AuthFilters } from "./metadata-filters.js";
import { createResourceLog } from "./resource-log.js";

/** The stream that holds the server's thread table (not a thread: its name has no `thread-` prefix). */
export const THREAD_CATALOG_STREAM = "server-threads";

/** A change to the thread table. */
export type ThreadCatalogChange =
  | {
      readonly type: "ThreadListed";
      readonly threadId: string;
      readonly metadata: Readonly<Record<string, unknown>>;
      readonly at: number;
      readonly temporary?: true;
    }
  | { readonly type: "ThreadMetadataPatched"; readonly threadId: string; readonly metadata: Readonly<Record<string, unknown>>; readonly at: number }
  | { readonly type: "ThreadDelisted"; readonly threadId: string; readonly at: number }
  | { readonly type: "RunDelisted"; readonly threadId: string; readonly runId: string; readonly at: number };

/** A row of the thread table: what the Agent Server keeps about a thread beside its checkpoints. */
export interface ThreadEntry {
  readonly threadId: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** A stateless run's thread (`on_completion: "delete"`): reachable by id while it runs, never searched, deleted when it ends. */
  readonly temporary?: true;
}

/** A thread search, as `POST /threads/search` asks it; the auth filters are the caller's. */
export interface ThreadQuery {
  readonly ids?: readonly string[] | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  readonly authFilters?: AuthFilters | undefined;
  readonly sortBy?: "created_at" | "updated_at" | "thread_id" | undefined;
  readonly sortOrder?: "asc" | "desc" | undefined;
}

/**
 * The server's thread table: metadata (as created and patched), creation and update times, which
 * threads and runs were deleted. Thread state and runs stay in each thread's own event stream; this
 * table is what search, patch, delete and the owner checks of custom auth read, so a search reads
 * one small row per thread instead of every thread's history. Threads created outside the server
 * (by `replaygraph run`, an in-process engine, or a run with `if_not_exists: "create"`) are listed
 * the first time the server meets them.
 *
 * WARNING: a deleted thread's events stay in the store (the event store is append-only); the
 * thread is only hidden, and its id cannot be used for a new thread.
 */
export function createThreadCatalog(store: EventStore, now: () => number = Date.now) {
  const entries = new Map<string, ThreadEntry>();
  const deletedThreads = new Set<string>();
  const deletedRuns = new Set<string>();
  const log = createResourceLog<ThreadCatalogChange>(store, THREAD_CATALOG_STREAM, (change) => {
    switch (change.type) {
      case "ThreadListed":
        entries.set(change.threadId, {
          threadId: change.threadId,
          metadata: change.metadata,
          createdAt: change.at,
          updatedAt: change.at,
          ...(change.temporary ? { temporary: true } : {}),
        });
        return;
      case "ThreadMetadataPatched": {
        const entry = entries.get(change.threadId);
        if (entry) entries.set(change.threadId, { ...entry, metadata: { ...entry.metadata, ...change.metadata }, updatedAt: change.at });
        return;
      }
      case "ThreadDelisted":
        entries.delete(change.threadId);
        deletedThreads.add(change.threadId);
        return;
      case "RunDelisted":
        deletedRuns.add(`${change.threadId}/${change.runId}`);
        return;
    }
  });
  let imported: Promise<void> | undefined;

  /** Lists a thread found in the store but not in the table, with the metadata it was created with. */
  const importThread = async (threadId: string): Promise<ThreadEntry | undefined> => {
    const { events } = await store.readStream(streamNameOf(threadId), { maxCount: 1 });
    const first = events[0];
    if (!first) return undefined;
    const metadata = (first.data as { metadata?: Record<string, unknown> }).metadata ?? {};
    return log
      .record(() =>
        entries.has(threadId) || deletedThreads.has(threadId)
          ? { change: undefined, result: entries.get(threadId) }
          : { change: { type: "ThreadListed", threadId, metadata, at: first.recordedAt.getTime() }, result: undefined },
      )
      .then((found) => found ?? entries.get(threadId));
  };

  return {
    /** The thread's row (a thread in the store not listed yet is listed now), or undefined: no such thread, or deleted. */
    async find(threadId: string): Promise<ThreadEntry | undefined> {
      await log.catchUp();
      if (deletedThreads.has(threadId)) return undefined;
      return entries.get(threadId) ?? importThread(threadId);
    },
    /** Whether the thread was deleted through the server. */
    async isDeleted(threadId: string): Promise<boolean> {
      await log.catchUp();
      return deletedThreads.has(threadId);
    },
    /** Whether the thread's run was deleted through the server (or came with a copied history). */
    async isRunDeleted(threadId: string, runId: string): Promise<boolean> {
      await log.catchUp();
      return deletedRuns.has(`${threadId}/${runId}`);
    },
    /** Lists a new thread (a thread already listed keeps its row); a temporary one is left out of searches. */
    async list(threadId: string, metadata: Readonly<Record<string, unknown>>, options: { temporary?: boolean } = {}): Promise<ThreadEntry> {
      await log.record(() => ({
        change: entries.has(threadId)
          ? undefined
          : { type: "ThreadListed", threadId, metadata, at: now(), ...(options.temporary ? { temporary: true as const } : {}) },
        result: undefined,
      }));
      return entries.get(threadId)!;
    },
    /** Merges `metadata` into the thread's (keys given replace the same keys). */
    async patch(threadId: string, metadata: Readonly<Record<string, unknown>>): Promise<ThreadEntry | undefined> {
      await log.record(() => ({
        change: entries.has(threadId) ? { type: "ThreadMetadataPatched", threadId, metadata, at: now() } : undefined,
        result: undefined,
      }));
      return entries.get(threadId);
    },
    /** Hides the thread from every request. */
    delist(threadId: string): Promise<void> {
      return log.record(() => ({ change: deletedThreads.has(threadId) ? undefined : { type: "ThreadDelisted", threadId, at: now() }, result: undefined }));
    },
    /** Hides the run from every request. */
    delistRun(threadId: string, runId: string): Promise<void> {
      return log.record(() => ({
        change: deletedRuns.has(`${threadId}/${runId}`) ? undefined : { type: "RunDelisted", threadId, runId, at: now() },
        result: undefined,
      }));
    },
    /**
     * The rows a search matches, in its order (default newest first), lazily: the caller takes
     * what a page needs. Threads in the store that the table has not met are listed first (once
     * per server start).
     */
    async *search(query: ThreadQuery): AsyncGenerator<ThreadEntry> {
      imported ??= (async () => {
        const { streams } = await store.listStreams({ prefix: "thread-" });
        for (const name of streams) {
          const threadId = name.slice("thread-".length);
          if (!threadId.includes("/") && !entries.has(threadId) && !deletedThreads.has(threadId)) await importThread(threadId);
        }
      })();
      // A failed import is tried again by the next search.
      await imported.catch((error: unknown) => {
        imported = undefined;
        throw error;
      });
      await log.catchUp();
      const ids = query.ids ? new Set(query.ids) : undefined;
      let rows = [...entries.values()];
      if (query.sortBy === "updated_at") rows.sort((a, b) => a.updatedAt - b.updatedAt);
      else if (query.sortBy !== "thread_id") rows.sort((a, b) => a.createdAt - b.createdAt);
      if (query.sortBy === "thread_id") rows.sort((a, b) => (a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0));
      if (query.sortOrder !== "asc") rows = rows.reverse();
      for (const row of rows) {
        if (row.temporary) continue;
        if (ids && !ids.has(row.threadId)) continue;
        if (query.metadata && !isContained(row.metadata, query.metadata)) continue;
        if (!matchesAuthFilters(row.metadata, query.authFilters)) continue;
        yield row;
      }
    },
  };
}

/** What {@link createThreadCatalog} returns. */
export type ThreadCatalog = ReturnType<typeof createThreadCatalog>;

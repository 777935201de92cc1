import type { EventStore } from "../../store/event-store.js";
import { AssistantAlreadyExistsError, AssistantNotFoundError, AssistantVersionNotFoundError } from "../errors/resource-errors.js";
import { UnknownGraphError } from "../errors/service-errors.js";
import { createSystemAssistants, type AssistantView } from "./assistant-views.js";
import { isContained, matchesAuthFilters, type AuthFilters } from "./metadata-filters.js";
import { createResourceLog } from "./resource-log.js";

/** The stream holding the server's assistants (the system assistants are not stored: each start derives them from the graphs). */
export const ASSISTANT_STREAM = "server-assistants";

/** One version of an assistant, as `POST /assistants/{id}/versions` lists it. */
export type AssistantVersionView = Omit<AssistantView, "updated_at">;

type AssistantChange =
  | { readonly type: "AssistantVersioned"; readonly assistant: AssistantView }
  | { readonly type: "AssistantLatestSet"; readonly assistantId: string; readonly version: number; readonly at: string }
  | { readonly type: "AssistantDeleted"; readonly assistantId: string };

/** Fields of a new assistant or of a new version. */
export interface AssistantFields {
  readonly graph_id?: string | undefined;
  readonly config?: Readonly<Record<string, unknown>> | undefined;
  readonly context?: unknown;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  readonly name?: string | undefined;
  readonly description?: string | null | undefined;
}

/** A search of assistants. */
export interface AssistantQuery {
  readonly graph_id?: string | undefined;
  readonly name?: string | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  readonly authFilters?: AuthFilters | undefined;
  readonly sort_by?: "assistant_id" | "graph_id" | "name" | "created_at" | "updated_at" | undefined;
  readonly sort_order?: "asc" | "desc" | undefined;
}

const versionOf = ({ updated_at: _updated, ...version }: AssistantView): AssistantVersionView => version;

/**
 * Assistants: one system assistant per graph (the uuid5 ids), and those created through the API,
 * each with its versions (a PATCH makes a new one; `latest` picks which one is current). Kept as
 * one event stream of the store, so they survive restarts and several servers share them.
 * `find` and `all` read the projection as last caught up (run creation resolves an assistant id
 * with them); the async methods catch up first.
 */
export function createAssistantRegistry(store: EventStore, graphIds: readonly string[], now: () => Date = () => new Date()) {
  const system = createSystemAssistants(graphIds, now());
  const current = new Map<string, AssistantView>(system.all.map((assistant) => [assistant.assistant_id, assistant]));
  const versions = new Map<string, AssistantVersionView[]>(system.all.map((assistant) => [assistant.assistant_id, [versionOf(assistant)]]));
  const log = createResourceLog<AssistantChange>(store, ASSISTANT_STREAM, (change) => {
    switch (change.type) {
      case "AssistantVersioned":
        current.set(change.assistant.assistant_id, change.assistant);
        versions.set(change.assistant.assistant_id, [...(versions.get(change.assistant.assistant_id) ?? []), versionOf(change.assistant)]);
        return;
      case "AssistantLatestSet": {
        const chosen = versions.get(change.assistantId)?.find((version) => version.version === change.version);
        if (chosen) current.set(change.assistantId, { ...chosen, updated_at: change.at });
        return;
      }
      case "AssistantDeleted":
        current.delete(change.assistantId);
        versions.delete(change.assistantId);
        return;
    }
  });
  const find = (idOrGraphId: string): AssistantView | undefined =>
    current.get(idOrGraphId) ?? [...current.values()].find((assistant) => assistant.graph_id === idOrGraphId && assistant.metadata["created_by"] === "system");
  const visible = (idOrGraphId: string, filters: AuthFilters | undefined): AssistantView => {
    const assistant = find(idOrGraphId);
    if (!assistant || !matchesAuthFilters(assistant.metadata, filters)) throw new AssistantNotFoundError(idOrGraphId);
    return assistant;
  };
  const assertGraph = (graphId: string) => {
    if (!graphIds.includes(graphId)) throw new UnknownGraphError(graphId, graphIds);
  };

  return {
    /** Every assistant (projection as last caught up). */
    get all(): AssistantView[] {
      return [...current.values()];
    },
    /** The assistant an id names: its uuid, or a graph id (that graph's system assistant). */
    find,
    async get(idOrGraphId: string, filters?: AuthFilters): Promise<AssistantView> {
      await log.catchUp();
      return visible(idOrGraphId, filters);
    },
    /** Creates an assistant (version 1); an existing id raises, or with `do_nothing` is returned as it is. */
    create(
      assistantId: string,
      fields: AssistantFields & { graph_id: string },
      ifExists: "raise" | "do_nothing",
      filters?: AuthFilters,
    ): Promise<AssistantView> {
      assertGraph(fields.graph_id);
      return log.record(() => {
        const existing = current.get(assistantId);
        if (existing) {
          if (ifExists === "raise" || !matchesAuthFilters(existing.metadata, filters)) throw new AssistantAlreadyExistsError(assistantId);
          return { change: undefined, result: existing };
        }
        const at = now().toISOString();
        const assistant: AssistantView = {
          assistant_id: assistantId,
          graph_id: fields.graph_id,
          config: fields.config ?? {},
          context: (fields.context ?? {}) as Record<string, unknown>,
          metadata: fields.metadata ?? {},
          name: fields.name || fields.graph_id,
          description: fields.description ?? null,
          version: 1,
          created_at: at,
          updated_at: at,
        };
        return { change: { type: "AssistantVersioned", assistant }, result: assistant };
      });
    },
    /** A new version with the given fields (metadata merged into the current one's). */
    patch(assistantId: string, fields: AssistantFields, filters?: AuthFilters): Promise<AssistantView> {
      if (fields.graph_id !== undefined) assertGraph(fields.graph_id);
      return log.record(() => {
        const existing = visible(assistantId, filters);
        const latest = Math.max(...(versions.get(existing.assistant_id) ?? []).map((version) => version.version));
        const assistant: AssistantView = {
          ...existing,
          ...(fields.graph_id !== undefined ? { graph_id: fields.graph_id } : {}),
          ...(fields.config !== undefined ? { config: fields.config } : {}),
          ...(fields.context !== undefined ? { context: fields.context as Record<string, unknown> } : {}),
          ...(fields.name !== undefined ? { name: fields.name } : {}),
          ...(fields.description !== undefined ? { description: fields.description } : {}),
          metadata: { ...existing.metadata, ...fields.metadata },
          version: latest + 1,
          created_at: existing.created_at,
          updated_at: now().toISOString(),
        };
        return { change: { type: "AssistantVersioned", assistant }, result: assistant };
      });
    },
    /** Makes `version` the current one. */
    setLatest(assistantId: string, version: number, filters?: AuthFilters): Promise<AssistantView> {
      return log
        .record(() => {
          const existing = visible(assistantId, filters);
          if (!versions.get(existing.assistant_id)?.some((candidate) => candidate.version === version))
            throw new AssistantVersionNotFoundError(assistantId, version);
          return { change: { type: "AssistantLatestSet", assistantId: existing.assistant_id, version, at: now().toISOString() }, result: undefined };
        })
        .then(() => current.get(find(assistantId)!.assistant_id)!);
    },
    /** Deletes the assistant and its versions; returns its id. */
    delete(assistantId: string, filters?: AuthFilters): Promise<string> {
      return log.record(() => {
        const existing = visible(assistantId, filters);
        return { change: { type: "AssistantDeleted", assistantId: existing.assistant_id }, result: existing.assistant_id };
      });
    },
    /** The assistant's versions, newest first, filtered by metadata containment. */
    async versions(
      assistantId: string,
      query: { metadata?: Readonly<Record<string, unknown>> | undefined; limit: number; offset: number },
      filters?: AuthFilters,
    ): Promise<AssistantVersionView[]> {
      await log.catchUp();
      const existing = visible(assistantId, filters);
      return (versions.get(existing.assistant_id) ?? [])
        .filter((version) => (query.metadata === undefined || isContained(version.metadata, query.metadata)) && matchesAuthFilters(version.metadata, filters))
        .sort((a, b) => b.version - a.version)
        .slice(query.offset, query.offset + query.limit);
    },
    /** Assistants matching a search, newest first by default. */
    async search(query: AssistantQuery): Promise<AssistantView[]> {
      await log.catchUp();
      const key = query.sort_by ?? "created_at";
      const sorted = [...current.values()]
        .filter(
          (assistant) =>
            (query.graph_id === undefined || assistant.graph_id === query.graph_id) &&
            (query.name === undefined || assistant.name.toLowerCase().includes(query.name.toLowerCase())) &&
            (query.metadata === undefined || isContained(assistant.metadata, query.metadata)) &&
            matchesAuthFilters(assistant.metadata, query.authFilters),
        )
        .map((assistant, index) => ({ assistant, index }))
        .sort((a, b) => {
          const left = String(a.assistant[key]);
          const right = String(b.assistant[key]);
          return left < right ? -1 : left > right ? 1 : a.index - b.index;
        })
        .map(({ assistant }) => assistant);
      return query.sort_order === "asc" ? sorted : sorted.reverse();
    },
  };
}

/** What {@link createAssistantRegistry} returns. */
export type AssistantRegistry = ReturnType<typeof createAssistantRegistry>;

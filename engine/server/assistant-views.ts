import { systemAssistantIdOf } from "./system-assistant-id.js";

/** An assistant as the Agent Server shows it. */
export interface AssistantView {
  readonly assistant_id: string;
  readonly graph_id: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly name: string;
  readonly description: string | null;
  readonly version: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/**
 * The system assistant of every graph (one per graph id, `metadata.created_by = "system"`, the
 * uuid5 id the official server derives), and the lookup by assistant id or graph id that every
 * endpoint taking an `assistant_id` uses.
 */
export function createSystemAssistants(graphIds: readonly string[], createdAt: Date) {
  const at = createdAt.toISOString();
  const all: AssistantView[] = graphIds.map((graphId) => ({
    assistant_id: systemAssistantIdOf(graphId),
    graph_id: graphId,
    config: {},
    context: {},
    metadata: { created_by: "system" },
    name: graphId,
    description: null,
    version: 1,
    created_at: at,
    updated_at: at,
  }));
  return {
    all,
    /** The assistant an id names: its uuid, or its graph id. */
    find(idOrGraphId: string): AssistantView | undefined {
      return all.find((assistant) => assistant.assistant_id === idOrGraphId) ?? all.find((assistant) => assistant.graph_id === idOrGraphId);
    },
  };
}

/** What {@link createSystemAssistants} returns. */
export type SystemAssistants = ReturnType<typeof createSystemAssistants>;

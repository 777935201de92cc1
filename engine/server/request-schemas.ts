import { z } from "zod";

const record = z.record(z.string(), z.unknown());
const nodeList = z.union([z.literal("*"), z.array(z.string())]);
const streamModes = z.enum(["values", "updates", "custom", "debug", "messages", "messages-tuple", "events", "tasks", "checkpoints", "tools"]);

/** `POST /threads`. */
export const threadCreateSchema = z.object({
  thread_id: z.string().optional(),
  metadata: record.optional(),
  if_exists: z.enum(["raise", "do_nothing"]).default("raise"),
  graph_id: z.string().optional(),
});

/** `POST /threads/search` and `/threads/count`. */
export const threadSearchSchema = z.object({
  ids: z.array(z.string()).optional(),
  metadata: record.optional(),
  values: record.optional(),
  status: z.enum(["idle", "busy", "interrupted", "error"]).optional(),
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).default(0),
  sort_by: z.enum(["thread_id", "created_at", "updated_at"]).optional(),
  sort_order: z.enum(["asc", "desc"]).optional(),
  select: z.array(z.string()).optional(),
});

/** `PATCH /threads/{id}`. */
export const threadPatchSchema = z.object({ metadata: record.default({}) });

/** `POST /threads/{id}/state/checkpoint`. */
export const stateAtCheckpointSchema = z.object({
  checkpoint: z.object({ checkpoint_id: z.string().optional() }).loose().nullish(),
  subgraphs: z.boolean().optional(),
});

/** `POST /threads/{id}/state`. */
export const stateUpdateSchema = z.object({
  values: z.union([record, z.array(record), z.null()]).optional(),
  as_node: z.string().optional(),
  checkpoint_id: z.string().optional(),
  checkpoint: z.object({ checkpoint_id: z.string().optional() }).loose().optional(),
});

/** `POST /threads/{id}/history`. */
export const historySchema = z.object({
  limit: z.number().int().min(1).default(10),
  metadata: record.optional(),
  before: z.union([z.string(), z.object({ configurable: z.object({ checkpoint_id: z.string() }).loose() }).loose()]).optional(),
});

/**
 * A run-create body (`RunCreateStateful`), with the official server's defaults: `multitask_strategy`
 * `enqueue`, `if_not_exists` `reject`, `stream_mode` `["values"]`. Fields this round does not act on
 * (`webhook`, `after_seconds`, `feedback_keys`, `context`) are accepted and ignored
 * rather than refused, so SDK defaults never fail.
 */
export const runCreateSchema = z.object({
  assistant_id: z.string(),
  input: z.union([record, z.null()]).optional(),
  command: z
    .object({
      resume: z.unknown().optional(),
      update: z.union([record, z.array(z.tuple([z.string(), z.unknown()])), z.null()]).optional(),
      goto: z.union([z.string(), z.array(z.string()), z.null()]).optional(),
    })
    .nullable()
    .optional(),
  metadata: record.optional(),
  config: z
    .object({ tags: z.array(z.string()).optional(), recursion_limit: z.number().int().min(1).optional(), configurable: record.optional() })
    .loose()
    .optional(),
  context: z.unknown().optional(),
  checkpoint_id: z.string().optional(),
  checkpoint: z.object({ checkpoint_id: z.string().optional() }).loose().optional(),
  interrupt_before: nodeList.optional(),
  interrupt_after: nodeList.optional(),
  stream_mode: z.union([streamModes, z.array(streamModes)]).default(["values"]),
  stream_subgraphs: z.boolean().optional(),
  stream_resumable: z.boolean().optional(),
  multitask_strategy: z.enum(["reject", "rollback", "interrupt", "enqueue"]).default("enqueue"),
  if_not_exists: z.enum(["create", "reject"]).default("reject"),
  on_disconnect: z.enum(["cancel", "continue"]).optional(),
  on_completion: z.enum(["delete", "keep"]).optional(),
  after_seconds: z.number().optional(),
  webhook: z.string().optional(),
  durability: z.enum(["sync", "async", "exit"]).optional(),
  feedback_keys: z.array(z.string()).optional(),
});

/** A parsed run-create body. */
export type RunCreateBody = z.infer<typeof runCreateSchema>;

/** `POST /threads/{id}/runs/{run_id}/cancel`'s query: `wait` is `1`/`true` only (not any value, as in the JS dev server). */
export const cancelQuerySchema = z.object({
  wait: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((value) => value === "1" || value === "true"),
  action: z.enum(["interrupt", "rollback"]).default("interrupt"),
});

import { z } from "zod";

const record = z.record(z.string(), z.unknown());
const assistantConfig = z
  .object({ tags: z.array(z.string()).optional(), recursion_limit: z.number().int().optional(), configurable: record.optional() })
  .loose();

/** `POST /assistants`. */
export const assistantCreateSchema = z.object({
  assistant_id: z.string().optional(),
  graph_id: z.string(),
  config: assistantConfig.optional(),
  context: z.unknown().optional(),
  metadata: record.optional(),
  if_exists: z.enum(["raise", "do_nothing"]).default("raise"),
  name: z.string().optional(),
  description: z.string().nullish(),
});

/** `PATCH /assistants/{id}`: a new version with the fields given. */
export const assistantPatchSchema = z.object({
  graph_id: z.string().optional(),
  config: assistantConfig.optional(),
  context: z.unknown().optional(),
  metadata: record.optional(),
  name: z.string().optional(),
  description: z.string().nullish(),
});

/** `POST /assistants/search` and `/assistants/count`. */
export const assistantSearchSchema = z.object({
  graph_id: z.string().optional(),
  name: z.string().optional(),
  metadata: record.optional(),
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).default(0),
  sort_by: z.enum(["assistant_id", "graph_id", "name", "created_at", "updated_at"]).optional(),
  sort_order: z.enum(["asc", "desc"]).optional(),
  select: z.array(z.string()).optional(),
});

/** `POST /assistants/{id}/versions`. */
export const assistantVersionsSchema = z.object({
  metadata: record.optional(),
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).default(0),
});

/** `POST /assistants/{id}/latest`. */
export const assistantLatestSchema = z.object({ version: z.number().int() });

const namespace = z.array(z.string());

/** `PUT /store/items`. */
export const storePutSchema = z.object({
  namespace,
  key: z.string(),
  value: record,
  index: z.union([z.literal(false), z.array(z.string()), z.null()]).optional(),
  ttl: z.number().nullish(),
});

/** `DELETE /store/items`. */
export const storeDeleteSchema = z.object({ namespace: namespace.default([]), key: z.string() });

/** `GET /store/items` (query). */
export const storeGetSchema = z.object({
  namespace: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(".") : [])),
  key: z.string(),
  refresh_ttl: z.string().optional(),
});

/** `POST /store/items/search`. */
export const storeSearchSchema = z.object({
  namespace_prefix: namespace.default([]),
  filter: record.nullish(),
  limit: z.number().int().min(1).default(10),
  offset: z.number().int().min(0).default(0),
  query: z.string().nullish(),
  refresh_ttl: z.boolean().nullish(),
});

/** `POST /store/namespaces`. */
export const storeNamespacesSchema = z.object({
  prefix: namespace.nullish(),
  suffix: namespace.nullish(),
  max_depth: z.number().int().nullish(),
  limit: z.number().int().min(1).default(100),
  offset: z.number().int().min(0).default(0),
});

/** `POST /runs/cancel`: the runs of one thread, or every run with a status. */
export const bulkCancelSchema = z
  .object({
    thread_id: z.string().optional(),
    run_ids: z.array(z.string()).optional(),
    status: z.enum(["pending", "running", "all"]).optional(),
  })
  .refine((body) => (body.thread_id !== undefined && body.run_ids !== undefined) !== (body.status !== undefined), {
    message: "give either thread_id and run_ids, or status (pending, running or all)",
  });

import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { GraphModuleError } from "../cli/cli-errors.js";
import type { CorsOptions } from "./create-server-app.js";

const corsSchema = z.object({
  allow_origins: z.array(z.string()).optional(),
  allow_methods: z.array(z.string()).optional(),
  allow_headers: z.array(z.string()).optional(),
  allow_credentials: z.boolean().optional(),
  expose_headers: z.array(z.string()).optional(),
  max_age: z.number().optional(),
});

const configSchema = z.object({
  graphs: z.record(z.string(), z.string()),
  env: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  http: z.object({ cors: corsSchema.optional() }).loose().optional(),
  auth: z.object({ path: z.string().optional(), disable_studio_auth: z.boolean().optional() }).loose().optional(),
});

/** What `langgraph.json` says, resolved: graph modules by graph id, environment, HTTP options. */
export interface LangGraphConfig {
  /** `<absolute file>[:<export>]` by graph id. */
  readonly graphs: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly cors: CorsOptions | undefined;
  /** `auth.path`: the custom `Auth` module, `<absolute file>[:<export>]`. */
  readonly authPath: string | undefined;
}

/**
 * Reads a `langgraph.json` as LangGraph's CLI does: `graphs` (`"./file.js:export"`, relative to the
 * file), `env` (a `.env` file path or an object), `http.cors`, `auth.path` (a custom `Auth` module). Other keys (`dependencies`,
 * `node_version`, `dockerfile_lines`, ...) belong to image builds and are ignored.
 */
export function readLangGraphConfig(path: string): LangGraphConfig {
  if (!existsSync(path)) throw new GraphModuleError(path, "there is no langgraph.json there (pass --config <file>, or run in the folder that has it)");
  let parsed: z.infer<typeof configSchema>;
  try {
    parsed = configSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new GraphModuleError(path, `it is not a valid langgraph.json (${(error as Error).message.slice(0, 300)})`);
  }
  const folder = dirname(path);
  const graphs = Object.fromEntries(
    Object.entries(parsed.graphs).map(([id, entry]) => {
      const match = /^(.+?):([A-Za-z_$][\w$]*)$/.exec(entry);
      return [id, match ? `${resolve(folder, match[1]!)}:${match[2]}` : resolve(folder, entry)];
    }),
  );
  const env = typeof parsed.env === "string" ? parseDotEnv(readFileSync(resolve(folder, parsed.env), "utf8")) : (parsed.env ?? {});
  const authMatch = parsed.auth?.path !== undefined ? /^(.+?)(?::([A-Za-z_$][\w$]*))?$/.exec(parsed.auth.path) : null;
  const authPath = authMatch ? `${resolve(folder, authMatch[1]!)}${authMatch[2] ? `:${authMatch[2]}` : ""}` : undefined;
  return { graphs, env, cors: parsed.http?.cors as CorsOptions | undefined, authPath };
}

/** `KEY=value` lines (quotes stripped, `#` comments skipped), as a `.env` file holds them. */
export function parseDotEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][\w]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith("#")) continue;
    env[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return env;
}

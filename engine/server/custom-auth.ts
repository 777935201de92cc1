import { pathToFileURL } from "node:url";
import { AuthForbiddenError, AuthHandlerResultError, AuthModuleError, AuthRejectedError } from "../errors/resource-errors.js";
import type { AuthFilters } from "./metadata-filters.js";

/** The user `authenticate` returned, normalized as the Agent Server does. */
export interface AuthUser {
  readonly identity: string;
  readonly display_name: string;
  readonly is_authenticated: boolean;
  readonly permissions: readonly string[];
  readonly [key: string]: unknown;
}

/** Who a request comes from. */
export interface AuthContext {
  readonly user: AuthUser;
  readonly scopes: readonly string[];
}

/** An `Auth` of `@langchain/langgraph-sdk/auth`, as its handler cache holds it. */
interface AuthHandlerCache {
  authenticate?: (request: Request) => unknown;
  callbacks?: Record<string, (request: Record<string, unknown>) => unknown>;
}

/** Custom auth: who a request is from, and what each resource action lets them see. */
export interface CustomAuth {
  /** The caller, or throws {@link AuthRejectedError} (the handler's `HTTPException`, usually 401). */
  authenticate(request: Request): Promise<AuthContext | undefined>;
  /**
   * Runs the `on` handler for `event` (`"threads:create"`, ..., most specific first: `resource:action`,
   * `resource`, `*:action`, `*`) on `value`, which it may change (e.g. add an owner to
   * `value.metadata`). Returns its filters, undefined to allow all; throws {@link AuthForbiddenError}
   * when it returns false.
   */
  authorize(context: AuthContext | undefined, event: string, value: Record<string, unknown>): Promise<AuthFilters | undefined>;
}

const rejected = (error: unknown): never => {
  if (error !== null && typeof error === "object" && "status" in error && "headers" in error && typeof (error as { status: unknown }).status === "number") {
    const { status, message, headers } = error as { status: number; message?: string; headers: Record<string, string> };
    throw new AuthRejectedError(status, message || "Unauthorized", headers);
  }
  throw error;
};

/** Custom auth from an `Auth` instance (what `auth.path` in `langgraph.json` names). */
export function customAuthOf(auth: object, path = "the auth module"): CustomAuth {
  const cache = (auth as { "~handlerCache"?: AuthHandlerCache })["~handlerCache"];
  if (!cache) throw new AuthModuleError(path, "it is not an Auth instance (no handler cache)");
  return {
    async authenticate(request) {
      if (!cache.authenticate) return undefined;
      let response: unknown;
      try {
        response = await cache.authenticate(request);
      } catch (error) {
        rejected(error);
      }
      if (typeof response === "string") {
        return { scopes: [], user: { identity: response, display_name: response, is_authenticated: true, permissions: [] } };
      }
      if (response !== null && typeof response === "object" && typeof (response as { identity?: unknown }).identity === "string") {
        const given = response as { identity: string; permissions?: unknown; display_name?: string; is_authenticated?: boolean };
        const scopes = Array.isArray(given.permissions) ? (given.permissions as string[]) : [];
        return {
          scopes,
          user: { ...given, permissions: scopes, is_authenticated: given.is_authenticated ?? true, display_name: given.display_name ?? given.identity },
        };
      }
      throw new AuthHandlerResultError("authenticate", `${typeof response} without a string 'identity'`);
    },
    async authorize(context, event, value) {
      const [resource, action] = event.split(":") as [string, string];
      const key = [event, resource, `*:${action}`, "*"].find((candidate) => cache.callbacks?.[candidate]);
      const handler = key ? cache.callbacks?.[key] : undefined;
      if (!handler || !context) return undefined;
      let result: unknown;
      try {
        result = await handler({ event, resource, action, value, permissions: context.scopes, user: context.user });
      } catch (error) {
        rejected(error);
      }
      if (result === undefined || result === null || result === true) return undefined;
      if (result === false) throw new AuthForbiddenError(event);
      if (typeof result !== "object" || Array.isArray(result)) throw new AuthHandlerResultError(event, typeof result);
      return result as AuthFilters;
    },
  };
}

/** Loads a custom auth module: `<absolute file>[:<export>]` (the default export without `:name`), as read from `auth.path`. */
export async function loadCustomAuth(spec: string): Promise<CustomAuth> {
  const match = /^(.+?)(?::([A-Za-z_$][\w$]*))?$/.exec(spec)!;
  const exportName = match[2] ?? "default";
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(match[1]!).href)) as Record<string, unknown>;
  } catch (error) {
    throw new AuthModuleError(spec, `importing it failed (${(error as Error).message.slice(0, 300)})`);
  }
  const auth = module[exportName];
  if (auth === null || typeof auth !== "object")
    throw new AuthModuleError(spec, `it has no export '${exportName}' (its exports: ${Object.keys(module).join(", ") || "none"})`);
  return customAuthOf(auth, spec);
}

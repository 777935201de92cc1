import type { Context } from "hono";
import type { AuthContext, CustomAuth } from "./custom-auth.js";
import type { AuthFilters } from "./metadata-filters.js";

const contexts = new WeakMap<Request, AuthContext>();

/** Authorization as the routes ask it: the filters the caller's `on` handler gives for an event on a value. */
export interface RequestAuthorizer {
  /** Whether custom auth is configured. */
  readonly enabled: boolean;
  /** Authenticates the request (once) and remembers who sent it. */
  authenticate(c: Context): Promise<void>;
  /** See {@link CustomAuth.authorize}; undefined (allow all) when no custom auth is configured. */
  authorize(c: Context, event: string, value: Record<string, unknown>): Promise<AuthFilters | undefined>;
}

/** The authorizer of a server: `auth` from `langgraph.json`, or none (everything allowed). */
export function createRequestAuthorizer(auth: CustomAuth | undefined): RequestAuthorizer {
  return {
    enabled: auth !== undefined,
    async authenticate(c) {
      if (!auth || contexts.has(c.req.raw)) return;
      const context = await auth.authenticate(c.req.raw);
      if (context) contexts.set(c.req.raw, context);
    },
    authorize: (c, event, value) => (auth ? auth.authorize(contexts.get(c.req.raw), event, value) : Promise.resolve(undefined)),
  };
}

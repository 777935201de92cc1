import { Auth, HTTPException } from "@langchain/langgraph-sdk/auth";

// The custom auth both servers load in the two-user tests (langgraph.json `auth.path`), in the
// shape of LangGraph's docs: a bearer token names the user; every resource gets the caller as
// `owner` and is filtered by it; store namespaces start with the user's identity.

const users: Record<string, string> = { "alice-token": "alice", "bob-token": "bob" };

export const auth = new Auth()
  .authenticate(async (request: Request) => {
    const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
    const identity = token === undefined ? undefined : users[token];
    if (!identity) throw new HTTPException(401, { message: "Invalid or missing token" });
    return { identity, permissions: [] };
  })
  .on("store", ({ user, value }) => {
    const namespace = (value as { namespace?: string[] }).namespace;
    if (namespace && namespace.length > 0 && namespace[0] !== user.identity) throw new HTTPException(403, { message: "Not your namespace" });
  })
  .on("*", ({ value, user }) => {
    if (value !== null && typeof value === "object" && "metadata" in value) {
      const withMetadata = value as { metadata?: Record<string, unknown> | null };
      withMetadata.metadata = { ...withMetadata.metadata, owner: user.identity };
    }
    return { owner: user.identity };
  });

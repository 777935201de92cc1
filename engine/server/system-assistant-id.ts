import { createHash } from "node:crypto";

// RFC 4122's URL namespace: the one LangGraph's servers derive system assistant ids from.
const urlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
const langGraphNamespace = "6ba7b821-9dad-11d1-80b4-00c04fd430c8";

/**
 * The id LangGraph's Agent Server gives a graph's system assistant: a UUID v5 of the graph id in
 * the namespace `6ba7b821-9dad-11d1-80b4-00c04fd430c8`, so clients that hard-code one keep working.
 *
 * @example
 * systemAssistantIdOf("slow"); // "cad1b5ad-d177-59d1-ab39-5e327188ed3a"
 */
export function systemAssistantIdOf(graphId: string): string {
  return uuid5(graphId, langGraphNamespace);
}

/** A UUID v5 (SHA-1, name-based) of `name` in `namespace`. */
export function uuid5(name: string, namespace: string = urlNamespace): string {
  const bytes = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

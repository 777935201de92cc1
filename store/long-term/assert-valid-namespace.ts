import { InvalidNamespaceError } from "./invalid-namespace-error.js";

/** What a namespace may be, by operation (LangGraph's rules). */
export interface NamespaceRules {
  /** `search([])` and `listNamespaces({ prefix: [] })` mean "everything"; a put needs a namespace. */
  readonly allowEmpty: boolean;
  /** Only `put()` refuses the root label "langgraph" (reserved by LangGraph's platform); reads accept it. */
  readonly allowReservedRoot: boolean;
}

/**
 * Throws {@link InvalidNamespaceError} unless `namespace` is an array of labels a store can keep:
 * strings, not empty, without '.', ':' (the stores' separators) or NUL.
 */
export function assertValidNamespace(namespace: unknown, rules: NamespaceRules): asserts namespace is string[] {
  if (!Array.isArray(namespace)) throw new InvalidNamespaceError(namespace, `it is a ${typeof namespace}, not an array of labels`);
  if (namespace.length === 0) {
    if (rules.allowEmpty) return;
    throw new InvalidNamespaceError(namespace, "it is empty");
  }
  for (const label of namespace as unknown[]) {
    if (typeof label !== "string") throw new InvalidNamespaceError(namespace, `label ${String(label)} is a ${typeof label}, not a string`);
    if (label === "") throw new InvalidNamespaceError(namespace, "a label is the empty string");
    if (label.includes(".")) throw new InvalidNamespaceError(namespace, `label '${label}' contains a period ('.')`);
    if (label.includes(":")) throw new InvalidNamespaceError(namespace, `label '${label}' contains a colon (':')`);
    if (label.includes("\u0000")) throw new InvalidNamespaceError(namespace, "a label contains a NUL character");
  }
  if (namespace[0] === "langgraph" && !rules.allowReservedRoot) {
    throw new InvalidNamespaceError(namespace, `the root label "langgraph" is reserved; start the namespace with another label`);
  }
}

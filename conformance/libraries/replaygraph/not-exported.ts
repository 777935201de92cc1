import { NotExportedError } from "./not-exported-error.js";

/**
 * A stand-in for a name replaygraph does not export: it can be imported, and even extended by a
 * class at module load (the upstream helpers do `class X extends InMemoryCache`), but calling it,
 * constructing it, reading a property or turning it into a string or key throws
 * {@link NotExportedError}. So a missing name costs only the cases that use it.
 */
export function notExported(exportName: string): unknown {
  const fail = (): never => {
    throw new NotExportedError(exportName);
  };
  // A real class as the target, so `extends` finds a prototype object.
  const target = class NotExported {};
  return new Proxy(target, {
    apply: fail,
    construct: fail,
    get(standIn, property) {
      if (property === "prototype") return standIn.prototype;
      // vitest's module runner and pretty-format may ask what it is without using it.
      if (property === Symbol.toStringTag) return `NotExported(${exportName})`;
      if (property === "then") return undefined;
      return fail();
    },
    has: fail,
    set: fail,
  });
}

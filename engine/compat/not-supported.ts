import { NotSupportedError } from "../errors/not-supported-error.js";

/**
 * What an unsupported LangGraph export is here: a value that imports fine and throws
 * {@link NotSupportedError} when called, constructed or read from. Typed loosely, so a program
 * written against LangGraph still compiles; it fails where it uses the name, saying what to do.
 */
export type NotSupported = any;

// Reads that modules, test runners and `class X extends Stub {}` make without using the name.
const harmlessKeys = new Set<PropertyKey>(["name", "length", "prototype", "then", "toJSON", "constructor", "$$typeof", "asymmetricMatch", "nodeType"]);

/** A stand-in for LangGraph's `feature` that throws {@link NotSupportedError} (with `instead`) when used. */
export function notSupported(feature: string, instead: string): NotSupported {
  const fail = (): never => {
    throw new NotSupportedError(feature, instead);
  };
  const target = function notSupportedYet(): never {
    return fail();
  };
  Object.defineProperty(target, "name", { value: feature });
  return new Proxy(target, {
    apply: fail,
    construct: fail,
    get: (stub, key) => (typeof key === "symbol" || harmlessKeys.has(key) ? Reflect.get(stub, key) : fail()),
    set: fail,
  });
}

import type { ErrorCategory } from "./error-category.js";
import { errorClassOf } from "./error-taxonomy.js";

/** Marks replaygraph's errors across copies of the package (a graph module may bring its own). */
const brand = Symbol.for("replaygraph.error");

/**
 * The base of every error replaygraph throws on purpose, store errors included. Each subclass has
 * a stable `code` to branch on, a {@link category} and a {@link retryable} flag (one table:
 * error-taxonomy.ts), structured fields, and a message that says what to do about it.
 *
 * `instanceof` works across two copies of replaygraph (the CLI loads users' modules, which may
 * bring their own): an error of the other copy is an instance of the class of the same name.
 *
 * @example
 * try { await graph.invoke(new Command({ resume: "yes" }), config); }
 * catch (error) { if (error instanceof ReplayGraphError && error.retryable) retryLater(); else throw error; }
 */
export abstract class ReplayGraphError extends Error {
  /** A stable, machine-readable name for the error kind, e.g. `"AMBIGUOUS_RESUME"`. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** What kind of failure this is: `bad_input`, `not_found`, `conflict`, `unavailable` or `internal`. */
  get category(): ErrorCategory {
    return errorClassOf(this.code).category;
  }

  /** Whether making the same call again (after a re-read, a wait or a reconnect) may succeed. */
  get retryable(): boolean {
    return errorClassOf(this.code).retryable;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== "object" || value === null || !(brand in value)) return false;
    // Another copy of the package: the same class is the one of the same name in the value's chain.
    for (let proto: object | null = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
      if (Object.hasOwn(proto, "constructor") && (proto as { constructor: { name?: unknown } }).constructor.name === this.name) return true;
    }
    return false;
  }
}

Object.defineProperty(ReplayGraphError.prototype, brand, { value: true });

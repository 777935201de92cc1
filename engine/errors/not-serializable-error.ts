import { ReplayGraphError } from "./replaygraph-error.js";

/** A value that would not survive being stored (a function, a symbol, an unregistered class instance). */
export class NotSerializableError extends ReplayGraphError {
  readonly code = "NOT_SERIALIZABLE";
  /** Where the value sits, e.g. `interrupt payload .draft.onSend`. */
  readonly path: string;

  constructor(where: string, path: string, what: string) {
    super(
      `${where} ${path || "(the value itself)"} is ${what}, which cannot be stored. Values in a thread must survive ` +
        `a superjson round trip: plain objects, arrays, strings, numbers, booleans, null, Date, Map, Set, BigInt, and serializable LangChain objects (messages, documents, prompt values). ` +
        `Store data, not behaviour (pass an id instead of a function, a plain object instead of a class instance).`,
    );
    this.path = `${where} ${path}`.trim();
  }
}

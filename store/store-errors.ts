import { ReplayGraphError } from "../engine/errors/replaygraph-error.js";
import type { ExpectedRevision } from "./event-store.js";

/**
 * An append named a revision the stream is not at: another writer appended first.
 * Nothing of the refused append was stored. Reload the stream and decide again.
 */
export class ExpectedRevisionConflictError extends ReplayGraphError {
  override readonly name = "ExpectedRevisionConflictError";
  readonly code = "EXPECTED_REVISION_CONFLICT";
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  /** The stream's revision when the append was refused (-1: no stream). */
  readonly actualRevision: number;

  constructor(stream: string, expectedRevision: ExpectedRevision, actualRevision: number) {
    super(
      `Append to stream '${stream}' expected revision ${String(expectedRevision)} but the stream is at ` +
        `${actualRevision === -1 ? "no_stream" : actualRevision}: another writer appended first. ` +
        `Read the stream again and retry from its current revision.`,
    );
    this.stream = stream;
    this.expectedRevision = expectedRevision;
    this.actualRevision = actualRevision;
  }
}

/**
 * The store could not be reached or failed for a reason that may pass (a lost connection, a busy
 * database). The operation may be retried; an append that failed this way may or may not have
 * been stored, so retry it with the same event ids and expected revision.
 */
export class StoreUnavailableError extends ReplayGraphError {
  override readonly name = "StoreUnavailableError";
  readonly code = "STORE_UNAVAILABLE";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An append or event is larger than the store accepts. Nothing was stored. */
export class EventTooLargeError extends ReplayGraphError {
  override readonly name = "EventTooLargeError";
  readonly code = "EVENT_TOO_LARGE";
  readonly stream: string;
  readonly size: number;
  readonly limit: number;

  constructor(stream: string, size: number, limit: number, what = "append") {
    super(
      `The ${what} to stream '${stream}' is ${size} bytes, over the store's limit of ${limit} bytes. ` +
        `Keep large payloads outside the thread (store a reference to them) or raise the limit.`,
    );
    this.stream = stream;
    this.size = size;
    this.limit = limit;
  }
}

/** A stored event could not be read back (corrupt bytes, an unknown encoding). */
export class CorruptEventError extends ReplayGraphError {
  override readonly name = "CorruptEventError";
  readonly code = "CORRUPT_EVENT";
  readonly stream: string;
  readonly revision: number;

  constructor(stream: string, revision: number, detail: string, options?: { cause?: unknown }) {
    super(
      `Event ${revision} of stream '${stream}' cannot be read: ${detail}. The store holds data this ` +
        `version cannot parse; restore the stream from a backup or an export.`,
      options,
    );
    this.stream = stream;
    this.revision = revision;
  }
}

/** Stored data holds LangChain objects (messages, documents) and `@langchain/core` is not installed. */
export class LangChainCoreMissingError extends ReplayGraphError {
  override readonly name = "LangChainCoreMissingError";
  readonly code = "LANGCHAIN_CORE_MISSING";

  constructor(options?: { cause?: unknown }) {
    super(
      `These events hold LangChain objects (messages, documents, prompt values), and reading them back needs ` +
        `@langchain/core, which is not installed. Install it beside replaygraph: npm install @langchain/core`,
      options,
    );
  }
}

/** A stored LangChain object names a class that `@langchain/core` does not have, or is not in LangChain's constructor form. */
export class UnreadableLangChainValueError extends ReplayGraphError {
  override readonly name = "UnreadableLangChainValueError";
  readonly code = "UNREADABLE_LANGCHAIN_VALUE";
  /** Where the object sits in the stored value, e.g. `$.kwargs.messages.0`. */
  readonly path: string;

  constructor(path: string, detail: string) {
    super(
      `The LangChain object stored at ${path} cannot be rebuilt: ${detail}. Only classes of @langchain/core are read back; ` +
        `install the @langchain/core version that wrote the data, or store that value as plain data.`,
    );
    this.path = path;
  }
}

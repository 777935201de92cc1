import { ReplayGraphError } from "../errors/replaygraph-error.js";

/** A JSON Schema given to narrow fuzzed answers that cannot be turned into generated values. */
export class InvalidAnswerSchemaError extends ReplayGraphError {
  readonly code = "INVALID_ANSWER_SCHEMA";

  constructor(where: string, why: string) {
    super(
      `The answers' JSON Schema cannot be used: at ${where}, ${why}. Describe answers with type, enum, const, anyOf/oneOf, properties/required, items and min/max bounds, or export a fast-check arbitrary named 'answers' instead.`,
    );
  }
}

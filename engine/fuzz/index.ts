/**
 * replaygraph/testing: fuzz your own graphs against the replay rules. Needs fast-check (an
 * optional peer dependency of replaygraph): `npm install --save-dev fast-check`.
 */
export { fuzzGraph, type FuzzOptions, type FuzzReport } from "./fuzz-graph.js";
export { formatFuzzReport } from "./format-fuzz-report.js";
export type { FuzzViolation } from "./play-fuzz-case.js";
export { inputFromSchema, anyAnswer } from "./input-from-schema.js";
export { arbitraryFromJsonSchema, type JsonSchema } from "./arbitrary-from-json-schema.js";
export { InvalidAnswerSchemaError } from "./invalid-answer-schema-error.js";

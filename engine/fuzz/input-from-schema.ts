import { fc, type Arbitrary } from "./fast-check.js";
import type { GraphSpec } from "../graph/graph-spec.js";

/**
 * Inputs for a graph, derived from its state schema: every channel that has a default gets values
 * shaped like that default (a string for a string, an array of like elements for an array, and so
 * on); channels without a default are left out, since nothing says what they hold. Pass
 * `fuzzGraph(graph, { input })` to generate exactly what your nodes expect. For a zod state, an
 * input its schema refuses is replaced by `{}`.
 */
export function inputFromSchema(graph: GraphSpec): Arbitrary<Record<string, unknown>> {
  const fields: Record<string, Arbitrary<unknown>> = {};
  for (const [name, channel] of graph.channels) {
    if (!channel.default) continue;
    fields[name] = shapedLike(channel.default());
  }
  const inputs = fc.record(fields, { requiredKeys: [] });
  const validation = graph.validation;
  if (!validation) return inputs;
  // A zod state refuses what its schema does not parse (a run that never starts tests nothing): such an input becomes the empty one.
  return inputs.map((input) => (parses(() => validation.input(input)) ? input : {}));
}

function parses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

function shapedLike(example: unknown): Arbitrary<unknown> {
  switch (typeof example) {
    case "string":
      return fc.string({ maxLength: 8 });
    case "number":
      return Number.isInteger(example) ? fc.integer({ min: -100, max: 100 }) : fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "object":
      if (example === null) return fc.constant(null);
      if (Array.isArray(example)) return fc.array(example.length > 0 ? shapedLike(example[0]) : fc.string({ maxLength: 8 }), { maxLength: 3 });
      if (Object.getPrototypeOf(example) === Object.prototype) {
        const entries = Object.entries(example as Record<string, unknown>);
        return entries.length > 0
          ? fc.record(Object.fromEntries(entries.map(([key, value]) => [key, shapedLike(value)])))
          : fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      }
      return fc.constant(example);
    default:
      return fc.constant(example);
  }
}

/** Answers of any JSON type (SEMANTICS rule 8), the falsy ones and empty containers favoured. */
export const anyAnswer: Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<unknown>(true, false, 0, 1, "", "yes", null, [], {}) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

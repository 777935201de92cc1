import { InvalidInputError } from "../errors/run-errors.js";
import { InvalidResumeError } from "../errors/resume-errors.js";
import { UnknownNodeError } from "../errors/graph-errors.js";
import { isCommand, recordedCommandOf, revivedCommandOf, type Command } from "../graph/command.js";
import { END } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { isSend } from "../graph/send.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { assertPayloadSize } from "../serialization/assert-payload-size.js";
import { recordedWritesOf } from "../graph/overwrite.js";
import { assertKnownChannels } from "../thread/apply-writes.js";
import { commandUpdateWrites, isUpdatePairs } from "./normalize-node-result.js";
import { prepareWrites } from "../graph/prepare-writes.js";
import type { SendPacket, Writes } from "../thread/events.js";
import { isInterruptId } from "../thread/ids.js";
import type { RunStart } from "./run-thread.js";

/**
 * Checks an `invoke()` input and turns it into how the run starts: `null` continues, a Command
 * resumes / updates / routes, an object is new input. Throws a named error, before anything is
 * written, for input the graph cannot take. Writes are prepared for recording (see
 * prepareWrites) with ids derived from `runId`.
 */
export function parseRunInput(graph: GraphSpec, input: unknown, runId: string): RunStart["input"] {
  if (input === null || input === undefined) return { kind: "continue" };
  // A Command in its JSON form (another process, LangGraph's toJSON) is read as one.
  if (isCommand(input)) return parseCommand(graph, revivedCommandOf(input) as Command, runId);
  if (typeof input !== "object" || Array.isArray(input) || Object.getPrototypeOf(input) !== Object.prototype) {
    throw new InvalidInputError(
      `invoke() takes an object of state values, a Command, or null (to continue); got ${Array.isArray(input) ? "an array" : typeof input}.`,
    );
  }
  // A zod state parses the input first (refusing it with the schema's error), as LangGraph does.
  const parsed = graph.validation ? graph.validation.update(graph.validation.input(input as Writes)) : input;
  const given = recordedWritesOf(parsed as Writes);
  assertKnownChannels(graph, given, "The input");
  const values = prepareWrites(graph, graph.inputKeys ? inputSchemaValuesOf(given, graph.inputKeys) : given, `${runId}/input`);
  assertSerializable(values, "input");
  assertPayloadSize(values, "input", graph.limits.maxPayloadBytes);
  return { kind: "input", values };
}

function parseCommand(graph: GraphSpec, command: Command, runId: string): RunStart["input"] {
  if (command.hasResume && command.resume === undefined) {
    throw new InvalidResumeError(
      `Command({ resume: undefined }) is not an answer; nothing was written. Any JSON value is one, null, false, 0 and "" included: ` +
        `pass new Command({ resume: null }) if you mean "no value".`,
    );
  }
  if (!command.hasResume && command.update === undefined && command.goto.length === 0) {
    throw new InvalidInputError(`Received an empty Command; give it resume, update or goto.`);
  }
  let update: Writes | undefined;
  if (command.update !== undefined) {
    const value = command.update as unknown;
    if (!isUpdatePairs(value) && (typeof value !== "object" || value === null || Array.isArray(value))) {
      throw new InvalidInputError(
        `Command({ update }) takes an object of state values or a list of [key, value] pairs; got ${Array.isArray(value) ? "an array" : typeof value}.`,
      );
    }
    const parse = (writes: Writes): Writes => recordedWritesOf(graph.validation ? graph.validation.update(graph.validation.commandUpdate(writes)) : writes);
    // LangGraph's list form, [[key, value], ...]: each pair parsed as an update, a key given twice written twice, in order.
    const given = isUpdatePairs(value)
      ? commandUpdateWrites(
          "Command({ update })",
          value.map(([key, write]) => [key, parse({ [key]: write })[key]]),
        )
      : parse(value as Writes);
    assertKnownChannels(graph, given, "Command({ update })");
    update = prepareWrites(graph, given, `${runId}/update`);
    assertSerializable(update, "Command update");
    assertPayloadSize(update, "Command update", graph.limits.maxPayloadBytes);
  }
  const goto: (string | SendPacket)[] = command.goto.map((target) => {
    if (isSend(target)) {
      if (!graph.nodes.has(target.node)) throw new UnknownNodeError(target.node, "A Send in Command({ goto })", [...graph.nodes.keys()]);
      const args = isCommand(target.args) ? recordedCommandOf(target.args) : target.args;
      assertSerializable(args, `Send args to node '${target.node}'`);
      assertPayloadSize(args, `Send args to node '${target.node}'`, graph.limits.maxPayloadBytes);
      return { node: target.node, args };
    }
    if (target !== END && !graph.nodes.has(target)) throw new UnknownNodeError(target, "Command({ goto })", [...graph.nodes.keys()]);
    return target;
  });
  const base = { kind: "command" as const, ...(update ? { update } : {}), ...(goto.length ? { goto } : {}) };
  if (!command.hasResume) return base;
  assertSerializable(command.resume, "resume value");
  assertPayloadSize(command.resume, "resume value", graph.limits.maxPayloadBytes);
  const resume = command.resume;
  if (isResumeMap(resume)) return { ...base, resume: { kind: "map", answers: resume } };
  return { ...base, resume: { kind: "value", value: resume } };
}

/** A resume map: a plain object with at least one key, every key shaped like an interrupt id. */
function isResumeMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every(isInterruptId);
}

/** The keys of an input the graph's input schema takes; LangGraph drops the other state keys. */
function inputSchemaValuesOf(values: Writes, keys: readonly string[]): Writes {
  const taken: Record<string, unknown> = {};
  for (const key in values) if (keys.includes(key)) taken[key] = values[key];
  return taken;
}

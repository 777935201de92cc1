import type { ChannelSpec } from "../graph/annotation.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { InvalidUpdateError } from "../errors/run-errors.js";
import type { Writes } from "./events.js";

/** The channel values of a thread that has never been written: each channel's default. */
export function initialValues(graph: GraphSpec): Writes {
  const values: Record<string, unknown> = {};
  for (const [name, channel] of graph.channels) if (channel.default) values[name] = channel.default();
  return values;
}

/**
 * Applies a batch of writes, in order, to channel values: last-value channels take the value
 * (two writes in one batch are an error), reducer channels fold each write in. Returns new values;
 * the input is not changed.
 *
 * @throws {InvalidUpdateError} a write to an unknown channel, or two writes to a last-value channel.
 */
export function applyWrites(graph: GraphSpec, values: Writes, batch: readonly Writes[]): Writes {
  if (batch.length === 0) return values;
  const next: Record<string, unknown> = { ...values };
  const written = batch.length > 1 ? new Set<string>() : undefined;
  for (const writes of batch) {
    for (const key in writes) {
      const channel = graph.channels.get(key);
      if (channel === undefined) throw unknownChannel(graph, key);
      next[key] = reduce(channel, key, next, writes[key], written);
    }
  }
  return next;
}

function reduce(channel: ChannelSpec, key: string, current: Record<string, unknown>, update: unknown, written: Set<string> | undefined): unknown {
  if (channel.reducer) {
    const base = key in current ? current[key] : channel.default?.();
    return channel.reducer(base, update);
  }
  if (written) {
    if (written.has(key)) {
      throw new InvalidUpdateError(
        `State key '${key}' received more than one value in one step, but it keeps only the last value. ` +
          `Give it a reducer to combine values, e.g. Annotation<T[]>({ reducer: (a, b) => a.concat(b), default: () => [] }).`,
      );
    }
    written.add(key);
  }
  return update;
}

/** Throws {@link InvalidUpdateError} unless every key of `writes` is a channel. */
export function assertKnownChannels(graph: GraphSpec, writes: Writes, who: string): void {
  for (const key in writes) if (!graph.channels.has(key)) throw unknownChannel(graph, key, who);
}

function unknownChannel(graph: GraphSpec, key: string, who = "An update"): InvalidUpdateError {
  return new InvalidUpdateError(
    `${who} writes state key '${key}', which the state does not have. State keys: ${[...graph.channels.keys()].map((k) => `'${k}'`).join(", ") || "(none)"}. ` +
      `Add '${key}' to the state's Annotation.Root, or stop writing it.`,
  );
}

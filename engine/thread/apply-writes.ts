import type { ChannelSpec } from "../graph/annotation.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { isMultipleWrites, writesInOrderOf } from "../graph/multiple-writes.js";
import { isOverwrite, overwrittenValueOf } from "../graph/overwrite.js";
import { InvalidUpdateError } from "../errors/run-errors.js";
import type { Writes } from "./events.js";

/** The channel values of a thread that has never been written: each channel's default. */
export function initialValues(graph: GraphSpec): Writes {
  const values: Record<string, unknown> = {};
  for (const [name, channel] of graph.channels) if (channel.default) values[name] = channel.default();
  return values;
}

/**
 * Applies a batch of writes (one entry per task, in task order) to channel values, LangGraph's
 * way: a last-value channel takes its one write (two in one batch are an error); a reducer
 * channel with no value yet takes its first write as it is, then folds the others in; an
 * `Overwrite` replaces a reducer channel's value and the writes after it in the batch are ignored.
 * A task's several writes to one channel (`{ __writes__: [...] }`) count as that many writes, in order.
 * Returns new values; the input is not changed. Pure: replay folds the same writes the same way.
 * With `firstWriteReduced` (threads created by 0.1.0) the reducer folds a first write into `undefined`.
 *
 * @throws {InvalidUpdateError} a write to an unknown channel, two writes to a last-value channel
 *   (`lc_error_code` INVALID_CONCURRENT_GRAPH_UPDATE), or two overwrites of one channel.
 */
export function applyWrites(graph: GraphSpec, values: Writes, batch: readonly Writes[], firstWriteReduced = false): Writes {
  if (batch.length === 0) return values;
  const next: Record<string, unknown> = { ...values };
  if (batch.length === 1) {
    // One task (a linear step, an input, an update): one write per channel, the common case.
    const writes = batch[0]!;
    for (const key in writes) {
      const value = writes[key];
      next[key] = isMultipleWrites(value)
        ? fold(channelOf(graph, key), key, next, writesInOrderOf(value), firstWriteReduced)
        : foldOne(channelOf(graph, key), key, next, value, firstWriteReduced);
    }
    return next;
  }
  const byChannel = new Map<string, unknown[]>();
  for (const writes of batch) {
    for (const key in writes) {
      const updates = byChannel.get(key);
      if (updates) updates.push(...writesInOrderOf(writes[key]));
      else byChannel.set(key, [...writesInOrderOf(writes[key])]);
    }
  }
  for (const [key, updates] of byChannel) next[key] = fold(channelOf(graph, key), key, next, updates, firstWriteReduced);
  return next;
}

function channelOf(graph: GraphSpec, key: string): ChannelSpec {
  const channel = graph.channels.get(key);
  if (channel === undefined) throw unknownChannel(graph, key);
  return channel;
}

/** A channel's value after its one write of a batch (no array for the common case). */
function foldOne(channel: ChannelSpec, key: string, current: Record<string, unknown>, update: unknown, firstWriteReduced: boolean): unknown {
  const reducer = channel.reducer;
  if (!reducer) return update;
  const value = key in current ? current[key] : channel.default?.();
  if (isOverwrite(update)) return overwrittenValueOf(update);
  if (value === undefined && !firstWriteReduced) return update;
  return reducer(value, update);
}

/** A channel's value after one step's writes to it, in order. */
function fold(channel: ChannelSpec, key: string, current: Record<string, unknown>, updates: readonly unknown[], firstWriteReduced: boolean): unknown {
  const reducer = channel.reducer;
  if (!reducer) {
    if (updates.length > 1) {
      throw new InvalidUpdateError(
        `State key '${key}' received ${updates.length} values in one step, but it keeps only the last value. ` +
          `Give it a reducer to combine values, e.g. Annotation<T[]>({ reducer: (a, b) => a.concat(b), default: () => [] }).`,
        { lc_error_code: "INVALID_CONCURRENT_GRAPH_UPDATE" },
      );
    }
    return updates[0];
  }
  let value = key in current ? current[key] : channel.default?.();
  let index = 0;
  if (value === undefined && !firstWriteReduced) {
    // No value yet (no default): the first write is the value, as it is.
    const first = updates[0];
    value = isOverwrite(first) ? overwrittenValueOf(first) : first;
    index = 1;
  }
  let overwritten = false;
  for (; index < updates.length; index++) {
    const update = updates[index];
    if (isOverwrite(update)) {
      if (overwritten) {
        throw new InvalidUpdateError(
          `State key '${key}' received more than one Overwrite in one step. Only one task per step may replace its value: ` +
            `return new Overwrite(value) from one node, or combine the values before you overwrite.`,
        );
      }
      value = overwrittenValueOf(update);
      overwritten = true;
    } else if (!overwritten && (value !== undefined || firstWriteReduced)) value = reducer(value, update);
  }
  return value;
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

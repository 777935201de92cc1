import type { Writes } from "../thread/events.js";
import { writeIdOf } from "../thread/ids.js";
import type { GraphSpec } from "./graph-spec.js";
import { isMultipleWrites, MULTIPLE_WRITES, writesInOrderOf } from "./multiple-writes.js";
import { writePreparerOf, type WritePreparer } from "./write-preparer.js";

const preparersByGraph = new WeakMap<GraphSpec, ReadonlyMap<string, WritePreparer>>();

/** The channels of `graph` whose writes are prepared, and how. */
function preparersOf(graph: GraphSpec): ReadonlyMap<string, WritePreparer> {
  let preparers = preparersByGraph.get(graph);
  if (preparers === undefined) {
    const found = new Map<string, WritePreparer>();
    for (const [name, channel] of graph.channels) {
      const prepare = channel.prepareWrite ?? writePreparerOf(channel.reducer);
      if (prepare) found.set(name, prepare as WritePreparer);
    }
    preparers = found;
    preparersByGraph.set(graph, preparers);
  }
  return preparers;
}

/**
 * `writes` as they are to be recorded: each write to a channel with a preparer (see
 * {@link WritePreparer}) goes through it, with ids derived from `scope` (what records the write: a
 * task id, `<run id>/input`) and the write's channel. The same object when no channel needs it.
 */
export function prepareWrites(graph: GraphSpec, writes: Writes, scope: string): Writes {
  const preparers = preparersOf(graph);
  if (preparers.size === 0) return writes;
  let prepared: Record<string, unknown> | undefined;
  for (const key in writes) {
    const prepare = preparers.get(key);
    if (prepare === undefined) continue;
    let index = 0;
    prepared ??= { ...writes };
    const newId = () => writeIdOf(scope, key, index++);
    const value = writes[key];
    prepared[key] = isMultipleWrites(value) ? { [MULTIPLE_WRITES]: writesInOrderOf(value).map((each) => prepare(each, { newId })) } : prepare(value, { newId });
  }
  return prepared ?? writes;
}

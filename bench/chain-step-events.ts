import { MemoryEventStore, type EventStore, type NewEvent } from "replaygraph";
import { replaygraphEngine } from "./replaygraph-engine.js";
import { chainGraph } from "./graph-shapes.js";

/**
 * The events replaygraph appends for one superstep of the chain benchmark (StepStarted,
 * TaskSucceeded, StepCommitted, as one append), captured from a real run by a store that records
 * what the engine appends: the payload of the raw-append benchmark.
 *
 * @throws {Error} when no append of the run is a middle chain step (the engine's events changed).
 */
export async function captureChainStepEvents(nodes: number): Promise<readonly NewEvent[]> {
  const appends: (readonly NewEvent[])[] = [];
  const inner = new MemoryEventStore();
  const recording: EventStore = {
    appendToStream: (stream, events, options) => {
      appends.push(events);
      return inner.appendToStream(stream, events, options);
    },
    readStream: (stream, options) => inner.readStream(stream, options),
    listStreams: (options) => inner.listStreams(options),
    close: () => inner.close(),
  };
  await chainGraph(replaygraphEngine.kit, recording, nodes).invoke({ items: [] }, { configurable: { thread_id: "capture" } });
  const middle = `n${Math.floor(nodes / 2)}`;
  const step = appends.find((events) => events.some((event) => event.type === "TaskSucceeded" && JSON.stringify(event.data).includes(`"${middle}"`)));
  if (step === undefined) throw new Error(`no append of the chain run holds node ${middle}'s TaskSucceeded; the engine's events changed.`);
  return step;
}

import { Annotation, END, START, StateGraph, type CompiledStateGraph, type EventStore } from "replaygraph";

/**
 * Seed 000 (LangGraph Platform's "interrupt a revision"): a run is "stuck" in progress, and the
 * platform calls interrupting it "undefined behaviour". Here it is defined: the stuck node ignores
 * its AbortSignal and finishes late; the run is cancelled anyway, a new run proceeds at once, and
 * the late write never reaches the thread.
 */
export const JobState = Annotation.Root({
  log: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
  job: Annotation<string>(),
});

/** Lets a test release the stuck node (it ignores cancellation on purpose). */
export interface StuckSwitch {
  release(): void;
  /** Resolves when the stuck node has returned its (late) update. */
  readonly returned: Promise<void>;
}

/** Builds the graph: `prepare`, then `work`, which hangs on the job named "stuck" until released. */
export function buildJobGraph(store: EventStore, stuck: StuckSwitch & { wait: Promise<void>; markReturned(): void }): CompiledStateGraph<typeof JobState.spec> {
  return new StateGraph(JobState)
    .addNode("prepare", (state) => ({ log: [`${state.job}:prepare`] }))
    .addNode("work", async (state) => {
      if (state.job === "stuck") {
        await stuck.wait; // deliberately deaf to config.signal
        stuck.markReturned();
        return { log: ["stuck:late write"] };
      }
      return { log: [`${state.job}:work`] };
    })
    .addEdge(START, "prepare")
    .addEdge("prepare", "work")
    .addEdge("work", END)
    .compile({ checkpointer: store, name: "jobs" });
}

/** A switch that holds the stuck node until released. */
export function createStuckSwitch(): StuckSwitch & { wait: Promise<void>; markReturned(): void } {
  let release!: () => void;
  let markReturned!: () => void;
  const wait = new Promise<void>((resolve) => (release = resolve));
  const returned = new Promise<void>((resolve) => (markReturned = resolve));
  return { wait, release, returned, markReturned };
}

import type { Engine } from "../service/create-engine.js";

/** A run the server created, by thread and id. */
export interface CreatedRun {
  readonly threadId: string;
  readonly runId: string;
}

/** What {@link createCreatedRuns} returns. */
export interface CreatedRuns {
  /** Remembers a run the server just created. */
  add(threadId: string, runId: string): void;
  /** The remembered runs still pending or running (the ended ones are forgotten). */
  inFlight(): Promise<CreatedRun[]>;
  /** How many runs are remembered now (ended ones not yet forgotten included). */
  readonly size: number;
}

/** Remembered runs above which {@link CreatedRuns.add} forgets the ended ones, at least. */
const minPruneAt = 64;

/**
 * The runs a server created that may still be in flight, for its shutdown to wait for or cancel.
 * An ended run is forgotten: whenever the count doubles since the last pass (and is at least 64),
 * `add` reads the statuses in the background and drops the runs that ended, so a server up for
 * months holds about as many as are in flight, not every run it ever created.
 */
export function createCreatedRuns(engine: Pick<Engine, "runs">): CreatedRuns {
  const runs = new Map<string, CreatedRun>();
  let pruneAt = minPruneAt;
  let pruning: Promise<unknown> | undefined;

  const inFlight = async (): Promise<CreatedRun[]> => {
    const remembered = [...runs.values()];
    const views = await Promise.all(remembered.map(({ threadId, runId }) => engine.runs.get(threadId, runId).catch(() => undefined)));
    const left: CreatedRun[] = [];
    remembered.forEach((run, index) => {
      const status = views[index]?.status;
      if (status === "pending" || status === "running") left.push(run);
      else runs.delete(run.runId);
    });
    return left;
  };

  return {
    add(threadId, runId) {
      runs.set(runId, { threadId, runId });
      if (runs.size < pruneAt || pruning) return;
      pruning = inFlight()
        .catch(() => undefined)
        .finally(() => {
          pruneAt = Math.max(minPruneAt, 2 * runs.size);
          pruning = undefined;
        });
    },
    inFlight,
    get size() {
      return runs.size;
    },
  };
}

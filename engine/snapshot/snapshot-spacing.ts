import { InvalidGraphError } from "../errors/graph-errors.js";

/** The default of `compile({ snapshotEvery })`: a snapshot at most every 500 events of a thread. */
export const defaultSnapshotEvery = 500;

/**
 * Characters of snapshot per event of history that a snapshot may cost. A new snapshot is kept no
 * more often than once per this many characters of its state, in events; events are rarely
 * shorter than this (format v2 stores a chain step's three events in about 250 characters of data
 * and metadata), so all snapshots of a thread together stay smaller than its events (and the
 * cost of keeping them, per event, stays constant) even when the state grows with the history. A
 * cold load then folds at most about one event per this many characters of state after the
 * snapshot: its cost follows the size of the state, never the length of the history.
 */
const charactersPerEvent = 24;

/**
 * Checks `compile({ snapshotEvery })`: a whole number of events, 0 to keep no snapshots.
 *
 * @throws {InvalidGraphError} for anything else.
 */
export function snapshotEveryOf(option: number | undefined): number {
  const every = option ?? defaultSnapshotEvery;
  if (!Number.isSafeInteger(every) || every < 0) {
    throw new InvalidGraphError(
      `compile({ snapshotEvery }) must be a whole number of events (0 keeps no snapshots); got ${String(option)}. ` +
        `The default, ${defaultSnapshotEvery}, suits most graphs.`,
    );
  }
  return every;
}

/**
 * How many events after a snapshot the next one is due: `every`, or more when the state is large
 * (one event per {@link charactersPerEvent} characters of the last snapshot's state).
 */
export function snapshotSpacingOf(every: number, stateCharacters: number): number {
  return Math.max(every, Math.ceil(stateCharacters / charactersPerEvent));
}

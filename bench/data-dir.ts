import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

/**
 * The benchmark files of one run: a folder `bench/.data/run-<pid>/` (bench/.data is gitignored)
 * holding every SQLite file the run creates, removed as a whole by {@link DataDir.remove}.
 *
 * @example
 * const data = createDataDir();
 * try {
 *   const file = data.sqliteFile("chain-replaygraph");
 *   // ... open a store on file, measure, close it ...
 *   data.removeSqliteFile(file);
 * } finally {
 *   data.remove();
 * }
 */
export interface DataDir {
  /** The run's folder. */
  readonly path: string;
  /** A new, unused SQLite file path whose name starts with `label`. */
  sqliteFile(label: string): string;
  /** Deletes a SQLite file with its `-wal` and `-shm` companions. */
  removeSqliteFile(file: string): void;
  /** Deletes the run's folder and everything in it. */
  remove(): void;
}

/** The gitignored folder all benchmark data lives under: `bench/.data/`. */
export function benchDataRoot(): string {
  return join(packageRoot(), "bench", ".data");
}

/** Creates this run's data folder under `bench/.data/`. */
export function createDataDir(): DataDir {
  const path = join(benchDataRoot(), `run-${process.pid}`);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  let counter = 0;
  return {
    path,
    sqliteFile: (label) => join(path, `${label.replace(/[^A-Za-z0-9_-]/g, "_")}-${counter++}.db`),
    removeSqliteFile: (file) => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

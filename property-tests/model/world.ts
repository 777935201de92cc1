import { join } from "node:path";

/**
 * The outside world generated nodes change: an in-memory database (what `observeSideEffects`
 * reads; seed 004's `db`) and a file that `io` ops append to. Lives across restarts, as the real
 * world does.
 */
export class World {
  readonly rows: string[] = [];
  readonly keys = new Set<string>();
  readonly file: string;
  effectRuns = 0;

  constructor(directory: string, name: string) {
    this.file = join(directory, `${name}.log`);
  }

  /** A new row every time (seed 004's BAD `db.createAuditLog`); returns whether the reading changed. */
  insert(row: string): boolean {
    this.rows.push(row);
    return true;
  }

  /** Idempotent (seed 004's GOOD `db.upsertUser`); returns whether the reading changed. */
  upsert(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }

  /** What `observeSideEffects` reads. */
  readonly observe = (): string => `${this.rows.length}/${this.keys.size}`;
}

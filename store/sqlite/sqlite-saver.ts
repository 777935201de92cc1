import { listCheckpointTuples, readCheckpoint, readCheckpointTuple, type CheckpointReadConfig } from "../../engine/runtime/checkpoint-reads.js";
import type { Checkpoint, CheckpointListOptions, CheckpointTuple } from "../../engine/runtime/checkpoint-tuples.js";
import { SqliteEventStore } from "./sqlite-event-store.js";

/**
 * The name LangGraph JS users know (`@langchain/langgraph-checkpoint-sqlite`): a
 * {@link SqliteEventStore} that also answers LangGraph's checkpointer reads, `get(config)`,
 * `getTuple(config)` and `list(config, { limit, before, filter })` (see `MemorySaver`).
 *
 * WARNING: the reads need the thread's graph compiled on this store in this process
 * (`compile({ checkpointer })`); for another thread they throw `NotSupportedError`.
 *
 * @example
 * const checkpointer = new SqliteSaver("./threads.db");
 * const graph = builder.compile({ checkpointer });
 * const latest = await checkpointer.getTuple({ configurable: { thread_id: "t1" } });
 */
export class SqliteSaver extends SqliteEventStore {
  /** LangGraph's constructor form: the store in the SQLite file at `path`. */
  static fromConnString(path: string): SqliteSaver {
    return new SqliteSaver(path);
  }

  /** The checkpoint `config` names (its `checkpoint_id`, or the thread's latest), or undefined. */
  async get(config: CheckpointReadConfig): Promise<Checkpoint | undefined> {
    return readCheckpoint(this, config);
  }

  /** The checkpoint tuple `config` names (its `checkpoint_id`, or the thread's latest), or undefined. */
  async getTuple(config: CheckpointReadConfig): Promise<CheckpointTuple | undefined> {
    return readCheckpointTuple(this, config);
  }

  /** The checkpoints of `config`'s thread (every root thread's without one), newest first. */
  list(config: CheckpointReadConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    return listCheckpointTuples(this, config, options);
  }
}

import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { listCheckpointTuples, readCheckpoint, readCheckpointTuple, type CheckpointReadConfig } from "./checkpoint-reads.js";
import type { Checkpoint, CheckpointListOptions, CheckpointTuple } from "./checkpoint-tuples.js";

/**
 * LangGraph's `MemorySaver`: a {@link MemoryEventStore} that also answers LangGraph's checkpointer
 * reads, `get(config)`, `getTuple(config)` and `list(config, { limit, before, filter })`, with
 * checkpoint tuples projected from the thread's events (the checkpoints `getStateHistory` shows).
 *
 * WARNING: the reads fold a thread's events through its graph, so they need the graph compiled on
 * this store in this process (`compile({ checkpointer })`); for another thread they throw
 * `NotSupportedError`. Writes go through the graph only: there is no `put` / `putWrites`.
 *
 * @example
 * const checkpointer = new MemorySaver();
 * const graph = builder.compile({ checkpointer });
 * await graph.invoke({ topic: "cats" }, { configurable: { thread_id: "t1" } });
 * const latest = await checkpointer.getTuple({ configurable: { thread_id: "t1" } });
 * // latest.checkpoint.channel_values, latest.metadata.step, latest.pendingWrites
 */
export class MemorySaver extends MemoryEventStore {
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

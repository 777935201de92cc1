/**
 * What `graph.stream()` gives: the run's chunks, read with `for await` or `next()`, and
 * `cancel()`, as LangGraph's `IterableReadableStream`: it ends the stream and aborts the run
 * (its committed steps are kept; a running node's `config.signal` aborts). Leaving a `for await`
 * early (`break`) cancels too, as in LangGraph.
 *
 * @example
 * const stream = await graph.stream(input, { configurable: { thread_id: "t1" } });
 * const first = (await stream.next()).value;
 * await stream.cancel();
 */
export interface RunStream<TChunk = unknown> extends AsyncIterableIterator<TChunk> {
  cancel(reason?: unknown): Promise<void>;
}

/**
 * `Promise.all(items.map(work))`, with at most `limit` calls of `work` running at once (LangGraph's
 * `maxConcurrency`); no limit when `limit` is undefined. Results keep the items' order, and the
 * calls start in the items' order.
 */
export function mapWithConcurrency<TItem, TResult>(
  items: readonly TItem[],
  limit: number | undefined,
  work: (item: TItem) => Promise<TResult>,
): Promise<TResult[]> {
  if (limit === undefined || limit >= items.length) return Promise.all(items.map(work));
  const results: TResult[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  return Promise.all(Array.from({ length: limit }, worker)).then(() => results);
}

/**
 * The upstream tests' `gatherIterator` (LangGraph's internal `src/utils.ts`): collects an async
 * iterable, or a promise of one, into an array. Test plumbing, not library behaviour, so the
 * replaygraph side gets this equivalent.
 */
export async function gatherIterator<TItem>(items: AsyncIterable<TItem> | Promise<AsyncIterable<TItem>>): Promise<TItem[]> {
  const gathered: TItem[] = [];
  for await (const item of await items) gathered.push(item);
  return gathered;
}

/**
 * The id of the top-level thread a stream holds, or undefined for other streams (snapshots,
 * subgraph threads, whose ids hold a `/`, and anything not the engine's).
 */
export function threadIdOfStream(stream: string): string | undefined {
  if (!stream.startsWith("thread-")) return undefined;
  const threadId = stream.slice("thread-".length);
  return threadId.length > 0 && !threadId.includes("/") ? threadId : undefined;
}

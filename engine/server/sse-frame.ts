/**
 * One event of a run's SSE stream: its `id` (the run's own sequence, from 0, the `metadata` frame
 * first), its `event` name (`values`, `updates|<namespace>`, `messages/complete`, ...) and its
 * `data` already as JSON, so a replay sends the bytes the live stream sent.
 */
export interface SseFrame {
  readonly id: number;
  readonly event: string;
  readonly json: string;
}

/** A frame as SSE text; `idText` replaces the numeric id (the thread stream names the run too). */
export function sseTextOf(frame: Pick<SseFrame, "event" | "json">, idText: string): string {
  return `event: ${frame.event}\ndata: ${frame.json}\nid: ${idText}\n\n`;
}

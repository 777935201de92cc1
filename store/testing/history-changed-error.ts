/**
 * An event already in a stream read back different from before (or different from what was
 * appended): history was rewritten. Stored events must never change; find what wrote over the
 * stream (an adapter that keeps live objects, an UPDATE on the table, a migration).
 */
export class HistoryChangedError extends Error {
  override readonly name = "HistoryChangedError";
  readonly code = "HISTORY_CHANGED";
  readonly stream: string;
  readonly revision: number;
  readonly before: string;
  readonly after: string;

  constructor(stream: string, revision: number, before: string, after: string, when: string) {
    super(
      `Event ${revision} of stream '${stream}' changed ${when}:\n  before: ${clip(before)}\n  after:  ${clip(after)}\n` +
        `Appended events must never change. Find what rewrote the stream.`,
    );
    this.stream = stream;
    this.revision = revision;
    this.before = before;
    this.after = after;
  }
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * The journal key of the `index`-th task call made in a scope: `task:<index>:<name>`, prefixed by
 * the keys of the calls it is nested in (`task:0:mapper/task:0:submapper`). Calls are matched by
 * position, as in LangGraph: the k-th call of an execution gets the k-th call's record.
 */
export function taskKeyOf(prefix: string, index: number, name: string): string {
  return `${prefix}task:${index}:${name}`;
}

/** A task call named by a journal key: its name and position (the innermost call of a nested key). */
export interface TaskCallOfKey {
  readonly name: string;
  readonly index: number;
  /** The keys of the task calls it runs inside, outermost first. */
  readonly within: readonly string[];
}

/** The task call an `EffectRecorded` key journals, or undefined for an `effect()` key. */
export function taskCallOfKey(key: string): TaskCallOfKey | undefined {
  const parts = key.split("/");
  const match = /^task:(\d+):(.+)$/.exec(parts[parts.length - 1]!);
  if (!match || !parts.slice(0, -1).every((part) => /^task:\d+:.+$/.test(part))) return undefined;
  return { name: match[2]!, index: Number(match[1]), within: parts.slice(0, -1) };
}

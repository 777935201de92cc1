/** The key of an overwrite's recorded form, `{ __overwrite__: value }` (LangGraph's wire form too). */
export const OVERWRITE = "__overwrite__";

/** An overwrite as writes record it: a plain object, so it round-trips through every store. */
export interface OverwriteValue<TValue = unknown> {
  readonly [OVERWRITE]: TValue;
}

/**
 * Wraps a write so that a reducer channel takes `value` as it is, without its reducer. Two
 * overwrites of one channel in one step are refused (`InvalidUpdateError`); a write that follows
 * an overwrite in the same step is ignored, as in LangGraph. On a last-value channel the wrapper
 * is stored as written (`{ __overwrite__: value }`), as LangGraph does.
 *
 * @example
 * const reset = () => ({ log: new Overwrite(["fresh start"]) });
 */
export class Overwrite<TValue = unknown> implements OverwriteValue<TValue> {
  readonly lg_name = "Overwrite";
  readonly [OVERWRITE]: TValue;

  constructor(value: TValue) {
    this[OVERWRITE] = value;
  }

  /** The value that replaces the channel's. */
  get value(): TValue {
    return this[OVERWRITE];
  }

  /** The recorded form, `{ __overwrite__: value }`. */
  toJSON(): { [OVERWRITE]: TValue } {
    return { [OVERWRITE]: this[OVERWRITE] };
  }

  /** True for an Overwrite or its recorded form `{ __overwrite__: value }`. */
  static isInstance<TValue>(value: unknown): value is Overwrite<TValue> {
    return isOverwrite(value);
  }
}

/** True for an {@link Overwrite}, one made by another library (LangGraph's), or its recorded form. */
export function isOverwrite(value: unknown): value is OverwriteValue {
  if (typeof value !== "object" || value === null) return false;
  return OVERWRITE in value || (value as { lg_name?: unknown }).lg_name === "Overwrite";
}

/** The value an overwrite carries. */
export function overwrittenValueOf(value: OverwriteValue): unknown {
  return OVERWRITE in value ? value[OVERWRITE] : (value as { value?: unknown }).value;
}

/**
 * Writes as they are recorded: each {@link Overwrite} instance becomes its plain form, so events
 * hold no class instance and replay folds the same overwrite. Returns `writes` itself when it has none.
 */
export function recordedWritesOf<TWrites extends Readonly<Record<string, unknown>>>(writes: TWrites): TWrites {
  let copy: Record<string, unknown> | undefined;
  for (const key in writes) {
    const value = writes[key];
    if (value instanceof Overwrite || (isOverwrite(value) && Object.getPrototypeOf(value) !== Object.prototype)) {
      copy ??= { ...writes };
      copy[key] = { [OVERWRITE]: overwrittenValueOf(value) };
    }
  }
  return (copy ?? writes) as TWrites;
}

import { ReplayGraphError } from "./replaygraph-error.js";

/** `effect()` called outside a node of a running graph. */
export class EffectOutsideNodeError extends ReplayGraphError {
  readonly code = "EFFECT_OUTSIDE_NODE";

  constructor() {
    super(
      "effect(key, fn) journals a side effect of a node, so it can only be called while a node runs (inside the " +
        "node function, at any depth of its calls). Outside a graph, call fn directly.",
    );
  }
}

/** An effect key that is not a non-empty string. */
export class InvalidEffectKeyError extends ReplayGraphError {
  readonly code = "INVALID_EFFECT_KEY";

  constructor(node: string, key: unknown) {
    super(
      `effect() in node '${node}' needs a non-empty string key that names the side effect within the node ` +
        `(e.g. effect("create-audit-log", () => db.insert(...))); got ${typeof key === "string" ? '""' : typeof key}.`,
    );
  }
}

/** The same effect key used twice in one execution of a task. */
export class DuplicateEffectKeyError extends ReplayGraphError {
  readonly code = "DUPLICATE_EFFECT_KEY";
  readonly node: string;
  readonly key: string;

  constructor(node: string, key: string) {
    super(
      `effect key '${key}' was used twice in one execution of node '${node}'. A key names one side effect of the ` +
        `node, so a re-execution can return its recorded result; give each effect its own key (e.g. \`send-email-\${i}\` in a loop).`,
    );
    this.node = node;
    this.key = key;
  }
}

/** `interrupt()` inside an effect body: the effect would never complete, so it could not be journaled. */
export class InterruptInsideEffectError extends ReplayGraphError {
  readonly code = "INTERRUPT_INSIDE_EFFECT";

  constructor(node: string, key: string) {
    super(
      `interrupt() was called inside effect('${key}') in node '${node}'. An effect body runs once and its result is ` +
        `journaled; ask the question before the effect (const answer = interrupt(...); await effect(key, () => use(answer))).`,
    );
  }
}

/** A replay warning, raised as an error because the run asked for `warningsAsErrors`. */
export class ReplayWarningError extends ReplayGraphError {
  readonly code = "REPLAY_WARNING";
  readonly kind: string;
  readonly node: string;

  constructor(kind: string, node: string, detail: string) {
    super(`Replay warning '${kind}' in node '${node}' (warningsAsErrors is on, so the task fails): ${detail}`);
    this.kind = kind;
    this.node = node;
  }
}

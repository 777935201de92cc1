import { appendFile } from "node:fs/promises";
import { effect, interrupt, isGraphInterrupt, type NodeConfig } from "replaygraph";
import type { Acceptance, Json, Op } from "./graph-model.js";
import type { Execution, Trace } from "./trace.js";
import type { World } from "./world.js";

/** The channels a program writes: `log`/`go` in the top graph, `sublog`/`subgo` in subgraphs. */
export interface Channels {
  readonly log: string;
  readonly go: string;
}

/** What a running program needs besides its ops. */
export interface ProgramEnvironment {
  readonly trace: Trace;
  readonly world: World;
  readonly channels: Channels;
}

/** Whether a loop of interrupts accepts `answer` (see `askUntil`). */
export function accepts(accept: Acceptance, answer: unknown): boolean {
  switch (accept) {
    case "number":
      return typeof answer === "number";
    case "string":
      return typeof answer === "string";
    case "truthy":
      return Boolean(answer);
    case "array":
      return Array.isArray(answer);
  }
}

/** A JSON text that does not depend on key order: how answers are logged and compared. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
    .join(",")}}`;
}

/**
 * One execution of a program: the state of its interpreter. Every interrupt() call, effect, write
 * and side effect is recorded in the trace before or after it happens, so the oracles know what
 * the node did and in which order relative to every other node.
 */
export class ProgramRun {
  readonly log: string[] = [];
  go: boolean | undefined;
  #calls = 0;
  #last: unknown = null;

  constructor(
    readonly name: string,
    readonly env: ProgramEnvironment,
    readonly execution: Execution,
    readonly input: Record<string, unknown>,
  ) {}

  /** Runs the ops; only effects and I/O are awaited, so the rest runs without yielding. */
  async run(ops: readonly Op[], offset: number): Promise<void> {
    for (const [index, op] of ops.entries()) {
      const pending = this.#step(op, offset + index);
      if (pending) await pending;
    }
  }

  /** The update the node returns. */
  update(): Record<string, unknown> {
    const { log, go } = this.env.channels;
    return { [log]: this.log, ...(this.go === undefined ? {} : { [go]: this.go }) };
  }

  #step(op: Op, index: number): Promise<void> | undefined {
    const { trace, world } = this.env;
    const execution = this.execution;
    switch (op.op) {
      case "write":
        this.log.push(`${this.name}:${canonical(op.value)}`);
        return undefined;
      case "interrupt":
        this.#ask(op.question, false);
        return undefined;
      case "askUntil":
        for (let attempt = 0; attempt < op.max; attempt++) {
          if (accepts(op.accept, this.#ask({ again: attempt, accept: op.accept }, false))) break;
        }
        return undefined;
      case "varyingInterrupt":
        this.#ask({ q: op.question, execution: execution.number }, false);
        return undefined;
      case "skippedOnReplay":
        if (execution.number === 1) this.#ask(op.question, false);
        return undefined;
      case "swallow":
        this.#ask(op.question, true);
        return undefined;
      case "route":
        this.go = Boolean(this.#last);
        return undefined;
      case "mutate":
        trace.record(execution, { kind: "mutate" });
        if (Array.isArray(this.input[this.env.channels.log])) (this.input[this.env.channels.log] as string[]).push("mutated in place");
        else this.input["mutated"] = true;
        return undefined;
      case "db": {
        const key = `${this.name}-${index}`;
        const write = () => {
          const changed = op.write === "insert" ? world.insert(key) : world.upsert(key);
          trace.record(execution, { kind: "db", changed, inEffect: op.inEffect });
          return changed;
        };
        if (!op.inEffect) {
          write();
          return undefined;
        }
        return this.#effect(`db-${index}`, write);
      }
      case "io": {
        const io = async () => {
          trace.record(execution, { kind: "io", inEffect: op.inEffect });
          await appendFile(world.file, `${this.name}\n`);
        };
        return op.inEffect ? this.#effect(`io-${index}`, io) : io();
      }
      case "effect":
        return this.#effect(`e${index}`, () => `${execution.task.slice(0, 8)}:e${index}:${++world.effectRuns}`);
    }
  }

  async #effect(key: string, body: () => unknown): Promise<void> {
    const { trace } = this.env;
    const value = await effect(key, () => {
      trace.record(this.execution, { kind: "effectBody", key });
      return body();
    });
    trace.record(this.execution, { kind: "effectResult", key, value });
    this.log.push(`${this.name}:${key}=${canonical(value)}`);
  }

  #ask(question: Json | Record<string, Json>, swallow: boolean): unknown {
    const k = this.#calls++;
    const payload = { node: this.name, k, q: question } as Json;
    this.env.trace.record(this.execution, { kind: "ask", k, payload });
    try {
      const value = interrupt(payload);
      this.env.trace.record(this.execution, { kind: "answered", k, value, payload });
      this.#last = value;
      this.log.push(`${this.name}#${k}=${canonical(value)}`);
      return value;
    } catch (error) {
      if (isGraphInterrupt(error)) {
        // The pause is the engine's: a call after a swallowed pause re-raises that one.
        const paused = error.interrupts[0]!;
        this.env.trace.record(this.execution, { kind: "raised", k: paused.index, id: paused.id, payload: paused.value as Json, swallowed: swallow });
      }
      if (swallow) return undefined;
      throw error;
    }
  }
}

/**
 * The task id and thread of a running node, from its config: a subgraph's node sees the thread the
 * caller addressed and its namespace (`node:taskId|...`, as LangGraph's), which names the subgraph's
 * thread (`parent/node.taskIdPrefix/call`).
 */
export function taskOf(config: NodeConfig): { task: string; thread: string } {
  let thread = String(config.configurable.thread_id);
  const namespace = String(config.configurable["checkpoint_ns"] ?? "");
  for (const element of namespace === "" ? [] : namespace.split("|")) {
    const [head, call] = element.split("#") as [string, string | undefined];
    const [node, taskId] = head.split(":") as [string, string];
    thread = `${thread}/${node}.${taskId.slice(0, 8)}/${call ?? 0}`;
  }
  return { task: String(config.metadata["langgraph_task_id"]), thread };
}

import { canonical } from "./run-program.js";
import { nodesOf, type GraphModel, type NodeModel, type Op } from "./graph-model.js";
import type { ResumeStep, Scenario } from "./scenario.js";

/** The import lines a printed scenario needs. */
export const printedImports = [
  'import { Annotation, Command, END, MemorySaver, START, Send, StateGraph, effect, interrupt } from "replaygraph";',
  'import { appendFile } from "node:fs/promises";',
  'import { tmpdir } from "node:os";',
].join("\n");

/**
 * A scenario as a TypeScript program: the graph (each node's program written out), its input and
 * the resume schedule, with the helpers that pick answers the way the property harness does. It is
 * what a failing property prints as its counterexample; run as a module (e.g. saved as a .ts file
 * and run with a TypeScript runner) it replays the case and prints the final state.
 */
export function printScenario(scenario: Scenario): string {
  return `// --- counterexample: a graph and its answers, as a program ---\n${printedImports}\n\n${printScenarioBody(scenario)}`;
}

/** The program without its imports (block-scoped, so several can run in one module). */
export function printScenarioBody(scenario: Scenario): string {
  const lines: string[] = [
    "// The outside world: a file, seed 004's database (an insert repeats, an upsert does not), effect bodies' run count.",
    "const file = `${tmpdir()}/replaygraph-counterexample.log`;",
    "const db = { rows: [] as string[], keys: new Set<string>() };",
    "let effectRuns = 0;",
    "const executions = new Map<string, number>(); // per task (config.metadata.langgraph_task_id)",
    'const canonical = (v: unknown): string => v === null || typeof v !== "object" ? JSON.stringify(v) ?? "undefined" : Array.isArray(v) ? `[${v.map(canonical).join(",")}]` : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(",")}}`;',
    "const concat = (a: string[], b: string[]) => a.concat(b);",
    "const State = Annotation.Root({ log: Annotation<string[]>({ reducer: concat, default: () => [] }), go: Annotation<boolean>({ reducer: (_, b) => b, default: () => false }), laps: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }) });",
    "const Sub = Annotation.Root({ sublog: Annotation<string[]>({ reducer: concat, default: () => [] }), subgo: Annotation<boolean>({ reducer: (_, b) => b, default: () => false }), laps: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }) });",
    "",
  ];
  const nodes: string[] = [];
  const build = printGraph(scenario.graph, "State", nodes, true);
  lines.push(...nodes);
  lines.push("const store = new MemorySaver();");
  lines.push(`const build = () => ${build.replace("@COMPILE@", `{ checkpointer: store${scenario.strict ? ", strict: true" : ""} }`)};`);
  lines.push("let graph = build();");
  lines.push(
    `const config = { configurable: { thread_id: "t" }${scenario.observe ? ", observeSideEffects: () => `${db.rows.length}/${db.keys.size}`" : ""} };`,
  );
  lines.push(...helpers);
  lines.push(`let out: any = await graph.invoke({ log: ${JSON.stringify(scenario.input)} }, config);`);
  lines.push("steps: {");
  for (const [index, step] of scenario.steps.entries()) lines.push(...printStep(step, index));
  lines.push("}");
  lines.push('console.log("final state", JSON.stringify((await graph.getState(config)).values));');
  return lines.join("\n");
}

/** How the harness answers (see play-scenario.ts), as program text. */
const helpers = [
  "const answered: string[] = [];",
  "// Answers the pending interrupts whose bit is set in `subset` (none set: one, chosen by subset mod count).",
  "async function answer(subset: number, answers: unknown[], byId: boolean) {",
  "  const pending: { id: string }[] = out.__interrupt__ ?? [];",
  "  const chosen = pending.filter((_, i) => (subset >> i) & 1);",
  "  const targets = chosen.length > 0 ? chosen : [pending[Math.abs(subset) % pending.length]!];",
  "  const values = targets.map((_, i) => answers[i % answers.length] ?? null);",
  "  answered.push(...targets.map((t) => t.id));",
  "  const resume = targets.length === 1 && pending.length === 1 && !byId ? values[0] : Object.fromEntries(targets.map((t, i) => [t.id, values[i]]));",
  "  return graph.invoke(new Command({ resume }), config);",
  "}",
  "// A wrong resume: it must be refused with a named error and change nothing.",
  "async function wrong(resume: unknown, extra: Record<string, unknown> = {}) {",
  '  const before = JSON.stringify(await store.readStream("thread-t"));',
  "  const error = await graph.invoke(new Command({ resume }), { ...config, configurable: { ...config.configurable, ...extra } }).then(() => undefined, (e: Error) => e);",
  '  const changed = JSON.stringify(await store.readStream("thread-t")) !== before;',
  '  console.log(`wrong resume: ${error ? `refused (${error.name})` : "ACCEPTED"}${changed ? ", and it CHANGED the stream" : ""}`);',
  "}",
];

function printStep(step: ResumeStep, index: number): string[] {
  const lines = [`  // resume ${index + 1}`];
  if (step.restart) lines.push("  graph = build(); // a restart: a fresh graph over the same store, as a new process would have");
  const value = canonical(step.answers[0] ?? null);
  const pending = "out.__interrupt__";
  lines.push(
    `  if (!${pending}?.length) {${step.stale ? ` await wrong(${value});` : ""} break steps; }${step.stale ? " // nothing is pending: a resume must be refused" : ""}`,
  );
  switch (step.stale) {
    case undefined:
      break;
    case "answered":
      lines.push(`  if (answered.length) await wrong({ [answered.at(-1)!]: ${value} }); // an id answered before`);
      break;
    case "unknown":
      lines.push(`  await wrong({ "${step.unknownId}": ${value} }); // an id no interrupt has`);
      break;
    case "mixed":
      lines.push(`  await wrong({ [${pending}[0].id]: ${value}, [answered.at(-1) ?? "${step.unknownId}"]: ${value} }); // a pending id and a stale one`);
      break;
    case "bare":
      lines.push(`  if (${pending}.length > 1) await wrong(${value}); // a bare value while several are pending`);
      break;
    case "oldCheckpoint":
      lines.push(
        `  { const history = []; for await (const s of graph.getStateHistory(config)) history.push(s); if (history.length > 1) await wrong(${value}, { checkpoint_id: history.at(-1)!.config.configurable.checkpoint_id }); } // an old checkpoint`,
      );
      break;
    case "otherThread":
      lines.push(`  await wrong(${value}, { thread_id: "t-other" }); // another thread`);
      break;
  }
  lines.push(`  out = await answer(${step.subset}, [${step.answers.map((a) => canonical(a)).join(", ")}], ${step.byId});`);
  return lines;
}

/** Prints a graph's nodes into `nodes`; returns the builder expression (compile options as @COMPILE@ at the top). */
function printGraph(model: GraphModel, state: string, nodes: string[], top: boolean): string {
  const channels = top ? { log: "log", go: "go" } : { log: "sublog", go: "subgo" };
  for (const node of nodesOf(model)) {
    if (node.kind === "program") nodes.push(...printProgram(node.name, node.ops, undefined, channels), "");
    else {
      const child = printGraph(node.child, "Sub", nodes, false);
      nodes.push(`const ${node.name}Graph = ${child};`, "");
      if (node.kind === "callsSubgraph") nodes.push(...printProgram(node.name, node.before, { after: node.after }, channels), "");
    }
  }
  const q = (text: string) => JSON.stringify(text);
  const chain = [`new StateGraph(${state})`];
  const add = (node: NodeModel) => chain.push(`.addNode(${q(node.name)}, ${node.kind === "subgraph" ? `${node.name}Graph` : node.name})`);
  const edge = (from: string, to: string) => chain.push(`.addEdge(${from}, ${to})`);
  const go = channels.go;
  switch (model.shape) {
    case "linear": {
      let previous = "START";
      for (const node of model.nodes) {
        add(node);
        edge(previous, q(node.name));
        previous = q(node.name);
      }
      edge(previous, "END");
      break;
    }
    case "branch":
      [model.head, model.left, model.right].forEach(add);
      edge("START", q(model.head.name));
      chain.push(
        `.addConditionalEdges(${q(model.head.name)}, (s) => (s.${go} ? ${q(model.left.name)} : ${q(model.right.name)}), [${q(model.left.name)}, ${q(model.right.name)}])`,
      );
      edge(q(model.left.name), "END");
      edge(q(model.right.name), "END");
      break;
    case "loop": {
      const first = q(model.body[0]!.name);
      const counter = q(`${model.body[0]!.name}_laps`);
      let previous = "START";
      for (const node of model.body) {
        add(node);
        edge(previous, q(node.name));
        previous = q(node.name);
      }
      chain.push(`.addNode(${counter}, () => ({ laps: 1 }))`);
      edge(previous, counter);
      chain.push(`.addConditionalEdges(${counter}, (s) => (s.laps < ${model.laps} ? ${first} : END), [${first}, END])`);
      break;
    }
    case "parallel":
      for (const node of model.branches) {
        add(node);
        edge("START", q(node.name));
      }
      if (model.join) {
        add(model.join);
        edge(`[${model.branches.map((node) => q(node.name)).join(", ")}]`, q(model.join.name));
        edge(q(model.join.name), "END");
      } else for (const node of model.branches) edge(q(node.name), "END");
      break;
    case "send":
      add(model.head);
      add(model.worker);
      edge("START", q(model.head.name));
      chain.push(
        `.addConditionalEdges(${q(model.head.name)}, () => [${Array.from({ length: model.count }, (_, item) => `new Send(${q(model.worker.name)}, { item: ${item} })`).join(", ")}], [${q(model.worker.name)}])`,
      );
      if (model.tail) {
        add(model.tail);
        edge(q(model.worker.name), q(model.tail.name));
        edge(q(model.tail.name), "END");
      } else edge(q(model.worker.name), "END");
      break;
  }
  chain.push(top ? ".compile(@COMPILE@)" : ".compile()");
  return chain.join("\n  ");
}

function printProgram(name: string, ops: readonly Op[], child: { after: readonly Op[] } | undefined, channels: { log: string; go: string }): string[] {
  const q = JSON.stringify;
  const lines = [
    `async function ${name}(state: any, config: any) {`,
    "  const task: string = config.metadata.langgraph_task_id;",
    "  const execution = (executions.get(task) ?? 0) + 1; // 1 on the task's first execution; each resume runs it again from here",
    "  executions.set(task, execution);",
    "  const log: string[] = [];",
    "  let k = 0, last: unknown = null, go: boolean | undefined;",
    `  const ask = (q: unknown) => { const call = k++; const a = interrupt({ node: ${q(name)}, k: call, q }); log.push(\`${name}#\${call}=\${canonical(a)}\`); return (last = a); };`,
    `  const journal = async (key: string, body: () => unknown) => log.push(\`${name}:\${key}=\${canonical(await effect(key, body))}\`);`,
  ];
  ops.forEach((op, index) => lines.push(`  ${printOp(op, name, index, channels.log)}`));
  if (child) {
    lines.push(`  const output = await ${name}Graph.invoke({ sublog: [${q(name)}] }, config); // a subgraph called inside the node (rule 22)`);
    lines.push(`  log.push(\`${name}:child wrote \${output.sublog.length}\`);`);
    child.after.forEach((op, index) => lines.push(`  ${printOp(op, name, ops.length + index, channels.log)}`));
  }
  lines.push(`  return { ${channels.log}: log, ...(go === undefined ? {} : { ${channels.go}: go }) };`, "}");
  return lines;
}

function printOp(op: Op, name: string, index: number, logChannel: string): string {
  const json = (value: unknown) => canonical(value);
  switch (op.op) {
    case "write":
      return `log.push(${JSON.stringify(`${name}:${canonical(op.value)}`)});`;
    case "interrupt":
      return `ask(${json(op.question)});`;
    case "askUntil":
      return `for (let again = 0; again < ${op.max}; again++) if (${acceptance(op.accept, `ask({ again, accept: "${op.accept}" })`)}) break; // ask again until accepted`;
    case "varyingInterrupt":
      return `ask({ q: ${json(op.question)}, execution }); // NONDETERMINISTIC: the payload changes with every execution`;
    case "skippedOnReplay":
      return `if (execution === 1) ask(${json(op.question)}); // NONDETERMINISTIC: skipped when re-executed`;
    case "swallow":
      return `try { ask(${json(op.question)}); } catch {} // swallows the pause (rule 4)`;
    case "route":
      return "go = Boolean(last);";
    case "mutate":
      return `if (Array.isArray(state.${logChannel})) state.${logChannel}.push("mutated in place"); else state.mutated = true; // BAD: changes the input state`;
    case "effect":
      return `await journal("e${index}", () => \`\${task.slice(0, 8)}:e${index}:\${++effectRuns}\`);`;
    case "io":
      return op.inEffect
        ? `await journal("io-${index}", () => appendFile(file, "${name}\\n"));`
        : `await appendFile(file, "${name}\\n"); // real I/O outside effect()`;
    case "db": {
      const key = JSON.stringify(`${name}-${index}`);
      const write = op.write === "insert" ? `(db.rows.push(${key}), true)` : `(db.keys.has(${key}) ? false : (db.keys.add(${key}), true))`;
      return op.inEffect
        ? `await journal("db-${index}", () => ${write});`
        : `${write}; // ${op.write === "insert" ? "an insert outside effect()" : "an upsert (idempotent)"}`;
    }
  }
}

function acceptance(accept: string, call: string): string {
  switch (accept) {
    case "number":
      return `typeof ${call} === "number"`;
    case "string":
      return `typeof ${call} === "string"`;
    case "array":
      return `Array.isArray(${call})`;
    default:
      return `${call}`;
  }
}

import { readFileSync } from "node:fs";
import ts from "typescript";

/**
 * The upstream names that belong to LangGraph's low-level API, not to the StateGraph / functional /
 * Command / interrupt / history model a user ports: raw Pregel and channels, the Pregel algorithm's
 * internals, and the deprecated builders and prebuilt executors. A case whose body uses one is
 * excluded from the conformance run, with the names as its reason.
 */
export const lowLevelApiNames: ReadonlyMap<string, string> = new Map([
  ["Pregel", "raw Pregel"],
  ["Channel", "raw Pregel channels (Channel.subscribeTo / writeTo)"],
  ["PregelNode", "raw Pregel nodes"],
  ["LastValue", "channel classes"],
  ["EphemeralValue", "channel classes"],
  ["Topic", "channel classes"],
  ["BinaryOperatorAggregate", "channel classes"],
  ["BaseChannel", "channel classes"],
  ["PASSTHROUGH", "Pregel write internals"],
  ["_applyWrites", "Pregel algorithm internals"],
  ["_localRead", "Pregel algorithm internals"],
  ["_prepareNextTasks", "Pregel algorithm internals"],
  ["increment", "Pregel algorithm internals"],
  ["shouldInterrupt", "Pregel algorithm internals"],
  ["MessageGraph", "MessageGraph (deprecated)"],
  ["ToolExecutor", "ToolExecutor (deprecated prebuilt)"],
  ["createAgentExecutor", "createAgentExecutor (deprecated prebuilt)"],
]);

/** One upstream case (an `it`/`test` call) with the lines it spans and the low-level names its body uses. */
export interface UpstreamCaseSpan {
  readonly firstLine: number;
  readonly lastLine: number;
  readonly lowLevelNames: readonly string[];
}

const caseCallees = new Set(["it", "test"]);

function calleeRoot(expression: ts.Expression): string | undefined {
  // it(...), it.skip(...), it.each(table)(...), it.skipIf(cond)(...)
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return calleeRoot(expression.expression);
  if (ts.isCallExpression(expression)) return calleeRoot(expression.expression);
  return undefined;
}

/** The spans of every `it`/`test` call in an upstream file (1-based lines), innermost last. */
export function upstreamCaseSpans(filePath: string): UpstreamCaseSpan[] {
  const source = ts.createSourceFile(filePath, readFileSync(filePath, "utf8"), ts.ScriptTarget.Latest, true);
  const spans: UpstreamCaseSpan[] = [];
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && !ts.isCallExpression(node.parent) && caseCallees.has(calleeRoot(node.expression) ?? "")) {
      const used = new Set<string>();
      const collect = (inner: ts.Node): void => {
        if (ts.isIdentifier(inner) && lowLevelApiNames.has(inner.text)) used.add(inner.text);
        ts.forEachChild(inner, collect);
      };
      node.arguments.forEach(collect);
      spans.push({ firstLine: lineOf(node.getStart(source)), lastLine: lineOf(node.getEnd()), lowLevelNames: [...used].sort() });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

/** The case span that holds a line (the innermost, if cases nest), or undefined. */
export function caseSpanAt(spans: readonly UpstreamCaseSpan[], line: number): UpstreamCaseSpan | undefined {
  let found: UpstreamCaseSpan | undefined;
  for (const span of spans) {
    if (span.firstLine <= line && line <= span.lastLine && (!found || span.firstLine >= found.firstLine)) found = span;
  }
  return found;
}

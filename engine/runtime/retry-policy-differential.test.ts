import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { describe, expect, it } from "vitest";

// Differential: a node's retryPolicy with LangGraph's defaults, on LangGraph 1.7.3 and on
// replaygraph: three attempts when maxAttempts is not given, and no retry of an HTTP client error
// (a `status` or `response.status` of 400-407 or 409), of ECONNABORTED or of insufficient_quota.

async function attemptsUntilDone(lib: any, failure: () => Error, failures: number, policy: Record<string, unknown>) {
  const { Annotation, StateGraph, START } = lib;
  let attempts = 0;
  const graph = new StateGraph(Annotation.Root({ n: Annotation() }))
    .addNode(
      "call",
      () => {
        attempts += 1;
        if (attempts <= failures) throw failure();
        return { n: attempts };
      },
      { retryPolicy: { initialInterval: 1, jitter: false, logWarning: false, ...policy } },
    )
    .addEdge(START, "call")
    .compile();
  const outcome = await graph.invoke({ n: 0 }).then(
    (output: unknown) => output,
    (error: Error) => error.message,
  );
  return { attempts, outcome };
}

const withFields = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

const cases: [string, () => Error, number, Record<string, unknown>][] = [
  ["a plain error, retried up to the default 3 attempts", () => new Error("flaky"), 2, {}],
  ["a plain error that outlasts the 3 attempts", () => new Error("down"), 5, {}],
  ["status 500: retried", () => withFields("server", { status: 500 }), 1, {}],
  ["status 400: not retried", () => withFields("bad request", { status: 400 }), 1, {}],
  ["response.status 404: not retried", () => withFields("not found", { response: { status: 404 } }), 1, {}],
  ["status 429: retried", () => withFields("slow down", { status: 429 }), 1, {}],
  ["ECONNABORTED: not retried", () => withFields("aborted", { code: "ECONNABORTED" }), 1, {}],
  ["insufficient_quota: not retried", () => withFields("quota", { error: { code: "insufficient_quota" } }), 1, {}],
  ["maxAttempts 2 given", () => new Error("down"), 5, { maxAttempts: 2 }],
];

describe("retryPolicy defaults, on both libraries", () => {
  for (const [name, failure, failures, policy] of cases) {
    it(name, async () => {
      const expected = await attemptsUntilDone(langgraph, failure, failures, policy);
      expect(await attemptsUntilDone(replaygraph, failure, failures, policy)).toEqual(expected);
    });
  }
});

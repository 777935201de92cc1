import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

/** The README's conformance figures are the manifest's (conformance/expected.json), not typed by hand. */
describe("the README's LangGraph conformance figures", () => {
  it("are those of conformance/expected.json", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const { cases } = JSON.parse(await readFile(new URL("../conformance/expected.json", import.meta.url), "utf8")) as {
      cases: Record<string, { langgraph: string; replaygraph: string }>;
    };
    const outcomes = Object.values(cases);
    const selected = outcomes.filter((o) => o.langgraph !== "excluded" && o.langgraph !== "skip").length;
    const onLangGraph = outcomes.filter((o) => o.langgraph === "pass").length;
    const onReplaygraph = outcomes.filter((o) => o.replaygraph === "pass").length;
    const failingHere = outcomes.filter((o) => o.langgraph === "pass" && o.replaygraph !== "pass").length;
    const [, s, l, r, f] =
      /\*\*(\d+)\*\* are selected, \*\*(\d+)\*\* pass on LangGraph 1\.7\.3 and \*\*(\d+)\*\*\s+pass on replaygraph\. The other (\d+) fail here/.exec(readme) ??
      [];
    expect([s, l, r, f].map(Number)).toEqual([selected, onLangGraph, onReplaygraph, failingHere]);
  });
});

import { describe, expect, it } from "vitest";
import { Command } from "replaygraph";
import { formatFuzzReport } from "replaygraph/testing";
import { buildRefundGraph, FakeCrm, fuzzRefundGraph } from "./fuzz-planted-bug.js";

// fuzzGraph runs every case on its own in-memory store, so this scenario does not loop over the
// store fixtures: what it shows is the report, not a store.
describe("fuzzing a graph with a planted bug (seed 004: a record created before interrupt())", () => {
  it("the bug is real: a resume creates the refund a second time", async () => {
    const crm = new FakeCrm();
    const graph = buildRefundGraph(crm, { planted: true });
    const config = { configurable: { thread_id: "refund-1" } };
    await graph.invoke({ orderId: "order-7", amount: 25 }, config);
    const done = await graph.invoke(new Command({ resume: true }), config);
    expect(crm.refunds).toHaveLength(2);
    expect(done.refundId).toBe(2); // the approved refund is not the one the human was asked about
  });

  it("fuzzGraph catches it and reports the node, the rule and a shrunk reproduction", async () => {
    const report = await fuzzRefundGraph({ planted: true });
    expect(report.ok).toBe(false);
    // Two symptoms of the one bug: the CRM changed while the node replayed, and the question it
    // asks (which names the new refund) is not the one that was answered.
    expect(report.violations.map((violation) => [violation.rule, violation.node]).sort()).toEqual([
      ["interrupt-sequence-changed", "requestRefund"],
      ["side-effect-repeated", "requestRefund"],
    ]);
    const text = formatFuzzReport(report);
    expect(text).toContain("✗ side-effect-repeated in node 'requestRefund'");
    expect(text).toContain("wrap the side effect in effect(key, fn)");
    expect(text).toMatch(/Reproduction:\n[\s\S]*new Command\(\{ resume: /);
  });

  it("with the creation journaled in effect(), the same fuzzing passes", async () => {
    const report = await fuzzRefundGraph({ planted: false });
    expect(report.violations).toEqual([]);
    expect(formatFuzzReport(report)).toBe("fuzzGraph: no replay rule broken in 100 generated case(s), seed 2026.");
  });
});

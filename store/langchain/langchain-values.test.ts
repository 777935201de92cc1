import { load } from "@langchain/core/load";
import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { eventSerializer } from "../event-serializer.js";
import { toLangChainJson } from "./langchain-object.js";
import { reviveLangChainJson } from "./revive-langchain-json.js";
import { fieldsOf, langChainSamples, lossyInLangChain } from "../testing/langchain-samples.js";

describe("LangChain objects as stored values", () => {
  for (const [name, sample] of Object.entries(langChainSamples())) {
    it.skipIf(lossyInLangChain.has(name))(`${name}: the store's round trip gives the same class, fields and LangChain form`, () => {
      const stored = eventSerializer.stringify({ state: { value: sample, list: [sample, { plain: { lc: 1 } }] } });
      const back = eventSerializer.parse(stored) as { state: { value: object; list: [object, unknown] } };
      expect(back.state.value.constructor).toBe(sample.constructor);
      expect(fieldsOf(back.state.value)).toEqual(fieldsOf(sample));
      expect(toLangChainJson(back.state.value)).toEqual(toLangChainJson(sample));
      expect(back.state.list[1]).toEqual({ plain: { lc: 1 } });
    });

    it(`${name}: the synchronous reviver builds what LangChain's load() builds`, async () => {
      const json = toLangChainJson(sample);
      const ours = reviveLangChainJson(json) as object;
      const theirs = await load<object>(JSON.stringify(json));
      expect(ours.constructor).toBe(theirs.constructor);
      expect(fieldsOf(ours)).toEqual(fieldsOf(theirs));
      expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    });
  }

  it("stores a LangChain object in LangChain's constructor form, marked as one in superjson's meta", () => {
    const parsed = JSON.parse(eventSerializer.stringify({ messages: [new HumanMessage({ id: "h", content: "hi" })] }));
    expect(parsed.json.messages[0]).toMatchObject({
      lc: 1,
      type: "constructor",
      id: ["langchain_core", "messages", "HumanMessage"],
      kwargs: { id: "h", content: "hi" },
    });
    expect(parsed.meta.values).toEqual({ "messages.0": [["custom", "lc"]] });
  });

  it("refuses a constructor object naming a class outside @langchain/core", () => {
    const text = JSON.stringify({
      json: { x: { lc: 1, type: "constructor", id: ["langchain", "llms", "openai", "OpenAI"], kwargs: {} } },
      meta: { values: { x: [["custom", "lc"]] } },
    });
    expect(() => eventSerializer.parse(text)).toThrow(/is not in @langchain\/core/);
  });
});

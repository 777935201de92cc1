import { expect } from "vitest";
import { toLangChainJson } from "../langchain/langchain-object.js";
import { fieldsOf, langChainSamples, lossyInLangChain } from "../testing/langchain-samples.js";
import type { EventStoreContractCase } from "./event-store-contract-case.js";

/** LangChain objects in event bodies and metadata. */
export const langChainValueCases: readonly EventStoreContractCase[] = [
  {
    name: "LangChain objects (messages, chunks, documents, prompt values) read back as the same classes with the same fields and ids",
    async run({ store, stream }) {
      const name = stream("langchain");
      const samples = Object.entries(langChainSamples()).filter(([key]) => !lossyInLangChain.has(key));
      // One event per object: a store's size limit (the SQLite contract runs with 4 KiB) holds each.
      const bodies = samples.map(([key, sample]) => ({
        key,
        value: sample,
        list: [sample],
        when: new Date(3),
        lookalike: { lc: 1, type: "constructor", id: ["x"], kwargs: {} },
      }));
      await store.appendToStream(name, [
        ...bodies.map((data) => ({ type: "WithLangChain", data, metadata: { last: data.value } })),
        { type: "Plain", data: { n: 1 } },
      ]);
      const { events } = await store.readStream(name);
      for (const [index, [key, sample]] of samples.entries()) {
        const read = events[index]!.data as (typeof bodies)[number];
        for (const back of [read.value, read.list[0]!, events[index]!.metadata["last"] as object]) {
          expect(back.constructor, key).toBe(sample.constructor);
          expect(fieldsOf(back), key).toEqual(fieldsOf(sample));
          expect(toLangChainJson(back), key).toEqual(toLangChainJson(sample));
        }
        expect(read.when).toEqual(new Date(3));
        expect(read.lookalike).toEqual(bodies[index]!.lookalike);
      }
      expect(events.at(-1)!.data).toEqual({ n: 1 });
    },
  },
];

import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Document } from "@langchain/core/documents";
import { RunnableLambda } from "@langchain/core/runnables";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { NotSerializableError } from "../errors/not-serializable-error.js";
import { assertSerializable } from "./assert-serializable.js";

describe("assertSerializable and LangChain objects", () => {
  it("accepts messages, documents and nested ones as values", () => {
    expect(() =>
      assertSerializable(
        {
          messages: [new HumanMessage("hi"), new AIMessage({ content: "", tool_calls: [{ name: "f", args: { a: [1] }, id: "c" }] })],
          docs: [new Document({ pageContent: "x", metadata: { n: 1 } })],
        },
        "input",
      ),
    ).not.toThrow();
  });

  it("refuses a LangChain object whose class is not serializable, naming where it sits", () => {
    const error = (() => {
      try {
        assertSerializable({ tools: [RunnableLambda.from((x: unknown) => x)] }, "input");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(NotSerializableError);
    expect((error as Error).message).toMatch(
      /input \.tools\[0\] is an instance of class RunnableLambda, a LangChain object whose class is not serializable \(lc_serializable is false\)/,
    );
  });

  it("refuses a LangChain object of another package, which a replay could not load", () => {
    expect(() => assertSerializable({ model: new FakeListChatModel({ responses: ["a"] }) }, "the update of node 'a'")).toThrow(
      /\.model is an instance of class FakeListChatModel \(langchain\/chat_models\/fake-list\/FakeListChatModel\)/,
    );
  });

  it("refuses a field of a message that LangChain's JSON would change (a Date, a function), with its path", () => {
    expect(() => assertSerializable({ messages: [new AIMessage({ content: "x", response_metadata: { at: new Date(0) } })] }, "input")).toThrow(
      /input \.messages\[0\]\.response_metadata\.at is a Date inside a LangChain object/,
    );
    expect(() => assertSerializable({ messages: [new HumanMessage({ content: "x", additional_kwargs: { call: () => 1 } })] }, "input")).toThrow(
      /\.messages\[0\]\.additional_kwargs\.call is a function/,
    );
  });
});

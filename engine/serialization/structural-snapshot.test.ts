import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { watchForInPlaceChanges } from "./fingerprint.js";
import { fullSnapshot, sameSnapshot } from "./structural-snapshot.js";

/** A conversation of `turns` turns, as a messages agent's state holds it. */
function conversation(turns: number): { messages: (HumanMessage | AIMessage | ToolMessage)[] } {
  const messages = [];
  for (let t = 0; t < turns; t++) {
    messages.push(new HumanMessage({ content: `question ${t}`, id: `h${t}` }));
    messages.push(new AIMessage({ content: "", id: `a${t}`, tool_calls: [{ name: "lookup", args: { query: `q${t}` }, id: `c${t}`, type: "tool_call" }] }));
    messages.push(new ToolMessage({ content: `${t} facts`, tool_call_id: `c${t}`, id: `t${t}` }));
    messages.push(new AIMessage({ content: `answer ${t}`, id: `r${t}` }));
  }
  return { messages };
}

describe("in-place change check on LangChain messages", () => {
  // 1 turn fits the budget (compared whole); 20 turns do not (compared by a sample).
  for (const turns of [1, 20]) {
    it(`sees a message changed in place, in a conversation of ${turns} turn(s)`, () => {
      const mistakes: ((state: ReturnType<typeof conversation>) => void)[] = [
        (state) => state.messages.push(new HumanMessage("one more")),
        (state) => (state.messages[0]!.content = "changed"),
        (state) => ((state.messages.at(-1) as AIMessage).content = "changed"),
        (state) => (state.messages.at(-1)!.id = "other"),
        (state) => (state.messages.at(-1)!.additional_kwargs["note"] = 1),
        (state) => (state.messages.at(-1)!.lc_kwargs["content"] = "changed"),
      ];
      // Five levels down in a message: seen whole; past the budget it is the sampled check's WARNING case.
      if (turns === 1) mistakes.push((state) => ((state.messages.at(-3) as AIMessage).tool_calls![0]!.args["query"] = "edited"));
      for (const mistake of mistakes) {
        const state = conversation(turns);
        const changed = watchForInPlaceChanges(state);
        expect(changed()).toBe(false);
        mistake(state);
        expect([mistakes.indexOf(mistake), changed()]).toEqual([mistakes.indexOf(mistake), true]);
      }
    });
  }

  it("sees every change a message's JSON shows, whole", () => {
    const message = new AIMessage({ content: "hi", id: "m" });
    const before = fullSnapshot(message, 512)!;
    const json = JSON.stringify(message);
    message.response_metadata["model"] = "x";
    expect(JSON.stringify(message)).not.toBe(json);
    expect(sameSnapshot(before, fullSnapshot(message, 512)!)).toBe(false);
  });

  it("reads an object with its own toJSON (not a Date, not LangChain's) as its JSON text", () => {
    class Secret {
      #value = 1;
      bump(): void {
        this.#value += 1;
      }
      toJSON(): unknown {
        return { value: this.#value };
      }
    }
    const state = { secret: new Secret() };
    const changed = watchForInPlaceChanges(state);
    expect(changed()).toBe(false);
    state.secret.bump();
    expect(changed()).toBe(true);
  });
});

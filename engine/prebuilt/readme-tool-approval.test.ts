import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { createReactAgent } from "replaygraph/prebuilt";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ScriptedChatModel } from "./testing/scripted-chat-model.js";

// The README's "A chat agent that asks before it acts" program, with a scripted model in place of
// ChatOpenAI, for each verdict, on a SQLite file reopened between the pause and the verdict.
async function program(verdict: "approve" | "edit" | "reject", path: string) {
  const sent: string[] = [];
  const sendEmail = tool(
    async ({ to, body }: { to: string; body: string }) => {
      sent.push(to);
      return `Sent to ${to}: ${body}`;
    },
    { name: "send_email", description: "Sends an email.", schema: z.object({ to: z.string(), body: z.string() }) },
  );
  const llm = () =>
    new ScriptedChatModel([
      new AIMessage({
        content: "",
        tool_calls: [{ id: "call_1", name: "send_email", args: { to: "ada@example.com", body: "The build is green." }, type: "tool_call" }],
      }),
      new AIMessage("Done."),
    ]);
  const build = (store: SqliteEventStore) => createReactAgent({ llm: llm(), tools: [sendEmail], checkpointer: store, interruptBefore: ["tools"] });
  const config = { configurable: { thread_id: "support-7" } };
  const first = new SqliteEventStore(path);
  await build(first).invoke({ messages: [new HumanMessage("Email ada@example.com that the build is green.")] }, config);
  await first.close();

  const store = new SqliteEventStore(path);
  try {
    const agent = build(store);
    const { next, values } = await agent.getState(config);
    const asked = values.messages.at(-1) as AIMessage;
    const call = asked.tool_calls![0]!;
    if (verdict === "edit") {
      const edited = { ...call, args: { ...call.args, to: "grace@example.com" } };
      await agent.updateState(config, { messages: [new AIMessage({ id: asked.id!, content: asked.content, tool_calls: [edited] })] });
    } else if (verdict === "reject") {
      await agent.updateState(
        config,
        { messages: [new ToolMessage({ tool_call_id: call.id!, name: call.name, content: "The user rejected this." })] },
        "tools",
      );
    }
    const done = await agent.invoke(null, config);
    return { next, sent, toolMessage: done.messages.at(-2)!.content, last: done.messages.at(-1)!.content };
  } finally {
    await store.close();
  }
}

describe("README: a chat agent that asks before it acts", () => {
  it.each([
    ["approve", ["ada@example.com"], "Sent to ada@example.com: The build is green."],
    ["edit", ["grace@example.com"], "Sent to grace@example.com: The build is green."],
    ["reject", [], "The user rejected this."],
  ] as const)("%s", async (verdict, sent, toolMessage) => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-readme-agent-"));
    try {
      const observed = await program(verdict, join(dir, "threads.db"));
      expect(observed).toEqual({ next: ["tools"], sent, toolMessage, last: "Done." });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

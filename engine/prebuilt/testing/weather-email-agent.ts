import { AIMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import type { EventStore } from "replaygraph";
import { createReactAgent } from "replaygraph/prebuilt";
import { z } from "zod";
import { ScriptedChatModel } from "./scripted-chat-model.js";

/** The two tool calls the agent's model makes at once, then its answer. */
export const weatherAndEmailScript = (): AIMessage[] => [
  new AIMessage({
    content: "",
    tool_calls: [
      { id: "call_weather", name: "get_weather", args: { city: "Paris" }, type: "tool_call" },
      { id: "call_email", name: "send_email", args: { to: "ada@example.com", body: "Sunny!" }, type: "tool_call" },
    ],
  }),
  new AIMessage("Done."),
];

/**
 * A createReactAgent agent whose weather tool answers at once and whose email tool waits
 * `emailDelayMs` (a process killed meanwhile leaves the weather call journaled, the email not);
 * `runs` counts each tool's executions in this process.
 */
export function buildWeatherEmailAgent(checkpointer: EventStore, emailDelayMs: number) {
  const runs = { get_weather: 0, send_email: 0 };
  const getWeather = tool(
    async ({ city }: { city: string }) => {
      runs.get_weather++;
      return `It's sunny in ${city}.`;
    },
    { name: "get_weather", description: "Weather of a city.", schema: z.object({ city: z.string() }) },
  );
  const sendEmail = tool(
    async ({ to, body }: { to: string; body: string }) => {
      await new Promise((resolve) => setTimeout(resolve, emailDelayMs));
      runs.send_email++;
      return `Sent to ${to}: ${body}`;
    },
    { name: "send_email", description: "Sends an email.", schema: z.object({ to: z.string(), body: z.string() }) },
  );
  const agent = createReactAgent({ llm: new ScriptedChatModel(weatherAndEmailScript()), tools: [getWeather, sendEmail], checkpointer });
  return { agent, runs };
}

import { HumanMessage } from "@langchain/core/messages";
import { SqliteEventStore } from "replaygraph/sqlite";
import { buildWeatherEmailAgent } from "./weather-email-agent.js";

// Runs in its own process: starts the agent, prints "journaled" once the weather tool call's
// record is in the store (the email tool is still running), and waits to be killed (kill -9).
const [path, threadId] = process.argv.slice(2);
const store = new SqliteEventStore(path!);
const { agent } = buildWeatherEmailAgent(store, 60_000);
void agent.invoke({ messages: [new HumanMessage("Weather, then email Ada")] }, { configurable: { thread_id: threadId! } });
for (;;) {
  const { events } = await store.readStream(`thread-${threadId}`);
  if (events.some((event) => event.type === "EffectRecorded" && JSON.stringify(event.data).includes(`"tool:call_weather"`))) break;
  await new Promise((resolve) => setTimeout(resolve, 10));
}
process.stdout.write("journaled\n");
await new Promise(() => undefined);

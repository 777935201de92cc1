// What the README's chat fragment uses: a checkpointer and a thread.
import { MemorySaver } from "replaygraph";

const checkpointer = new MemorySaver();
const config = { configurable: { thread_id: "chat-1" } };

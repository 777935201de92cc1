import * as langgraph from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";

// Runs in its own process, to be killed (kill -9) in the middle of a run: `first` → `second` →
// `third`, where `third` prints "third" and then never yields to the event loop (a node stuck in
// CPU work: the worst case for "async", whose append waits for the loop to turn). The same program
// on either library, at the durability mode given. `first` and `second` wait 5 ms (a model call, a
// request), so the event loop turns inside them.
const [library, durability, path] = process.argv.slice(2) as ["langgraph" | "replaygraph", "sync" | "async" | "exit", string];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lib: any = library === "langgraph" ? langgraph : replaygraph;
const checkpointer = library === "langgraph" ? SqliteSaver.fromConnString(path) : new SqliteEventStore(path);
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));
const State = lib.Annotation.Root({ log: lib.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
const graph = new lib.StateGraph(State)
  .addNode("first", () => later({ log: ["first"] }))
  .addNode("second", () => later({ log: ["second"] }))
  .addNode("third", () => {
    process.stdout.write("third\n");
    for (;;);
  })
  .addEdge(lib.START, "first")
  .addEdge("first", "second")
  .addEdge("second", "third")
  .addEdge("third", lib.END)
  .compile({ checkpointer });
await graph.invoke({ log: ["in"] }, { configurable: { thread_id: "crash" }, durability });

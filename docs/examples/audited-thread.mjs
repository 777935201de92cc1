// What the README's audit fragment reads: the first example's thread, on a SQLite file, asked
// and answered.
import { Annotation, Command, END, interrupt, START, StateGraph } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { rmSync } from "node:fs";

rmSync("./audit.db", { force: true });
const graph = new StateGraph(Annotation.Root({ draft: Annotation(), status: Annotation() }))
  .addNode("review", (state) => {
    const approved = interrupt({ question: "Send this email?", draft: state.draft });
    return { status: approved ? "sent" : "discarded" };
  })
  .addEdge(START, "review")
  .addEdge("review", END)
  .compile({ checkpointer: new SqliteEventStore("./audit.db") });
await graph.invoke({ draft: "Hello!" }, { configurable: { thread_id: "email-42" } });
await graph.invoke(new Command({ resume: true }), { configurable: { thread_id: "email-42" } });

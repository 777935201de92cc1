// What the README's fuzzGraph fragment fuzzes: a node that records a row once its question is
// answered, and the table it writes to.
import { Annotation, END, interrupt, MemorySaver, START, StateGraph } from "replaygraph";

const rows: string[] = [];
const db = { rows: () => rows.length };
const graph = new StateGraph(Annotation.Root({ item: Annotation<string>(), approved: Annotation<boolean>() }))
  .addNode("approve", (state) => {
    const approved = interrupt<unknown, boolean>({ question: "Refund this?", item: state.item }) === true;
    if (approved) rows.push(state.item);
    return { approved };
  })
  .addEdge(START, "approve")
  .addEdge("approve", END)
  .compile({ checkpointer: new MemorySaver() });

// The README's first example, before it is compiled: the programs its store fragments continue.
import { Annotation, END, interrupt, START, StateGraph } from "replaygraph";

const State = Annotation.Root({ draft: Annotation(), status: Annotation() });
const builder = new StateGraph(State)
  .addNode("review", (state) => {
    const approved = interrupt({ question: "Send this email?", draft: state.draft });
    return { status: approved ? "sent" : "discarded" };
  })
  .addEdge(START, "review")
  .addEdge("review", END);

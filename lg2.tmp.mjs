import { StateGraph, Annotation, START, END, MemorySaver, Command, interrupt } from "@langchain/langgraph";
const S = Annotation.Root({ topic: Annotation(), log: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const g = new StateGraph(S)
  .addNode("a", (s) => ({ log: ["a:"+s.topic] }))
  .addNode("c", () => ({ log: ["c"] }))
  .addEdge(START, "a").addEdge("a", "c").addEdge("c", END)
  .compile({ checkpointer: new MemorySaver() });
const short = (s) => ({ id: s.config.configurable.checkpoint_id.slice(19), p: s.parentConfig?.configurable.checkpoint_id.slice(19), m: s.metadata, next: s.next, values: s.values, tasks: s.tasks.map(t => ({ n: t.name, r: t.result, i: t.interrupts })) });
const cfg = { configurable: { thread_id: "t2" }, metadata: { user: "x" } };
await g.invoke({ topic: "t" }, cfg);
await g.invoke({ topic: "u" }, cfg);
const h = []; for await (const s of g.getStateHistory(cfg)) h.push(s);
for (const s of h) console.log(JSON.stringify(short(s)));
console.log("--- update");
const up = await g.updateState(cfg, { log: ["x"] });
console.log(JSON.stringify(up));
console.log(JSON.stringify(short(await g.getState(cfg))));
const past = h.find(s => s.next[0] === "c" && s.values.topic === "t");
console.log("--- fork invoke(null, past)");
await g.invoke(null, past.config);
const h2 = []; for await (const s of g.getStateHistory(cfg, { limit: 3 })) h2.push(s);
for (const s of h2) console.log(JSON.stringify(short(s)));
console.log("--- copy");
const cp = await g.updateState(past.config, undefined, "__copy__");
console.log(JSON.stringify(short(await g.getState(cp))));
console.log("--- bulk");
const b = await g.bulkUpdateState(cfg, [{ updates: [{ values: { topic: "bulk" }, asNode: "__input__" }] }, { updates: [{ values: { log: ["b1"] }, asNode: "a" }] }]);
const h3 = []; for await (const s of g.getStateHistory(cfg, { limit: 3 })) h3.push(s);
for (const s of h3) console.log(JSON.stringify(short(s)));
console.log("--- filter");
const h4 = []; for await (const s of g.getStateHistory(cfg, { filter: { source: "update" } })) h4.push(s);
for (const s of h4) console.log(JSON.stringify(short(s)));
const h5 = []; for await (const s of g.getStateHistory(cfg, { before: h[1].config })) h5.push(s);
console.log("before", h5.length, h.length);

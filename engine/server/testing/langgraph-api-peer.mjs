// LangGraph's own JS Agent Server (@langchain/langgraph-api) serving the demo graphs with
// LangGraph, for the side-by-side tests. Run with `node --import tsx` (the graphs are TypeScript).
// Prints `PEER_READY <url>`; SIGTERM flushes and exits (its queue workers never stop by themselves).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "@langchain/langgraph-api/server";

const graphs = fileURLToPath(new URL("./langgraph-demo-graphs.ts", import.meta.url));
const streamGraphs = fileURLToPath(new URL("./langgraph-stream-graphs.ts", import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), "lgapi-peer-"));
const { host, cleanup } = await startServer({
  port: 0,
  nWorkers: Number(process.env.PEER_WORKERS ?? 4),
  host: "127.0.0.1",
  cwd,
  graphs: {
    agent: `${graphs}:agent`,
    hitl: `${graphs}:hitl`,
    chat: `${streamGraphs}:chat`,
    nested: `${streamGraphs}:nested`,
    tokens: `${streamGraphs}:tokens`,
  },
  ...(process.env.PEER_AUTH_PATH ? { auth: { path: process.env.PEER_AUTH_PATH } } : {}),
});
process.stdout.write(`PEER_READY http://${host}\n`);
process.on("SIGTERM", () => void cleanup().finally(() => process.exit(0)));

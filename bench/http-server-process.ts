import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

/** A server under benchmark, in a child process of its own (so the clients' CPU is not its CPU). */
export interface HttpServerProcess {
  readonly name: string;
  readonly url: string;
  stop(): Promise<void>;
}

async function started(name: string, child: ChildProcess, ready: RegExp): Promise<HttpServerProcess> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = ready.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 10);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`${name} exited (${String(code)}) before it served:\n${stderr}`));
    });
  });
  return {
    name,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** `replaygraph serve --demo` (the built CLI) on `store` (`memory:` or `sqlite:<file>`). */
export function startReplaygraphServe(store: string): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [join(packageRoot(), "dist", "engine", "cli", "main.js"), "serve", "--demo", "--port", "0", "--store", store], {
    env: { ...process.env, REPLAYGRAPH_STORE: "", REPLAYGRAPH_API_KEY: "", LANGGRAPH_API_KEY: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return started(`replaygraph serve (${store.startsWith("sqlite:") ? "SQLite" : "memory"})`, child, /serve: (http:\/\/\S+)/);
}

/**
 * LangGraph's JS Agent Server (`@langchain/langgraph-api` 1.5.1, its in-memory server, what
 * `langgraph dev` runs) on the same demo graphs built with LangGraph, with 10 queue workers (the
 * official default jobs per worker), through the side-by-side tests' peer script.
 */
export function startLangGraphApiServer(): Promise<HttpServerProcess> {
  const script = join(packageRoot(), "engine", "server", "testing", "langgraph-api-peer.mjs");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: packageRoot(),
    env: { ...process.env, LANGSMITH_TRACING: "false", LOG_LEVEL: "error", PEER_WORKERS: "10" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return started("langgraph-api 1.5.1 (memory)", child, /PEER_READY (\S+)/);
}

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** LangGraph's JS Agent Server running as a child process. */
export interface LangGraphApiPeer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `@langchain/langgraph-api@1.5.1` (its in-memory server, what `langgraph dev` runs) in a
 * child process on a free loopback port, serving the demo graphs built with `@langchain/langgraph`.
 * One server per child: its module singletons allow no second one in a process. `authPath`
 * (`<absolute file>:<export>`) loads a custom Auth, as langgraph.json's `auth.path`.
 */
export async function startLangGraphApiPeer(options: { readonly authPath?: string } = {}): Promise<LangGraphApiPeer> {
  const script = fileURLToPath(new URL("./langgraph-api-peer.mjs", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LANGSMITH_TRACING: "false", LOG_LEVEL: "error", ...(options.authPath ? { PEER_AUTH_PATH: options.authPath } : {}) },
  });
  let stderr = "";
  child.stderr.on("data", (data: Buffer) => void (stderr += data.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`langgraph-api did not start in 30 s:\n${stderr}`)), 30_000);
    child.stdout.on("data", (data: Buffer) => {
      stdout += data.toString();
      const match = /PEER_READY (\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`langgraph-api exited (${code}):\n${stderr}`)));
  });
  return {
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

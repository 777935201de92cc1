import { spawn } from "node:child_process";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, expect, test } from "vitest";
import { snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

// The built `replaygraph serve` as a process: the SDK drives it, SIGTERM stops it gracefully (the
// running run finishes and is on disk), and a restarted server on the same SQLite file reads it.

let cli: BuiltCli;
beforeAll(async () => {
  cli = await snapshotBuiltCli();
}, 180_000);
afterAll(() => cli?.cleanup());

function startServe(args: readonly string[], env: Readonly<Record<string, string>> = {}) {
  const child = spawn(process.execPath, [join(cli.root, "dist", "engine", "cli", "main.js"), "serve", ...args], {
    cwd: cli.root,
    env: { ...process.env, REPLAYGRAPH_STORE: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serve: (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited ${code}: ${stderr}`));
    });
  });
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

test("replaygraph serve --demo: the SDK drives it; SIGTERM lets the running run finish; a restart reads it", async () => {
  const store = `sqlite:${join(cli.root, "serve.db")}`;
  const first = startServe(["--demo", "--port", "0", "--store", store]);
  const client = new Client({ apiUrl: await first.url });
  const thread = await client.threads.create();
  const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "t" }, config: { configurable: { sleep_ms: 200 } } });
  first.child.kill("SIGTERM");
  expect(await first.exited).toBe(0);
  expect(first.output().stdout).toContain("SIGTERM: taking no new runs");

  const second = startServe(["--demo", "--port", "0", "--store", store]);
  try {
    const again = new Client({ apiUrl: await second.url });
    expect((await again.runs.get(thread.thread_id, run.run_id)).status).toBe("success");
    expect((await again.threads.getState(thread.thread_id)).values).toEqual({ label: "t", items: ["t:a", "t:b", "t:c"] });
  } finally {
    second.child.kill("SIGTERM");
    await second.exited;
  }
}, 60_000);

test("replaygraph serve refuses a non-loopback host without an API key, and a missing langgraph.json", async () => {
  const open = await cli.run(["serve", "--demo", "--host", "0.0.0.0", "--port", "0", "--store", "memory:"]);
  expect(open.code).toBe(2);
  expect(open.stderr).toContain("REPLAYGRAPH_API_KEY");
  const none = await cli.run(["serve", "--store", "memory:"]);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain("langgraph.json");
  const help = await cli.run(["serve", "--help"]);
  expect(help.stdout).toContain("--demo");
});

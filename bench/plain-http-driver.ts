import { Agent, request } from "node:http";

/**
 * The same three requests as the SDK's `threads.create` and `runs.wait` (`POST /threads`, `POST
 * /threads/{id}/runs/wait`), sent by a bare keep-alive `node:http` client: what a round trip costs
 * without the SDK's fetch, retries and header handling, so the HTTP rows split into client,
 * loopback and server.
 */
export function plainHttpDriver(url: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(url);
  const post = (path: string, body: unknown) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const text = JSON.stringify(body);
      const req = request(
        { agent, hostname, port, path, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) } },
        (res) => {
          let answer = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (answer += chunk));
          res.on("end", () =>
            res.statusCode === 200 ? resolve(JSON.parse(answer) as Record<string, unknown>) : reject(new Error(`${path}: ${res.statusCode} ${answer}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(text);
    });
  return {
    createThread: async () => String((await post("/threads", {}))["thread_id"]),
    wait: (threadId: string, graph: string, payload: Record<string, unknown>) => post(`/threads/${threadId}/runs/wait`, { assistant_id: graph, ...payload }),
  };
}

import { createHook } from "node:async_hooks";
import diagnostics from "node:diagnostics_channel";
import { taskOwningIoHere, type TaskContext } from "./task-context.js";

/**
 * Sees the I/O a node starts while it re-executes for a resume, before it reaches its answered
 * interrupt (SEMANTICS rule 15). Two mechanisms, both attributing what they see to the task whose
 * async context started it:
 * - `async_hooks` resource creation: sockets and connections (TCP, TLS, pipes, UDP), DNS lookups,
 *   file system requests and file handles, child processes, stream writes, compression, watchers;
 * - `diagnostics_channel` request events: `fetch()` (undici) and `node:http(s)` client requests,
 *   including requests on pooled keep-alive connections, which create no new resource.
 * It cannot see synchronous I/O (`fs.writeFileSync`, better-sqlite3 and other native calls that
 * block), I/O started by code outside the task's async context (a connection pool's own
 * background work), or work done in worker threads and other processes. Plain timers are not
 * counted: a delay is not a side effect.
 *
 * The hook is enabled only while some task has an open replay window, so it costs nothing on
 * first executions.
 */
const ioResources: Readonly<Record<string, string>> = {
  TCPWRAP: "a TCP socket",
  TCPCONNECTWRAP: "a TCP connection",
  TLSWRAP: "a TLS connection",
  PIPEWRAP: "a pipe or Unix socket",
  PIPECONNECTWRAP: "a pipe connection",
  UDPWRAP: "a UDP socket",
  UDPSENDWRAP: "a UDP send",
  SENDWRAP: "a UDP send",
  GETADDRINFOREQWRAP: "a DNS lookup",
  GETNAMEINFOREQWRAP: "a DNS lookup",
  QUERYWRAP: "a DNS query",
  HTTPCLIENTREQUEST: "an HTTP request",
  FSREQCALLBACK: "a file system call",
  FSREQPROMISE: "a file system call",
  FILEHANDLE: "a file handle",
  FSEVENTWRAP: "a file watcher",
  STATWATCHER: "a file watcher",
  PROCESSWRAP: "a child process",
  WRITEWRAP: "a stream write",
  SHUTDOWNWRAP: "a stream shutdown",
  ZLIB: "a compression stream",
  WORKER: "a worker thread",
};

const requestChannels: Readonly<Record<string, string>> = {
  "undici:request:create": "a fetch() request",
  "http.client.request.start": "an HTTP request",
};

let openWindows = 0;
const hook = createHook({ init: (_id, type) => notice(ioResources[type]) });
for (const [channel, what] of Object.entries(requestChannels)) diagnostics.subscribe(channel, () => notice(what));

function notice(what: string | undefined): void {
  if (what === undefined || openWindows === 0) return;
  taskOwningIoHere()?.ioSeen?.add(what);
}

/**
 * Counts `what` (a side effect the hooks cannot see, such as a write to the long-term memory store)
 * as I/O of the task running here, if its replay window is open.
 */
export function noticeSideEffect(what: string): void {
  notice(what);
}

/** Starts attributing I/O to `task` (its replay window opened). */
export function startIoWatch(task: TaskContext): void {
  task.ioSeen = new Set();
  if (openWindows++ === 0) hook.enable();
}

/** Stops attributing I/O to `task`; returns what it saw, in the order first seen. */
export function stopIoWatch(task: TaskContext): readonly string[] {
  const seen = task.ioSeen;
  if (!seen) return [];
  task.ioSeen = undefined;
  if (--openWindows === 0) hook.disable();
  return [...seen];
}

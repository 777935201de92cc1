import { randomUUID } from "node:crypto";
import { Server, ServerCredentials, status } from "@grpc/grpc-js";
import { createAppendHandler } from "./esdb-append-handler.js";
import { createBatchAppendHandler } from "./esdb-batch-append-handler.js";
import { createDeleteHandler } from "./esdb-delete-handler.js";
import { generated } from "./esdb-generated.js";
import { grpcError } from "./esdb-grpc-error.js";
import { EsdbMemoryLog } from "./esdb-memory-log.js";
import { createReadHandler } from "./esdb-read-handler.js";
import { createServerFeaturesHandler } from "./esdb-server-features-handler.js";
import type { EsdbWireServerState } from "./esdb-wire-server-state.js";

/** Options of {@link EsdbWireServer.start}. */
export interface EsdbWireServerOptions {
  /**
   * Answer `ServerFeatures` as a 24.10 node does, so the client appends through
   * `Streams.BatchAppend` (default). With false the server has no `ServerFeatures` service, like a
   * 20.6 node, and the client falls back to `Streams.Append`.
   */
  readonly batchAppend?: boolean;
  /** `MaxAppendSize` in bytes; defaults to 1 MiB, the default of EventStoreDB before 25.1. */
  readonly maxAppendSize?: number;
}

/** One MiB, EventStoreDB's default `MaxAppendSize` up to 25.0. */
const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

/**
 * A gRPC server on 127.0.0.1 that speaks the EventStoreDB wire protocol for what
 * `@eventstore/db-client` calls on a single leader node: `ServerFeatures.GetSupportedMethods`,
 * `Streams.Append`, `Streams.BatchAppend`, `Streams.Read` (reads, and subscriptions to `$all`
 * with server-side filters) and `Streams.Delete` (soft deletes). It is built on the client's own
 * generated service definitions and keeps events in memory. Everything else is UNIMPLEMENTED.
 *
 * Like a fresh node, its `$all` already holds a system event (`$projections-$all`), so readers of
 * `$all` meet system streams as they would on a real server.
 *
 * WARNING: a test double, not a database. It has no hard deletes (tombstones), stream metadata
 * reads or writes, persistent subscriptions, subscriptions to one stream, security or persistence;
 * what it does implement follows EventStoreDB's documented semantics.
 *
 * @example
 * const server = await EsdbWireServer.start();
 * const store = new EventStoreDBEventStore({ connectionString: server.connectionString });
 * // ... server.calls lists the RPCs the client made.
 * await store.close();
 * await server.stop();
 */
export class EsdbWireServer {
  readonly #server: Server;
  readonly #state: EsdbWireServerState;
  /** The TCP port the server listens on. */
  readonly port: number;

  private constructor(server: Server, state: EsdbWireServerState, port: number) {
    this.#server = server;
    this.#state = state;
    this.port = port;
  }

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(options: EsdbWireServerOptions = {}): Promise<EsdbWireServer> {
    const state: EsdbWireServerState = {
      log: new EsdbMemoryLog(),
      maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      calls: [],
      subscriptions: new Set(),
    };
    const initialized = { id: randomUUID(), type: "$ProjectionsInitialized", contentType: "application/json" };
    state.log.append("$projections-$all", { kind: "any" }, [{ ...initialized, data: Buffer.from("{}"), customMetadata: new Uint8Array() }]);
    // EventStoreDB accepts events of up to 16 MiB from gRPC; grpc-js would refuse over 4 MiB.
    const server = new Server({ "grpc.max_receive_message_length": 17 * 1024 * 1024 });
    server.addService(generated.streamsGrpc.StreamsService, {
      read: createReadHandler(state),
      append: createAppendHandler(state),
      batchAppend: createBatchAppendHandler(state),
      delete: createDeleteHandler(state),
    });
    if (options.batchAppend ?? true) {
      server.addService(generated.serverFeaturesGrpc.ServerFeaturesService, {
        getSupportedMethods: createServerFeaturesHandler(state),
      });
    }
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
    return new EsdbWireServer(server, state, port);
  }

  /** The connection string a client uses to reach this server. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** The in-memory log, for tests to inspect what the server stored. */
  get log(): EsdbMemoryLog {
    return this.#state.log;
  }

  /** Every RPC received, as `Service.Method`, in order. */
  get calls(): readonly string[] {
    return this.#state.calls;
  }

  /**
   * Ends every open subscription with UNAVAILABLE, as a node does when it stops being leader or
   * restarts; the server itself stays up, so the clients' next calls succeed.
   */
  dropSubscriptions(): void {
    for (const drop of [...this.#state.subscriptions]) drop(grpcError(status.UNAVAILABLE, "Leader changed; subscriptions dropped."));
  }

  /** How many subscriptions are open now. */
  get openSubscriptions(): number {
    return this.#state.subscriptions.size;
  }

  /** Stops the server and drops open calls (a batch-append stream stays open otherwise). */
  async stop(): Promise<void> {
    this.#server.forceShutdown();
  }
}

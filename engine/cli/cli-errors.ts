import { ReplayGraphError } from "../errors/replaygraph-error.js";

/** The command line is not one the CLI understands: an unknown command or flag, a missing argument. */
export class UsageError extends ReplayGraphError {
  readonly code = "USAGE";
  /** The command whose help the message points to, if any. */
  readonly command: string | undefined;

  constructor(problem: string, command?: string) {
    super(`${problem}. Run \`replaygraph ${command ? `help ${command}` : "help"}\` for the usage.`);
    this.command = command;
  }
}

/** The `--store` value names no store the CLI can open. */
export class InvalidStoreError extends ReplayGraphError {
  readonly code = "INVALID_STORE";

  constructor(spec: string, problem: string) {
    super(
      `Cannot use the store '${spec}': ${problem}. Name a store as sqlite:<file> (e.g. sqlite:./replaygraph.db), ` +
        `esdb://<host>:<port>?tls=false (EventStoreDB), postgres://<user>@<host>/<database> (PostgreSQL) or memory: (this process only), with --store or REPLAYGRAPH_STORE.`,
    );
  }
}

/** A graph module could not be loaded, or holds no compiled graph to use. */
export class GraphModuleError extends ReplayGraphError {
  readonly code = "GRAPH_MODULE";
  readonly module: string;

  constructor(module: string, problem: string, options?: { cause?: unknown }) {
    super(
      `Cannot use the graph module '${module}': ${problem}. A graph module is a JavaScript file that exports a ` +
        `compiled graph (the result of StateGraph.compile()); name the export with <file>:<export> or --export <name>.`,
      options,
    );
    this.module = module;
  }
}

/** Rebuilding a thread's state needs its graph (the reducers), and none was given. */
export class GraphRequiredError extends ReplayGraphError {
  readonly code = "GRAPH_REQUIRED";

  constructor(threadId: string, graphName: string | undefined) {
    super(
      `The state of thread '${threadId}' is rebuilt through its graph's reducers, so the CLI needs the graph` +
        `${graphName ? ` ('${graphName}')` : ""}: pass --graph <file>[:<export>], a module exporting the compiled graph, ` +
        `or map the graph's name to its module in ./langgraph.json under "graphs".`,
    );
  }
}

/** A command needs a package that is an optional dependency of replaygraph, and it is not installed. */
export class MissingDependencyError extends ReplayGraphError {
  readonly code = "MISSING_DEPENDENCY";

  constructor(command: string, packageName: string, options?: { cause?: unknown }) {
    super(
      `'replaygraph ${command}' needs the package '${packageName}', which is not installed: run \`npm install --save-dev ${packageName}\` and try again.`,
      options,
    );
  }
}

/** A file the command reads, or the folder of a file it writes, does not exist. */
export class FileNotFoundError extends ReplayGraphError {
  readonly code = "FILE_NOT_FOUND";
  readonly path: string;

  constructor(path: string, what: string, fix: string) {
    super(`There is no ${what} at ${path}. ${fix}`);
    this.path = path;
  }
}

/** `langgraph.json` exists but is not JSON of LangGraph's shape. */
export class InvalidLangGraphJsonError extends ReplayGraphError {
  readonly code = "INVALID_LANGGRAPH_JSON";
  readonly path: string;

  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(
      `${path} cannot be read as a LangGraph config: ${problem}. It should be JSON like { "graphs": { "agent": "./graphs.js:agent" } }; ` +
        `fix the file, or pass the graph module with --graph <file>[:<export>].`,
      options,
    );
    this.path = path;
  }
}

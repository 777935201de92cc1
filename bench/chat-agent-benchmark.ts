import { performance } from "node:perf_hooks";
import type { BenchEngine } from "./bench-engine.js";
import type { BenchContext, Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { progressLabel, variantsOf } from "./bench-variant.js";
import { chatAgent, humanTurn } from "./chat-agent-graph.js";
import { collectGarbage } from "./collect-garbage.js";
import { formatBytes, formatMedianRange, formatMs, formatNumber, formatRatio } from "./format-number.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median, summarize, type SampleSummary } from "./sample-stats.js";

/** Turns per conversation (the 10). */
export const chatTurns = 10;

/**
 * Both engines at the same durability mode: `sync`, replaygraph's default (LangGraph's default is
 * `async`, which lets a checkpoint's write overlap the next step).
 */
const durability = "sync" as const;

interface ChatRun {
  readonly turns: number;
  readonly totalMs: number;
  readonly perTurn: SampleSummary;
}

/**
 * Benchmark 10: a chat agent (a messages channel; a scripted chat model that calls a tool, then
 * answers; the engine's own ToolNode) on SQLite: `chatThreads` conversations of 10 turns, each turn
 * one `invoke({ messages: [human] })` (agent → tools → agent). Then, on one more conversation, the
 * stored payload each turn adds.
 */
export const chatAgentBenchmark: Benchmark = {
  name: "chat",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const variants = variantsOf(context.engines, ["sqlite"]);
    const results = await repeatInterleaved(sizes, variants, async (variant, repetition) => {
      context.progress(progressLabel("chat", variant, repetition, sizes.repetitions));
      const threads = repetition.warmup ? Math.min(5, sizes.chatThreads) : sizes.chatThreads;
      return timeConversations(context, variant.engine, `chat-${repetition.index}`, threads);
    });
    const metrics: Metrics = new Map();
    const rows = variants.map(({ kind, engine }, v) => {
      const runs = results[v] ?? [];
      const rate = median(runs.map((run) => (run.turns * 1000) / run.totalMs));
      metrics.set(`chat.${kind}.${engine.name}.turnsPerSecond`, rate);
      return [
        kind,
        engine.name,
        String(runs.length),
        `**${formatMedianRange(runs.map((run) => (run.turns * 1000) / run.totalMs))}**`,
        formatMs(median(runs.map((run) => run.perTurn.p50))),
        formatMs(median(runs.map((run) => run.perTurn.p99))),
      ];
    });
    const speedup = (metrics.get("chat.sqlite.replaygraph.turnsPerSecond") ?? Number.NaN) / (metrics.get("chat.sqlite.LangGraph.turnsPerSecond") ?? Number.NaN);
    metrics.set("chat.sqlite.speedup", speedup);
    const bytesRows: string[][] = [];
    for (const engine of context.engines) {
      context.progress(`chat: ${engine.name} sqlite bytes per turn`);
      const perTurn = await bytesPerTurn(context, engine);
      const first = perTurn[0] ?? Number.NaN;
      const last = perTurn[perTurn.length - 1] ?? Number.NaN;
      metrics.set(`chat.sqlite.${engine.name}.firstTurnBytes`, first);
      metrics.set(`chat.sqlite.${engine.name}.lastTurnBytes`, last);
      metrics.set(`chat.sqlite.${engine.name}.bytesTurnRatio`, last / first);
      bytesRows.push([engine.name, ...perTurn.map((bytes) => formatNumber(bytes)), formatRatio(last / first)]);
    }
    return {
      metrics,
      section: {
        title: `10. Chat agent: ${formatNumber(sizes.chatThreads)} conversations of ${chatTurns} turns on SQLite`,
        intro: [
          "A messages agent as users write it, built with each engine's own `StateGraph(MessagesAnnotation)`, `ToolNode` and `toolsCondition`: START → agent; agent → tools when the model called a tool, else END; tools → agent. " +
            "The model is a real LangChain `BaseChatModel` answering from a script in no time (a `lookup` tool call, then an answer), the tool a real LangChain `tool()`. " +
            `Each turn is one \`invoke({ messages: [new HumanMessage(...)] })\` running agent → tools → agent (3 supersteps), timed; ${chatTurns} turns per conversation (the last one's message count checked), ` +
            'conversations one after another on one store per repetition; runs = measured repetitions, interleaved between the engines; both engines at `durability: "sync"` (each step durable before the next starts).',
        ],
        tables: [
          { headers: ["store", "engine", "runs", "turns/s (median, range)", "per turn p50 ms", "p99 ms"], rows },
          { headers: ["engine (SQLite)", ...Array.from({ length: chatTurns }, (_, t) => `turn ${t + 1} B`), "last/first"], rows: bytesRows },
        ],
        notes: [
          `Speedup replaygraph/LangGraph in turns per second: **${formatRatio(speedup)}**.`,
          "The second table: the payload bytes each turn of one more conversation added to the SQLite file (replaygraph: event data + metadata; LangGraph: checkpoint + metadata blobs + pending writes), " +
            "measured after each turn with `wal_checkpoint(TRUNCATE)`, outside the timed runs. LangGraph stores the whole message list in every checkpoint, so its bytes per turn grow with the conversation; replaygraph stores each turn's new messages once.",
        ],
      },
    };
  },
};

async function timeConversations(context: BenchContext, engine: BenchEngine, label: string, threads: number): Promise<ChatRun> {
  const file = context.data.sqliteFile(`${label}-${engine.name}`);
  const store = engine.openStore("sqlite", file);
  try {
    const agent = chatAgent(engine.name, store.checkpointer);
    const perTurn: number[] = [];
    collectGarbage();
    const start = performance.now();
    for (let t = 0; t < threads; t++) {
      const config = { configurable: { thread_id: `${label}-${t}` }, durability };
      let output: { messages: unknown[] } | undefined;
      for (let turn = 1; turn <= chatTurns; turn++) {
        const t0 = performance.now();
        output = await agent.invoke(humanTurn(turn), config);
        perTurn.push(performance.now() - t0);
      }
      // Each turn adds the human message, the tool call, the tool's answer and the reply.
      if (t === 0 && output?.messages.length !== 4 * chatTurns)
        throw new Error(`chat agent: ${String(output?.messages.length)} messages after ${chatTurns} turns, not ${4 * chatTurns}.`);
    }
    const totalMs = performance.now() - start;
    return { turns: perTurn.length, totalMs, perTurn: summarize(perTurn) };
  } finally {
    await store.close();
    context.data.removeSqliteFile(file);
  }
}

/** The payload bytes each turn of one conversation adds to the engine's SQLite file. */
async function bytesPerTurn(context: BenchContext, engine: BenchEngine): Promise<number[]> {
  const file = context.data.sqliteFile(`chat-bytes-${engine.name}`);
  const store = engine.openStore("sqlite", file);
  try {
    const agent = chatAgent(engine.name, store.checkpointer);
    const config = { configurable: { thread_id: "chat-bytes" }, durability };
    const added: number[] = [];
    // A new file holds no payload yet (LangGraph's SqliteSaver makes its tables on first use).
    let before = 0;
    for (let turn = 1; turn <= chatTurns; turn++) {
      await agent.invoke(humanTurn(turn), config);
      // Let anything written after invoke() returns land before the file is measured.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const after = store.storage()?.payloadBytes ?? Number.NaN;
      added.push(after - before);
      before = after;
    }
    return added;
  } finally {
    await store.close();
    context.data.removeSqliteFile(file);
  }
}

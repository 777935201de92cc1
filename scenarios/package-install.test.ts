import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));

/** The first ```js block of the README's section `heading` ("Example" by default). */
async function readmeExample(heading = "Example"): Promise<string> {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf(`## ${heading}`));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`README.md has no \`\`\`js block under '## ${heading}'`);
  return match[1]!;
}

describe("the published package", () => {
  it("packs, installs from the tarball in an empty folder, and runs the README's example", { timeout: 240_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-pack-"));
    try {
      const { stdout: packed } = await run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], { cwd: root, maxBuffer: 10_000_000 });
      const tarball = join(dir, packed.trim().split("\n").pop()!);
      const app = join(dir, "app");
      await run("mkdir", ["-p", app]);
      await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
      // Scripts are skipped so better-sqlite3 is not compiled a second time (90 s); its binary is
      // copied from this checkout's build instead.
      await run("npm", ["install", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", tarball], { cwd: app, maxBuffer: 10_000_000 });
      await cp(join(root, "node_modules/better-sqlite3/build"), join(app, "node_modules/better-sqlite3/build"), { recursive: true });

      await writeFile(join(app, "example.mjs"), await readmeExample());
      const { stdout } = await run("node", ["example.mjs"], { cwd: app });
      expect(stdout.trim().split("\n")).toEqual(["{ question: 'Send this email?', draft: 'Hello!' }", "sent"]);

      await writeFile(
        join(app, "sqlite.mjs"),
        `import { SqliteEventStore } from "replaygraph/sqlite";
         const store = new SqliteEventStore("./t.db");
         await store.appendToStream("thread-x", [{ type: "Hello", data: { when: new Date(0) } }], { expectedRevision: "no_stream" });
         const { events } = await store.readStream("thread-x");
         console.log(events[0].data.when instanceof Date, events[0].revision);
         await store.close();`,
      );
      const { stdout: sqliteOut } = await run("node", ["sqlite.mjs"], { cwd: app });
      expect(sqliteOut.trim()).toBe("true 0");

      await writeFile(join(app, "memory.mjs"), await readmeExample("Long-term memory"));
      const { stdout: memoryOut } = await run("node", ["memory.mjs"], { cwd: app });
      expect(memoryOut.trim()).toBe("You like: tea");

      // @langchain/core is an optional peer: without it the package loads, and what needs it says so.
      await writeFile(
        join(app, "no-langchain.mjs"),
        `import { Annotation, START, StateGraph } from "replaygraph";
         const graph = new StateGraph(Annotation.Root({ x: Annotation() })).addNode("a", () => ({})).addEdge(START, "a").compile();
         try { graph.getGraph(); } catch (error) { console.log(error.name, error.packageName); }
         await graph.getGraphAsync().catch((error) => console.log(error.name));`,
      );
      const { stdout: noLangchain } = await run("node", ["no-langchain.mjs"], { cwd: app });
      expect(noLangchain.trim().split("\n")).toEqual(["MissingPeerDependencyError @langchain/core", "MissingPeerDependencyError"]);

      // A zod state through replaygraph/zod, with the zod replaygraph depends on; its JSON schema needs @langchain/core.
      await writeFile(
        join(app, "zod-state.mjs"),
        `import { z } from "zod";
         import { START, StateGraph } from "replaygraph";
         import { registry } from "replaygraph/zod";
         import { getStateTypeSchema } from "replaygraph/zod/schema";
         const State = z.object({ topic: z.string().min(3), notes: z.array(z.string()).register(registry, { reducer: { fn: (a, b) => a.concat(b) }, default: () => [] }) });
         const graph = new StateGraph(State).addNode("draft", (s) => ({ notes: [s.topic] })).addEdge(START, "draft").compile();
         const output = await graph.invoke({ topic: "zod" });
         console.log(output.topic, JSON.stringify(output.notes));
         await graph.invoke({ topic: "z" }).catch((error) => console.log(error.name, error.issues[0].path[0]));
         try { getStateTypeSchema(graph); } catch (error) { console.log(error.name, error.packageName); }`,
      );
      const { stdout: zodOut } = await run("node", ["zod-state.mjs"], { cwd: app });
      expect(zodOut.trim().split("\n")).toEqual(['zod ["zod"]', "$ZodError topic", "MissingPeerDependencyError @langchain/core"]);

      // fast-check is an optional peer too: replaygraph/testing without it names what to install.
      await writeFile(join(app, "no-fast-check.mjs"), `await import("replaygraph/testing").catch((error) => console.log(error.name, error.packageName));`);
      const { stdout: noFastCheck } = await run("node", ["no-fast-check.mjs"], { cwd: app });
      expect(noFastCheck.trim()).toBe("MissingPeerDependencyError fast-check");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

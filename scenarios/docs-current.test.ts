import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliReference } from "../docs/tools/cli-reference.js";
import { eventCatalogue } from "../docs/tools/event-catalogue.js";
import { repositoryRoot } from "./testing/packed-package.js";

/**
 * Issue 21: the documentation in the repository says what the code does. The pages made from the
 * code are current (`npm run docs` regenerates them), the pages are written for users (none of the
 * team's own words), and every relative link leads to a file.
 */
const read = (path: string) => readFile(join(repositoryRoot, path), "utf8");
const pages = ["README.md", ...(await readdir(join(repositoryRoot, "docs"))).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)];

describe("the documentation (issue 21)", () => {
  it("docs/events.md is the catalogue engine/thread/events.ts defines (run `npm run docs` after changing an event)", async () => {
    expect(await read("docs/events.md")).toBe(eventCatalogue(await read("engine/thread/events.ts")));
  });

  it("docs/cli.md is the CLI's own help (run `npm run docs` after changing a command)", async () => {
    expect(await read("docs/cli.md")).toBe(cliReference());
  });

  it.each(pages)("%s uses no internal words (seed numbers, issue numbers, the team's spec files)", async (page) => {
    const text = await read(page);
    const found = [...text.matchAll(/\bseeds?[ /]0\d\d\S*|\bseeds\/|\bissue \d+\b|the issue's target/gi), ...text.matchAll(/\bSEMANTICS\b/g)].map(
      (match) => match[0],
    );
    expect(found).toEqual([]);
  });

  it.each(pages)("every relative link of %s leads to a file", async (page) => {
    const text = await read(page);
    const targets = [...text.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g)].map((match) => match[1]!);
    expect(targets.filter((target) => !existsSync(join(repositoryRoot, dirname(page), target)))).toEqual([]);
  });
});

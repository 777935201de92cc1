import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { eventCatalogue } from "./event-catalogue.js";
import { cliReference } from "./cli-reference.js";

/** `npm run docs`: regenerates the pages of docs/ that are made from the code. */
const root = fileURLToPath(new URL("../..", import.meta.url));
await writeFile(`${root}docs/events.md`, eventCatalogue(await readFile(`${root}engine/thread/events.ts`, "utf8")));
await writeFile(`${root}docs/cli.md`, cliReference());
console.log("wrote docs/events.md, docs/cli.md");

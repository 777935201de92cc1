import ts from "typescript";

/**
 * docs/events.md from engine/thread/events.ts: every member of the `ThreadEvent` union, in the
 * union's order, with its comment and a table of its fields (name, type, comment). The source is
 * the one place events are defined; this page is regenerated from it (`npm run docs`) and a test
 * fails when the two differ.
 */
export function eventCatalogue(source: string): string {
  const file = ts.createSourceFile("events.ts", source, ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const supporting: ts.Node[] = [];
  let union: readonly string[] = [];
  file.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && !["ThreadEvent", "ThreadEventType"].includes(node.name.text))
      supporting.push(node);
    if (ts.isTypeAliasDeclaration(node) && node.name.text === "ThreadEvent" && ts.isUnionTypeNode(node.type)) {
      union = node.type.types.map((member) => member.getText(file));
    }
  });
  const sections = union.map((name) => {
    const declaration = interfaces.get(name);
    if (!declaration) throw new Error(`events.ts: ThreadEvent names '${name}', which is not an interface of the file`);
    const rows = declaration.members.filter(ts.isPropertySignature).filter((member) => !["type", "v"].includes(member.name.getText(file)));
    const table =
      rows.length === 0
        ? "No fields besides `type` and `v`.\n"
        : [
            "| field | type | meaning |",
            "|---|---|---|",
            ...rows.map(
              (member) =>
                `| \`${member.name.getText(file)}${member.questionToken ? "?" : ""}\` | \`${cell(member.type?.getText(file) ?? "unknown")}\` | ${cell(commentOf(member, file))} |`,
            ),
          ].join("\n") + "\n";
    const comment = commentOf(declaration, file);
    return `## ${name}\n\n${comment ? `${comment}\n\n` : ""}${table}`;
  });
  return [
    "# Events",
    "",
    "<!-- Generated from engine/thread/events.ts by `npm run docs`; edit the source, not this page. -->",
    "",
    "A thread's history is a stream of these events, appended in order and never changed. Every event",
    "has a `type` (its name below) and a version `v`; the thread's state is what replaying them through",
    "the graph's reducers gives. Auditors read them with `history()` or `replaygraph history`.",
    "",
    "**Stored form (format v2).** The store keeps each event's `type` beside its data, so the data leaves",
    "out `type` and `v`, and whatever else is known without it: the `runId`, `step` and task id that the",
    "append's metadata carries once for all its events (`runId`, `step`, `task`), the thread id of",
    "`ThreadCreated` (the stream's), run options at their defaults, empty route lists, a pull task's",
    "`path`, and a `StepStarted.baseRevision` that is the revision just before it. Reading puts them back:",
    "the events below are what readers see. Events stored by 0.1.0 (format v1: the event object as it is,",
    "`type` and `v: 1` included) are read unchanged.",
    "",
    union.map((name) => `[${name}](#${name.toLowerCase()})`).join(" · "),
    "",
    ...sections,
    "## Types the fields use",
    "",
    "<!-- not run: type declarations -->",
    "```ts",
    supporting
      .filter((node) => !union.includes((node as ts.InterfaceDeclaration).name.text))
      .map((node) => file.text.slice(node.getFullStart(), node.getEnd()).trim())
      .join("\n\n"),
    "```",
    "",
  ].join("\n");
}

function commentOf(node: ts.Node, file: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(file.text, node.getFullStart()) ?? [];
  const last = ranges.filter((range) => file.text.startsWith("/**", range.pos)).at(-1);
  if (!last) return "";
  return file.text
    .slice(last.pos + 3, last.end - 2)
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, "").trimEnd())
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|");
}

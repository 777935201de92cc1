/** A Markdown table: a header row and rows of already formatted cells. */
export interface MarkdownTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** One part of the results: a heading, tables, and notes that say how to read them. */
export interface ReportSection {
  readonly title: string;
  /** Paragraphs printed before the tables: what was measured and how. */
  readonly intro: readonly string[];
  readonly tables: readonly MarkdownTable[];
  /** Paragraphs printed after the tables: caveats, caps, speedups. */
  readonly notes: readonly string[];
}

/** Renders a table as GitHub-flavoured Markdown. Pipes inside cells are escaped. */
export function renderTable(table: MarkdownTable): string {
  const row = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [row(table.headers), row(table.headers.map(() => "---")), ...table.rows.map(row)].join("\n");
}

/** Renders a section as Markdown: `## title`, intro, tables, notes. */
export function renderSection(section: ReportSection): string {
  const parts = [`## ${section.title}`, ...section.intro, ...section.tables.map(renderTable), ...section.notes];
  return `${parts.join("\n\n")}\n`;
}

import { renderCommandHelp, renderOverview } from "../../engine/cli/render-help.js";
import { cliCommands } from "../../engine/cli/run-cli.js";

/** docs/cli.md: the CLI's own help texts (`replaygraph help`, `replaygraph help <command>`), one section a command. */
export function cliReference(): string {
  return [
    "# Command line",
    "",
    "<!-- Generated from the CLI's help texts by `npm run docs`; edit the commands, not this page. -->",
    "",
    "`npm install replaygraph` puts `replaygraph` on the path; `npx replaygraph help` prints the overview",
    "below and `replaygraph <command> --help` each command's section.",
    "",
    "```text",
    renderOverview(cliCommands),
    "```",
    "",
    ...cliCommands.flatMap((command) => [`## replaygraph ${command.name}`, "", "```text", renderCommandHelp(command), "```", ""]),
  ].join("\n");
}

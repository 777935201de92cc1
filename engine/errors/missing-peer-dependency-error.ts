import { ReplayGraphError } from "./replaygraph-error.js";

/** A feature needs an optional peer dependency of replaygraph that is not installed. */
export class MissingPeerDependencyError extends ReplayGraphError {
  readonly code = "MISSING_PEER_DEPENDENCY";
  readonly packageName: string;

  constructor(feature: string, packageName: string, options?: { cause?: unknown }) {
    super(
      `${feature} needs the package '${packageName}', an optional peer dependency of replaygraph that is not installed: run \`npm install ${packageName}\` and try again.`,
      options,
    );
    this.packageName = packageName;
  }
}

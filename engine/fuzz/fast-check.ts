import type FastCheck from "fast-check";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";

/**
 * fast-check, an optional peer dependency of replaygraph, loaded when `replaygraph/testing` is
 * imported. Every module of the fuzzer takes it from here (never `import fc from "fast-check"`),
 * so importing `replaygraph/testing` without it installed fails with a named error that says what
 * to install, not Node's raw "Cannot find package".
 */
export const fc: typeof FastCheck = await loadFastCheck();

async function loadFastCheck(): Promise<typeof FastCheck> {
  try {
    return (await import("fast-check")).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && String(error).includes("fast-check")) {
      throw new MissingPeerDependencyError("replaygraph/testing", "fast-check", { cause: error });
    }
    throw error;
  }
}

/** fast-check's types, for the fuzzer's signatures. */
export type { Arbitrary } from "fast-check";

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type FastCheck from "fast-check";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";

/**
 * fast-check, an optional peer dependency of replaygraph, loaded when `replaygraph/testing` is
 * imported. Every module of the fuzzer takes it from here (never `import fc from "fast-check"`),
 * so importing `replaygraph/testing` without it installed fails with a named error that says what
 * to install, not Node's raw "Cannot find package".
 */
export const fc: typeof FastCheck = loadFastCheck();

/**
 * Loaded synchronously (the resolved ES-module build, through `require`), not with a top-level
 * `await import()`: a module with top-level await cannot be `require()`d, and CommonJS users
 * require `replaygraph/testing`. It is the same module instance an `import "fast-check"` gets, so
 * the arbitraries a user builds are fast-check's own.
 */
function loadFastCheck(): typeof FastCheck {
  let url: string;
  try {
    url = import.meta.resolve("fast-check");
  } catch (error) {
    throw new MissingPeerDependencyError("replaygraph/testing", "fast-check", { cause: error });
  }
  const module = createRequire(import.meta.url)(fileURLToPath(url)) as { default?: typeof FastCheck } & typeof FastCheck;
  return module.default ?? module;
}

/** fast-check's types, for the fuzzer's signatures. */
export type { Arbitrary } from "fast-check";

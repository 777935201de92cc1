import * as crypto from "node:crypto";

type Algorithm = "sha1" | "sha256";

/** Node's one-shot `crypto.hash` (Node 20.12+), about twice as fast as a Hash object for short text. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

/** The hex digest of `text` (UTF-8) under `algorithm`. */
export function hexDigest(algorithm: Algorithm, text: string): string {
  return oneShot ? oneShot(algorithm, text, "hex") : crypto.createHash(algorithm).update(text).digest("hex");
}

/**
 * The pattern of a case's first error, for grouping failures in RESULTS.md: its first line, with
 * ids, numbers and long printed values replaced, so cases that fail for one reason share a group.
 *
 * @example
 * failurePattern("AssertionError: expected { foo: 1 } to deeply equal { foo: 2 }")
 * // "AssertionError: expected … to deeply equal …"
 */
export function failurePattern(reason: string): string {
  const firstLine = (reason.split("\n")[0] ?? "").trim();
  const assertion =
    /^(AssertionError: )?expected (.+?) (to (?:not )?(?:deeply equal|strictly equal|equal|be|have|include|contain|throw|match|satisfy|resolve|reject)[a-zA-Z ]*?)(?: (.*))?$/.exec(
      firstLine,
    );
  const shortened = assertion
    ? `${assertion[1] ?? ""}expected ${shortValue(assertion[2] ?? "")} ${assertion[3] ?? ""}${assertion[4] === undefined ? "" : ` ${expectedPart(assertion[3] ?? "", assertion[4])}`}`
    : firstLine;
  return shortened
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>")
    .replace(/\b[0-9a-f]{32}\b/g, "<id>")
    .replace(/\b\d+(\.\d+)?\b/g, "N")
    .slice(0, 160);
}

// What a throw was expected to say is the reason itself; keep it.
function expectedPart(verb: string, value: string): string {
  return verb.includes("throw") ? value.slice(0, 80) : shortValue(value);
}

function shortValue(value: string): string {
  return value.length <= 24 ? value : "…";
}

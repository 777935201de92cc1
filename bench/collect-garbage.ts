/** Whether the process runs with `--expose-gc` (so {@link collectGarbage} really collects). */
export function canCollectGarbage(): boolean {
  return typeof globalThis.gc === "function";
}

/**
 * Runs two full garbage collections, so a timed section does not pay for the garbage of the one
 * before it. A no-op without `node --expose-gc` (the run then says so in its header).
 */
export function collectGarbage(): void {
  globalThis.gc?.();
  globalThis.gc?.();
}

/** True for a generator or async generator function (neither can be an entrypoint or a task). */
export function isGeneratorFunction(func: unknown): boolean {
  const name = typeof func === "function" ? func.constructor?.name : undefined;
  return name === "GeneratorFunction" || name === "AsyncGeneratorFunction";
}

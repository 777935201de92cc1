import { TestRunner, describe as vitestDescribe, it as vitestIt } from "vitest";
import { uncollectedPlaceholderName } from "./conformance-manifest.js";

/** A describe body of an upstream file that threw while its cases were being collected. */
export interface CollectError {
  readonly describe: string;
  readonly reason: string;
}

const collectErrorsKey = Symbol.for("replaygraph.conformance.collectErrors");

/** The collect errors of the file being collected in this worker (the runner drains them). */
export function collectErrors(): CollectError[] {
  const holder = globalThis as { [collectErrorsKey]?: CollectError[] };
  holder[collectErrorsKey] ??= [];
  return holder[collectErrorsKey];
}

function guardedFactory(factory: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function guarded(this: unknown, ...args: unknown[]) {
    const record = (error: unknown) => {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      collectErrors().push({ describe: TestRunner.getCurrentSuite().name, reason });
      // vitest fails a describe that registered no case; this placeholder keeps it a skip.
      vitestIt.skip(uncollectedPlaceholderName);
    };
    try {
      const result = factory.apply(this, args);
      return result instanceof Promise ? result.catch(record) : result;
    } catch (error) {
      record(error);
      return undefined;
    }
  };
}

function guardedDescribe<TApi extends object>(api: TApi): TApi {
  return new Proxy(api, {
    apply(target, self, args: unknown[]) {
      const guardedArgs = args.map((arg) => (typeof arg === "function" ? guardedFactory(arg as (...inner: unknown[]) => unknown) : arg));
      const result: unknown = Reflect.apply(target as (...inner: unknown[]) => unknown, self, guardedArgs);
      // describe.each(table) and describe.skipIf(cond) return another describe.
      return typeof result === "function" ? guardedDescribe(result) : result;
    },
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? guardedDescribe(value) : value;
    },
  });
}

/**
 * `describe` for the upstream files: when a describe body throws while collecting (on replaygraph,
 * a describe-level use of a name it does not export, such as `Annotation.Root(MessagesAnnotation.spec)`),
 * the error is recorded and the cases registered before it still run, instead of the whole file
 * failing. The cases it kept from being collected count as failed with that error (the reporter).
 */
export const describe = guardedDescribe(vitestDescribe);
export { afterAll, afterEach, beforeAll, beforeEach, expect, it, test, vi } from "vitest";

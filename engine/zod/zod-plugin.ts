import { z as z3 } from "zod/v3";
import { z as z4 } from "zod/v4";
import { withLangGraph } from "./with-lang-graph.js";
import { defaultGetterOf } from "./zod-interop.js";

/**
 * LangGraph's zod plugin: `schema.langgraph.reducer(fn, updateSchema)` and
 * `schema.langgraph.metadata(extras)` on zod 3 and zod 4 schemas (of the zod replaygraph depends
 * on), installed when `replaygraph/zod` is imported.
 *
 * WARNING: a prototype has one `langgraph` property. Where LangGraph's own plugin
 * (`@langchain/langgraph/zod`) was installed first in the same process, it is kept, and
 * `.langgraph.reducer(...)` registers with LangGraph's registry, which replaygraph does not read;
 * `registry` and `withLangGraph` work either way.
 */
const installedKey = Symbol.for("langgraph-zod");

function installOn(prototype: object): void {
  const global = globalThis as Record<symbol, WeakSet<object> | undefined>;
  const installed = (global[installedKey] ??= new WeakSet<object>());
  if (installed.has(prototype) || Object.prototype.hasOwnProperty.call(prototype, "langgraph")) return;
  Object.defineProperty(prototype, "langgraph", {
    get() {
      const schema = this as object;
      return {
        metadata: (jsonSchemaExtra: Record<string, unknown>) => withLangGraph(schema, { jsonSchemaExtra }),
        reducer: (fn: (current: any, update: any) => any, updateSchema?: object) => {
          const defaultGetter = defaultGetterOf(schema);
          return withLangGraph(schema, {
            ...(defaultGetter ? { default: defaultGetter } : {}),
            reducer: { fn, ...(updateSchema ? { schema: updateSchema } : {}) },
          });
        },
      };
    },
  });
  installed.add(prototype);
}

installOn(z3.ZodType.prototype);
installOn(z4.ZodType.prototype);

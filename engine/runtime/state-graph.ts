import type { AnnotationRoot, StateDefinition } from "../graph/annotation.js";
import type { ChannelArgument, StateGraphOptions, StateSchema, ZodObjectSchema } from "../graph/state-schema.js";
import type { DefinitionOfSchema } from "../zod/zod-state-definition.js";
import { StateGraphBuilder } from "../graph/state-graph-builder.js";
import { validateGraph } from "../graph/validate-graph.js";
import { cacheNodes } from "../cache/cache-nodes.js";
import { CompiledStateGraph, type CompileOptions } from "./compiled-state-graph.js";

/**
 * A graph of nodes over a shared state, LangGraph's way: add nodes and edges, then `compile()`.
 * Invalid graphs are refused at compile time with a named error that says what to fix.
 *
 * @example
 * const State = Annotation.Root({ plan: Annotation<string>(), approved: Annotation<boolean>() });
 * const graph = new StateGraph(State)
 *   .addNode("review", (state) => ({ approved: interrupt<unknown, boolean>({ plan: state.plan }) }))
 *   .addEdge(START, "review")
 *   .addEdge("review", END)
 *   .compile({ checkpointer: new MemorySaver() });
 */
export class StateGraph<
  TSchema extends ZodObjectSchema | StateDefinition = StateDefinition,
  TDefinition extends StateDefinition = DefinitionOfSchema<TSchema>,
> extends StateGraphBuilder<TDefinition> {
  // A zod object state (or a definition): the definition is the schema's (its parsed field types
  // as the state, its reducers' updates as the updates), as LangGraph infers it. First, since a
  // zod object is also a StateSchema below.
  constructor(state: TSchema, options?: StateGraphOptions | ZodObjectSchema | AnnotationRoot<any>);
  constructor(
    init: { readonly state: StateSchema<TDefinition>; readonly input?: StateSchema<any>; readonly output?: StateSchema<any> },
    options?: StateGraphOptions,
  );
  constructor(
    init: { readonly stateSchema: StateSchema<TDefinition>; readonly input?: StateSchema<any>; readonly output?: StateSchema<any> },
    options?: StateGraphOptions,
  );
  constructor(init: { readonly input: StateSchema<TDefinition>; readonly output?: StateSchema<any> }, options?: StateGraphOptions);
  constructor(init: { readonly channels: Readonly<Record<string, ChannelArgument | null>> });
  constructor(state: StateSchema<TDefinition>, options?: StateGraphOptions | ZodObjectSchema | AnnotationRoot<any>);
  constructor(state: unknown, options?: StateGraphOptions | ZodObjectSchema | AnnotationRoot<any>) {
    super(state as StateSchema<TDefinition>, options);
  }

  /** Checks the graph and makes it runnable. */
  compile(options: CompileOptions = {}): CompiledStateGraph<TDefinition> {
    const spec = validateGraph(this, {
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.interruptBefore !== undefined ? { interruptBefore: options.interruptBefore } : {}),
      ...(options.interruptAfter !== undefined ? { interruptAfter: options.interruptAfter } : {}),
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
      ...(options.warningsAsErrors !== undefined ? { warningsAsErrors: options.warningsAsErrors } : {}),
      ...(options.limits !== undefined ? { limits: options.limits } : {}),
    });
    return new CompiledStateGraph<TDefinition>(options.cache ? cacheNodes(spec, options.cache) : spec, options, this);
  }
}

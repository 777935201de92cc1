import type { ChannelSpec, StateDefinition } from "../graph/annotation.js";

/**
 * The updates a zod field with a reducer takes, as its type carries them: what `withLangGraph`
 * and `.register(registry, meta)` add to the field's type (LangGraph's `ReducedZodChannel`).
 * Type-only: at run time the field holds its reducer's schema there.
 */
export interface ReducerSchemaOf<TUpdate> {
  readonly _input: TUpdate;
  readonly _output: TUpdate;
}

/** A zod field whose key is folded by a reducer taking `TUpdate` (LangGraph's `ReducedZodChannel`). */
export type ReducedZodChannel<TSchema, TUpdate> = TSchema & { readonly lg_reducer_schema: ReducerSchemaOf<TUpdate> };

/** What a zod schema parses to (zod 4, then zod 3). */
type OutputOf<TSchema> = TSchema extends { readonly _zod: { readonly output: infer TOutput } }
  ? TOutput
  : TSchema extends { readonly _output: infer TOutput }
    ? TOutput
    : unknown;

/** What a zod schema takes (zod 4, then zod 3). */
type InputOf<TSchema> = TSchema extends { readonly _zod: { readonly input: infer TInput } }
  ? TInput
  : TSchema extends { readonly _input: infer TInput }
    ? TInput
    : unknown;

/** The fields of a zod object schema (zod 3 and 4 classic: `shape`; zod 4 mini: `_zod.def.shape`). */
type ShapeOf<TSchema> = TSchema extends { readonly shape: infer TShape }
  ? TShape
  : TSchema extends { readonly _zod: { readonly def: { readonly shape: infer TShape } } }
    ? TShape
    : never;

/** One zod field as a channel: its parsed type as the value; its reducer's updates, or its input type, as the update. */
type ChannelOfField<TField> = TField extends { readonly lg_reducer_schema: infer TReducer }
  ? ChannelSpec<OutputOf<TField>, InputOf<TReducer>>
  : ChannelSpec<OutputOf<TField>, InputOf<TField>>;

/**
 * The state definition of a zod object schema, as LangGraph types it (`InteropZodToStateDefinition`):
 * each key's value is its field's parsed type; a node's update for it is what its reducer takes
 * (`withLangGraph`, `.register(registry, { reducer })`), else the field's input type.
 */
export type ZodStateDefinition<TSchema> = { [TKey in keyof ShapeOf<TSchema>]: ChannelOfField<ShapeOf<TSchema>[TKey]> };

/** The definition a `StateGraph` schema argument stands for: a zod object's, or the definition itself. */
export type DefinitionOfSchema<TSchema> = TSchema extends { readonly _output: unknown } | { readonly _zod: { readonly output: unknown } }
  ? ZodStateDefinition<TSchema> extends infer TDefinition extends StateDefinition
    ? TDefinition
    : StateDefinition
  : TSchema extends StateDefinition
    ? TSchema
    : StateDefinition;

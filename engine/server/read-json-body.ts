import type { Context } from "hono";
import type { z } from "zod";
import { requestText } from "./request-text.js";

/** The request's JSON body (an empty body is `{}`) parsed by `schema`; throws ZodError or SyntaxError (both 422). */
export async function readJsonBody<TSchema extends z.ZodType>(c: Context, schema: TSchema): Promise<z.infer<TSchema>> {
  const text = await requestText(c);
  return schema.parse(text.trim() === "" ? {} : JSON.parse(text));
}

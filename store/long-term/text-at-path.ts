/**
 * Splits a field path of an index (`"metadata.title"`, `"chapters[*].content"`, `"{title,body}"`)
 * into its tokens: names, `[...]` selectors and `{...}` field lists.
 */
export function tokenizeFieldPath(path: string): string[] {
  const tokens: string[] = [];
  let name = "";
  for (let i = 0; i < path.length;) {
    const char = path[i]!;
    if (char === "[" || char === "{") {
      if (name) tokens.push(name);
      name = "";
      const close = char === "[" ? "]" : "}";
      let depth = 1;
      let group = char;
      for (i++; i < path.length && depth > 0; i++) {
        const inner = path[i]!;
        if (inner === char) depth++;
        else if (inner === close) depth--;
        group += inner;
      }
      tokens.push(group);
      continue;
    }
    if (char === ".") {
      if (name) tokens.push(name);
      name = "";
    } else name += char;
    i++;
  }
  if (name) tokens.push(name);
  return tokens;
}

/**
 * The texts an index embeds for one field path of a value, as LangGraph's stores find them:
 * `"$"` is the whole value as indented JSON; a name descends into an object; `[*]` and `*` take
 * every element (or every value of an object); `[i]` one element (negative from the end);
 * `{a,b.c}` the listed fields of the object there. Strings, numbers and booleans are their text,
 * objects and arrays their indented JSON, null and missing fields nothing.
 */
export function textsAtPath(value: unknown, path: string): string[] {
  if (path === "" || path === "$") return [JSON.stringify(value, null, 2)];
  return textsAt(value, tokenizeFieldPath(path), 0);
}

/** {@link textsAtPath} for a path already split (an index splits its fields once). */
export function textsAtTokens(value: unknown, tokens: readonly string[]): string[] {
  return textsAt(value, tokens, 0);
}

function textsAt(value: unknown, tokens: readonly string[], position: number): string[] {
  if (position >= tokens.length) return leafText(value);
  const token = tokens[position]!;
  const texts: string[] = position === 0 && token === "$" ? [JSON.stringify(value, null, 2)] : [];
  if (token.startsWith("[") && token.endsWith("]")) {
    if (!Array.isArray(value)) return [];
    const selector = token.slice(1, -1);
    if (selector === "*") for (const element of value) texts.push(...textsAt(element, tokens, position + 1));
    else {
      let index = parseInt(selector, 10);
      if (index < 0) index += value.length;
      if (index >= 0 && index < value.length) texts.push(...textsAt(value[index], tokens, position + 1));
    }
  } else if (token.startsWith("{") && token.endsWith("}")) {
    if (typeof value !== "object" || value === null) return [];
    // A field list ends the path: what follows it is not applied (LangGraph's behaviour).
    for (const field of token
      .slice(1, -1)
      .split(",")
      .map((name) => name.trim())) {
      let current: unknown = value;
      for (const name of tokenizeFieldPath(field)) {
        current = typeof current === "object" && current !== null && name in current ? (current as Record<string, unknown>)[name] : undefined;
        if (current === undefined) break;
      }
      if (current === null) texts.push("null");
      else if (current !== undefined) texts.push(...leafText(current));
    }
  } else if (token === "*") {
    if (Array.isArray(value)) for (const element of value) texts.push(...textsAt(element, tokens, position + 1));
    else if (typeof value === "object" && value !== null) for (const element of Object.values(value)) texts.push(...textsAt(element, tokens, position + 1));
  } else if (typeof value === "object" && value !== null && token in value) {
    texts.push(...textsAt((value as Record<string, unknown>)[token], tokens, position + 1));
  }
  return texts;
}

function leafText(value: unknown): string[] {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (typeof value === "object" && value !== null) return [JSON.stringify(value, null, 2)];
  return [];
}

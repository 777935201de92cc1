import { describe, expect, test } from "vitest";
import { isContained, matchesAuthFilters, ownerMetadataOf } from "./metadata-filters.js";

describe("auth filters, as the Agent Server matches them", () => {
  test("a plain value or $eq must be equal; $contains needs an array holding the value(s)", () => {
    const metadata = { owner: "alice", tags: ["a", "b"], nested: { x: 1 } };
    expect(matchesAuthFilters(metadata, undefined)).toBe(true);
    expect(matchesAuthFilters(metadata, { owner: "alice" })).toBe(true);
    expect(matchesAuthFilters(metadata, { owner: "bob" })).toBe(false);
    expect(matchesAuthFilters(metadata, { owner: { $eq: "alice" } })).toBe(true);
    expect(matchesAuthFilters(metadata, { tags: { $contains: "b" } })).toBe(true);
    expect(matchesAuthFilters(metadata, { tags: { $contains: ["a", "c"] } })).toBe(false);
    expect(matchesAuthFilters(metadata, { owner: { $contains: "a" } })).toBe(false);
    expect(matchesAuthFilters({}, { owner: "alice" })).toBe(false);
    expect(matchesAuthFilters(metadata, { nested: { x: 1 } })).toBe(true);
  });

  test("metadata search is jsonb containment: objects key by key, arrays element by element", () => {
    expect(isContained({ a: 1, b: { c: [1, 2, 3] } }, { b: { c: [3, 1] } })).toBe(true);
    expect(isContained({ a: 1 }, { a: "1" })).toBe(false);
    expect(isContained({ a: [1] }, { a: 1 })).toBe(false);
    expect(isContained({ a: null }, { a: null })).toBe(true);
    expect(isContained({}, { a: undefined })).toBe(true);
  });

  test("a resource made for the caller gets the plain filters as metadata, not the operators", () => {
    expect(ownerMetadataOf({ owner: "alice", tags: { $contains: "x" } })).toEqual({ owner: "alice" });
    expect(ownerMetadataOf(undefined)).toEqual({});
  });
});

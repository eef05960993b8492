import { describe, expect, it } from "vitest";
import { matchBound, pairCondition, pairQueryText, parseQueryTree, queryLexemes, textArrayLiteral } from "./query-tree";

// The trees are as PostgreSQL prints them: querytree(websearch_to_tsquery('english', ...)).
const pairsOf = (tree: string) => {
  const c = pairCondition(parseQueryTree(tree));
  return c ? pairQueryText(c) : null;
};

describe("parseQueryTree", () => {
  it("reads words, phrases, AND, OR and NOT with PostgreSQL's precedence", () => {
    expect(parseQueryTree("'a' & 'b' | 'c'")).toEqual({
      t: "or",
      a: { t: "and", a: { t: "lex", v: "a" }, b: { t: "lex", v: "b" } },
      b: { t: "lex", v: "c" },
    });
    expect(parseQueryTree("'a' <-> 'b' & !'c'")).toEqual({
      t: "and",
      a: { t: "phrase", d: 1, a: { t: "lex", v: "a" }, b: { t: "lex", v: "b" } },
      b: { t: "not", a: { t: "lex", v: "c" } },
    });
    expect(parseQueryTree("!( 'f' <-> 'g' )")).toEqual({
      t: "not",
      a: { t: "phrase", d: 1, a: { t: "lex", v: "f" }, b: { t: "lex", v: "g" } },
    });
  });

  it("reads quotes and backslashes inside a lexeme", () => {
    expect(parseQueryTree("'o''brien' <-> 'a\\\\b'")).toEqual({
      t: "phrase",
      d: 1,
      a: { t: "lex", v: "o'brien" },
      b: { t: "lex", v: "a\\b" },
    });
  });

  it("has nothing to read in an empty query, and refuses what it cannot read", () => {
    expect(parseQueryTree("T")).toBeNull();
    expect(parseQueryTree("")).toBeNull();
    expect(() => parseQueryTree("'a' &")).toThrow();
    expect(() => parseQueryTree("'a' ? 'b'")).toThrow();
  });
});

describe("pairCondition", () => {
  it("asks for each adjacent pair of a phrase", () => {
    expect(pairsOf("'children' <-> 'social' <-> 'care'")).toBe("('children~social' & 'social~care')");
  });

  it("asks nothing across a gap where a stop word stood, nor of single words or exclusions", () => {
    expect(pairsOf("'care' <2> 'children'")).toBeNull();
    expect(pairsOf("'care' & 'children'")).toBeNull();
    expect(pairsOf("'care' & !( 'front' <-> 'door' )")).toBeNull();
    expect(pairsOf("'a-b' <2> 'b' <-> 'c'")).toBe("'b~c'");
  });

  it("keeps an OR only where both sides ask for pairs", () => {
    expect(pairsOf("'a' <-> 'b' | 'c' <-> 'd'")).toBe("('a~b' | 'c~d')");
    expect(pairsOf("'a' <-> 'b' | 'c'")).toBeNull();
    expect(pairsOf("'a' <-> 'b' & 'c'")).toBe("'a~b'");
  });

  it("quotes a pair's lexemes for tsquery input", () => {
    expect(pairsOf("'o''brien' <-> 'x'")).toBe("'o''brien~x'");
  });

  it("leaves out a pair too long to be stored", () => {
    const long = "x".repeat(1500);
    expect(pairsOf(`'${long}' <-> '${long}'`)).toBeNull();
  });
});

describe("matchBound", () => {
  it("bounds an AND by every term, a phrase by its words and pairs, an OR by each side", () => {
    expect(matchBound(parseQueryTree("'a' & 'b'"))).toEqual([
      [
        { column: "search", v: "a" },
        { column: "search", v: "b" },
      ],
    ]);
    expect(matchBound(parseQueryTree("'a' <-> 'b'"))).toEqual([
      [
        { column: "search", v: "a" },
        { column: "search", v: "b" },
        { column: "pairs", v: "a~b" },
      ],
    ]);
    expect(matchBound(parseQueryTree("'a' | 'b'"))).toEqual([[{ column: "search", v: "a" }], [{ column: "search", v: "b" }]]);
  });

  it("is unbounded for an exclusion alone", () => {
    expect(matchBound(parseQueryTree("'a' & !'b'"))).toEqual([[{ column: "search", v: "a" }]]);
    expect(matchBound(parseQueryTree("!'b'"))).toEqual([[]]);
  });
});

describe("queryLexemes and textArrayLiteral", () => {
  it("lists the words looked for, not those left out", () => {
    expect(queryLexemes(parseQueryTree("'a' & !'b' | 'c' <-> 'a'"))).toEqual(["a", "c"]);
    expect(queryLexemes(null)).toEqual([]);
  });

  it("quotes each string of a text[] literal", () => {
    expect(textArrayLiteral(['a"b', "c\\d", "e"])).toBe('{"a\\"b","c\\\\d","e"}');
    expect(textArrayLiteral([])).toBe("{}");
  });
});

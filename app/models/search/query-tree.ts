/**
 * A search query's tree, as PostgreSQL prints it (`querytree(websearch_to_tsquery(...))`), and what
 * follows from it for the phrase index (docs/decisions/051-search-plans-from-word-frequencies.md):
 * the adjacent word pairs every match must hold, and the terms whose frequency decides the plan.
 *
 * Pure functions: no database. The pairs are those `search_pairs()` (migration 0032) stores for a
 * row, so a row that matches the query always holds them: the pair condition only narrows.
 */

export type QueryNode =
  | { t: "lex"; v: string }
  | { t: "not"; a: QueryNode }
  | { t: "and" | "or"; a: QueryNode; b: QueryNode }
  | { t: "phrase"; d: number; a: QueryNode; b: QueryNode };

/** The separator of a pair's two lexemes in `search_pairs()` (migration 0032). */
export const PAIR_SEPARATOR = "~";
/** `search_pairs()` leaves out a pair whose lexemes together reach this many bytes (a tsvector lexeme's limit is 2,046). */
export const PAIR_MAX_BYTES = 2000;

type Token = { k: "lex"; v: string } | { k: "op"; v: "&" | "|" | "!" | "(" | ")" } | { k: "phrase"; d: number };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " ") {
      i++;
    } else if (c === "'") {
      let v = "";
      i++;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") {
          v += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else if (text[i] === "\\" && i + 1 < text.length) {
          v += text[i + 1];
          i += 2;
        } else {
          v += text[i++];
        }
      }
      // A prefix or weight mark (":*", ":A") is not made by websearch_to_tsquery; skipped if present.
      while (i < text.length && /[:*A-D]/.test(text[i])) i++;
      out.push({ k: "lex", v });
    } else if (c === "<") {
      const end = text.indexOf(">", i);
      if (end < 0) throw new Error(`Unreadable query tree: ${text}`);
      const inner = text.slice(i + 1, end);
      out.push({ k: "phrase", d: inner === "-" ? 1 : Number(inner) });
      i = end + 1;
    } else if (c === "&" || c === "|" || c === "!" || c === "(" || c === ")") {
      out.push({ k: "op", v: c });
      i++;
    } else {
      throw new Error(`Unreadable query tree: ${text}`);
    }
  }
  return out;
}

/**
 * The tree of PostgreSQL's printed tsquery: `|` binds loosest, then `&`, then the phrase operators
 * (`<->`, `<N>`, left to right), then `!`. Null for the empty query ("T" or "").
 */
export function parseQueryTree(text: string): QueryNode | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "T") return null;
  const ts = tokens(trimmed);
  let pos = 0;
  const peek = () => ts[pos];
  const isOp = (v: string) => peek()?.k === "op" && (peek() as { v: string }).v === v;
  const or = (): QueryNode => {
    let left = and();
    while (isOp("|")) {
      pos++;
      left = { t: "or", a: left, b: and() };
    }
    return left;
  };
  const and = (): QueryNode => {
    let left = phrase();
    while (isOp("&")) {
      pos++;
      left = { t: "and", a: left, b: phrase() };
    }
    return left;
  };
  const phrase = (): QueryNode => {
    let left = unary();
    while (peek()?.k === "phrase") {
      const d = (ts[pos++] as { d: number }).d;
      left = { t: "phrase", d, a: left, b: unary() };
    }
    return left;
  };
  const unary = (): QueryNode => {
    const tok = ts[pos++];
    if (!tok) throw new Error(`Unreadable query tree: ${text}`);
    if (tok.k === "lex") return { t: "lex", v: tok.v };
    if (tok.k === "op" && tok.v === "!") return { t: "not", a: unary() };
    if (tok.k === "op" && tok.v === "(") {
      const inner = or();
      if (!isOp(")")) throw new Error(`Unreadable query tree: ${text}`);
      pos++;
      return inner;
    }
    throw new Error(`Unreadable query tree: ${text}`);
  };
  const tree = or();
  if (pos !== ts.length) throw new Error(`Unreadable query tree: ${text}`);
  return tree;
}

/** A lexeme quoted for tsquery input. */
export function quoteLexeme(v: string): string {
  return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** The pair `search_pairs()` stores for two adjacent lexemes, or null where it stores none. */
export function pairOf(a: string, b: string): string | null {
  return bytes(a) + bytes(b) < PAIR_MAX_BYTES ? `${a}${PAIR_SEPARATOR}${b}` : null;
}

function first(n: QueryNode): string | null {
  if (n.t === "lex") return n.v;
  if (n.t === "phrase") return first(n.a);
  return null;
}

function last(n: QueryNode): string | null {
  if (n.t === "lex") return n.v;
  if (n.t === "phrase") return last(n.b);
  return null;
}

/** A condition on the pairs every match holds, as a tree of pairs; null where there is none. */
export type PairCondition = { t: "pair"; v: string } | { t: "and" | "or"; a: PairCondition; b: PairCondition };

function both(a: PairCondition | null, b: PairCondition | null): PairCondition | null {
  if (!a) return b;
  if (!b) return a;
  return { t: "and", a, b };
}

/**
 * The adjacent pairs a row must hold to match: each phrase's neighbouring words (`<->`), joined as
 * the query joins them. A word alone, an exclusion, or a phrase with a gap (`<2>`, where a stop
 * word stood) asks for no pair.
 */
export function pairCondition(n: QueryNode | null): PairCondition | null {
  if (!n) return null;
  switch (n.t) {
    case "lex":
    case "not":
      return null;
    case "and":
      return both(pairCondition(n.a), pairCondition(n.b));
    case "or": {
      const a = pairCondition(n.a);
      const b = pairCondition(n.b);
      return a && b ? { t: "or", a, b } : null;
    }
    case "phrase": {
      const inner = both(pairCondition(n.a), pairCondition(n.b));
      const l = last(n.a);
      const r = first(n.b);
      const pair = n.d === 1 && l !== null && r !== null ? pairOf(l, r) : null;
      return both(inner, pair ? { t: "pair", v: pair } : null);
    }
  }
}

/** A pair condition as tsquery input. */
export function pairQueryText(c: PairCondition): string {
  if (c.t === "pair") return quoteLexeme(c.v);
  return `(${pairQueryText(c.a)} ${c.t === "and" ? "&" : "|"} ${pairQueryText(c.b)})`;
}

/** A term whose frequency bounds how many rows can match: a word (`search`) or a pair (`phrase_pairs`). */
export type Term = { column: "search" | "pairs"; v: string };

/** What bounds the number of matches: every row matching holds all of a group's terms, for at least one group. */
export type Bound = Term[][];

/**
 * The groups of terms of which a matching row holds at least one group whole (an OR of ANDs),
 * for estimating from the words' and pairs' frequencies how many rows match at most: a row
 * matching `a b` holds both a and b; `"a b"` holds the pair a~b; `a OR b` holds a or b; `-a` asks
 * nothing. The estimate of a group is its rarest term's frequency (at most that many rows hold all).
 */
export function matchBound(n: QueryNode | null): Bound {
  if (!n) return [[]];
  switch (n.t) {
    case "lex":
      return [[{ column: "search", v: n.v }]];
    case "not":
      return [[]];
    case "or":
      return [...matchBound(n.a), ...matchBound(n.b)];
    case "and":
    case "phrase": {
      const a = matchBound(n.a);
      const b = matchBound(n.b);
      const pairs: Term[] = [];
      if (n.t === "phrase" && n.d === 1) {
        const l = last(n.a);
        const r = first(n.b);
        const pair = l !== null && r !== null ? pairOf(l, r) : null;
        if (pair) pairs.push({ column: "pairs", v: pair });
      }
      // Every combination of one group from each side (bounded: queries are at most 500 characters).
      // Past 64 groups the bound says nothing (any row may match) rather than grow without end.
      if (a.length * b.length > 64) return [[]];
      const out: Bound = [];
      for (const x of a) for (const y of b) out.push([...x, ...y, ...pairs]);
      return out;
    }
  }
}

/** The words a query looks for (not those it leaves out), as stems. */
export function queryLexemes(n: QueryNode | null): string[] {
  if (!n) return [];
  switch (n.t) {
    case "lex":
      return [n.v];
    case "not":
      return [];
    default:
      return [...new Set([...queryLexemes(n.a), ...queryLexemes(n.b)])];
  }
}

/** Strings as a PostgreSQL text[] literal (bound as one parameter, `${literal}::text[]`). */
export function textArrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

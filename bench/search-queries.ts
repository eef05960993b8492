/**
 * The benchmark's search queries, drawn from the synthetic archive's vocabulary
 * (db/synth/vocabulary.ts). The portal's page cache answers a repeated anonymous
 * URL from memory, so the search scenarios never repeat a URL: each request takes
 * the next term of its kind in turn and a counter (`bench=N`, a parameter the
 * search page ignores), so every response the budget sees was computed by the
 * search queries themselves.
 */
import { BENCH_SEARCH_TERMS, SEED_PARAGRAPHS } from "../db/synth/vocabulary";

export type SearchScenario = "rare" | "common" | "phrase";

/** Words too short or too empty to be a search anyone makes (English stop words are dropped by PostgreSQL anyway). */
const STOP = new Set(
  "about after also been being could does from have having into more most much must other over same some such than that their them then there these they this those through however since very were what when where which while will with would your should".split(
    " ",
  ),
);

function words(text: string): string[] {
  return text
    .replace(/\{[A-Z_]+\}/g, " ")
    .toLowerCase()
    .split(/[^a-z']+/)
    .map((w) => w.replace(/^'+|'+$/g, ""));
}

const content = (w: string) => w.length >= 5 && !STOP.has(w) && !w.includes("'");

function mostFrequent(counts: Map<string, number>, n: number): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([w]) => w);
}

/**
 * Up to `n` distinct queries of a kind, the benchmark's named term first:
 * - rare: the one word the generator places in a few dozen records only (every
 *   other seed word is spread through the Markov chain, so nothing else is rare);
 * - common: the most frequent content words of the seed documents;
 * - phrase: the most frequent pairs of adjacent content words, quoted.
 */
export function searchTerms(scenario: SearchScenario, n = 24): string[] {
  if (scenario === "rare") return [BENCH_SEARCH_TERMS.rare];
  const counts = new Map<string, number>();
  for (const paragraph of SEED_PARAGRAPHS) {
    for (const sentence of paragraph.split(/[.;:!?,()"]/)) {
      const ws = words(sentence).filter(Boolean);
      if (scenario === "common") {
        for (const w of ws) if (content(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      } else {
        for (let i = 0; i + 1 < ws.length; i++) {
          if (content(ws[i]) && content(ws[i + 1])) {
            const pair = `"${ws[i]} ${ws[i + 1]}"`;
            counts.set(pair, (counts.get(pair) ?? 0) + 1);
          }
        }
      }
    }
  }
  const named = scenario === "common" ? BENCH_SEARCH_TERMS.common : BENCH_SEARCH_TERMS.phrase;
  return [named, ...mostFrequent(counts, n).filter((t) => t !== named)].slice(0, n);
}

/** The search path for a query, with the benchmark's counter so the URL is new. */
export function searchPath(term: string, counter?: number): string {
  const q = encodeURIComponent(term).replace(/%20/g, "+");
  return counter === undefined ? `/search?q=${q}` : `/search?q=${q}&bench=${counter}`;
}

/** A source of never-repeated search paths, cycling through the scenario's terms. */
export function uncachedSearchPaths(scenario: SearchScenario): { terms: string[]; next: () => string } {
  const terms = searchTerms(scenario);
  let i = 0;
  return {
    terms,
    next: () => {
      const path = searchPath(terms[i % terms.length], i);
      i += 1;
      return path;
    },
  };
}

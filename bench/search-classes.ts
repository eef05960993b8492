/**
 * `npm run bench -- --search`: what people type, measured one request at a time, uncached
 * (docs/decisions/047-one-search-index.md). Queries are drawn from the synthetic archive's
 * vocabulary (the seed documents the Markov chain was trained on, so a word's frequency there is
 * its frequency in the archive) in classes: single words at three frequencies, two and three
 * words, quoted phrases of two and three words, OR, -word; each without a filter and with a kind,
 * a body or a two-year date filter, sorted by relevance and by date. Every URL is new (a counter
 * the page ignores), so the page cache answers none of them.
 *
 * The relevance check plants records (documents and agenda items on published meetings) whose
 * titles carry a unique three-word phrase, spread across the archive's whole date range, and checks
 * each is the first result for its quoted phrase. They are removed at the end.
 */
import { BENCH_SEARCH_TERMS, SEED_PARAGRAPHS } from "../db/synth/vocabulary";
import { searchTerms } from "./search-queries";
import { round } from "./util";

export type Filter = "none" | "kind" | "body" | "date";
export type Sort = "relevance" | "date";
export const FILTERS: Filter[] = ["none", "kind", "body", "date"];

export interface Planted {
  phrase: string;
  href: string;
  date: string;
}

export interface SearchPlan {
  bodies: string[];
  years: [number, number];
  planted: Planted[];
  /** Words rare in the archive itself (search-plant.ts), for the class "word, rare". */
  rareWords: string[];
}

/** The most rows a word may be found in to be rare in the archive: 1,000 of its 800,000 at full size. */
export const RARE_IN_ARCHIVE = 1000;

/**
 * Candidates for rare words: the seed documents' 200 least frequent. The Markov chain makes many
 * of them common in the archive ("informs" is in 217,000 rows), so the benchmark keeps those found
 * in RARE_IN_ARCHIVE rows or fewer (search-plant.ts counts them).
 */
export function seldomSeedWords(): string[] {
  return wordsByFrequency().slice(-200);
}

export interface Sample {
  cls: string;
  filter: Filter;
  sort: Sort;
  q: string;
  ms: number;
  status: number;
  tooSlow: boolean;
}

function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STOP = new Set(
  "about after also been being could does from have having into more most much must other over same some such than that their them then there these they this those through however since very were what when where which while will with would your should".split(" "),
);

/** Content words of the seed documents by frequency, most frequent first. */
function wordsByFrequency(): string[] {
  const counts = new Map<string, number>();
  for (const p of SEED_PARAGRAPHS) {
    for (const w of p.replace(/\{[A-Z_]+\}/g, " ").toLowerCase().split(/[^a-z]+/)) {
      if (w.length >= 5 && !STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

/** Adjacent content-word triples of the seed documents, most frequent first, quoted. */
function tripleTerms(n: number): string[] {
  const counts = new Map<string, number>();
  for (const p of SEED_PARAGRAPHS) {
    for (const sentence of p.split(/[.;:!?,()"]/)) {
      const ws = sentence.replace(/\{[A-Z_]+\}/g, " ").toLowerCase().split(/[^a-z]+/).filter(Boolean);
      for (let i = 0; i + 2 < ws.length; i++) {
        if ([ws[i], ws[i + 1], ws[i + 2]].every((w) => w.length >= 4 && !STOP.has(w))) {
          const t = `"${ws[i]} ${ws[i + 1]} ${ws[i + 2]}"`;
          counts.set(t, (counts.get(t) ?? 0) + 1);
        }
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([t]) => t);
}

/** The query classes, each with its queries (at most `perClass`). */
export function queryClasses(perClass = 6, rareWords: string[] = []): Record<string, string[]> {
  const random = seeded(47);
  const byFreq = wordsByFrequency();
  const pick = (xs: string[]) => xs[Math.floor(random() * xs.length)];
  const frequent = byFreq.slice(0, 24);
  const middling = byFreq.slice(Math.floor(byFreq.length * 0.2), Math.floor(byFreq.length * 0.3));
  const infrequent = byFreq.slice(-200);
  const n = (f: () => string) => Array.from({ length: perClass }, f);
  return {
    "word, frequent": frequent.slice(0, perClass),
    "word, middling": n(() => pick(middling)),
    // Rare in the archive: the generator's planted rare word and any of the seed documents' least
    // frequent words found in RARE_IN_ARCHIVE rows or fewer (none, at full size).
    "word, rare": [BENCH_SEARCH_TERMS.rare, ...rareWords].slice(0, perClass),
    // The seed documents' least frequent words: the Markov chain makes them common in the archive
    // (in 29,000 to 217,000 rows at full size), so they are measured as a class of their own.
    "word, seldom in the seed": n(() => pick(infrequent)),
    "two words": n(() => `${pick(frequent)} ${pick(middling)}`),
    "three words": n(() => `${pick(frequent)} ${pick(middling)} ${pick(middling)}`),
    "phrase, two words": searchTerms("phrase", perClass),
    "phrase, three words": tripleTerms(perClass),
    "phrase, rare": n(() => `"${BENCH_SEARCH_TERMS.rare} ${pick(frequent)}"`),
    OR: n(() => `${pick(middling)} OR ${pick(infrequent)}`),
    "-word": n(() => `${pick(frequent)} -${pick(middling)}`),
  };
}

const KINDS = ["document", "question", "agenda_item", "minute", "action", "response"];

export function searchUrl(q: string, filter: Filter, sort: Sort, plan: SearchPlan, i: number, run: string): string {
  const params = new URLSearchParams({ q });
  const random = seeded(i + 1);
  if (filter === "kind") params.set("kind", KINDS[i % KINDS.length]);
  if (filter === "body") params.set("body", plan.bodies[i % plan.bodies.length]);
  if (filter === "date") {
    const from = plan.years[0] + Math.floor(random() * Math.max(1, plan.years[1] - plan.years[0] - 1));
    params.set("from", `${from}-01-01`);
    params.set("to", `${from + 1}-12-31`);
  }
  if (sort === "date") params.set("sort", "date");
  params.set("bench", `${run}-${i}`);
  return `/search?${params.toString()}`;
}

/** Unique three-word title phrases of ordinary words, and where to plant them. */
export function plantedPhrases(count: number): string[] {
  const random = seeded(2026);
  const words = wordsByFrequency().slice(0, 300);
  const out = new Set<string>();
  while (out.size < count) {
    const ws = [0, 1, 2].map(() => words[Math.floor(random() * words.length)]);
    if (new Set(ws).size === 3) out.add(ws.join(" "));
  }
  return [...out];
}

/** The results' links of a search page, in order. */
export function resultLinks(html: string): string[] {
  const start = html.indexOf("portal-search-results");
  if (start < 0) return [];
  const end = html.indexOf("</ol>", start);
  return [...html.slice(start, end).matchAll(/<h3[^>]*><a[^>]*href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

export async function runSearchClasses(base: string, plan: SearchPlan, perClass: number, onProgress: (line: string) => void) {
  const run = Date.now().toString(36);
  const samples: Sample[] = [];
  let i = 0;
  for (const [cls, queries] of Object.entries(queryClasses(perClass, plan.rareWords))) {
    for (const sort of ["relevance", "date"] as Sort[]) {
      for (const filter of FILTERS) {
        for (const q of queries) {
          const url = base + searchUrl(q, filter, sort, plan, i++, run);
          const t0 = performance.now();
          const res = await fetch(url);
          const html = await res.text();
          const ms = performance.now() - t0;
          samples.push({ cls, filter, sort, q, ms, status: res.status, tooSlow: html.includes("matched too much to finish") });
        }
      }
    }
    const mine = samples.filter((s) => s.cls === cls).map((s) => s.ms);
    onProgress(`  ${cls}: p95 ${round(percentile(mine, 95), 0)} ms, max ${round(Math.max(...mine), 0)} ms`);
  }
  const relevance: { phrase: string; href: string; date: string; position: number | null }[] = [];
  for (const p of plan.planted) {
    const res = await fetch(`${base}/search?q=${encodeURIComponent(`"${p.phrase}"`)}&bench=${run}-planted-${i++}`);
    const links = resultLinks(await res.text());
    const at = links.indexOf(p.href);
    relevance.push({ ...p, position: at < 0 ? null : at + 1 });
  }
  return { samples, relevance };
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export function searchMarkdown(
  result: Awaited<ReturnType<typeof runSearchClasses>>,
  meta: { target: string; counts: Record<string, number>; startedAt: string; load: number[]; index: string; rareWords: string[] },
): string {
  const { samples, relevance } = result;
  const stat = (xs: Sample[]) => {
    const ms = xs.map((s) => s.ms);
    return `${round(percentile(ms, 50), 0)} / ${round(percentile(ms, 95), 0)} / ${round(Math.max(...ms), 0)}`;
  };
  const classes = [...new Set(samples.map((s) => s.cls))];
  const lines = [
    `# Search by query class (${meta.startedAt})`,
    "",
    `Target: ${meta.target}; search index: ${meta.index}. Archive: ${Object.entries(meta.counts).map(([t, n]) => `${t} ${n.toLocaleString("en-GB")}`).join(", ")}.`,
    `One request at a time, every URL new (uncached); load average at the start ${meta.load.join(", ")}.`,
    `Rare words: "Afghan" (planted in 50 records) and those of the seed documents' 200 least frequent found in ${RARE_IN_ARCHIVE.toLocaleString("en-GB")} rows or fewer of the archive (${meta.rareWords.length}: ${meta.rareWords.slice(0, 12).join(", ")}${meta.rareWords.length > 12 ? ", …" : ""}).`,
    "Times are the whole page's response in ms, p50 / p95 / max.",
    "",
    "| Class | All | No filter | Kind | Body | Dates | By date | Not 200 | Too slow |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const cls of classes) {
    const mine = samples.filter((s) => s.cls === cls);
    const rel = mine.filter((s) => s.sort === "relevance");
    const cells = FILTERS.map((f) => stat(rel.filter((s) => s.filter === f)));
    lines.push(
      `| ${cls} | ${stat(mine)} | ${cells.join(" | ")} | ${stat(mine.filter((s) => s.sort === "date"))} | ${mine.filter((s) => s.status !== 200).length} | ${mine.filter((s) => s.tooSlow).length} |`,
    );
  }
  const all = samples.map((s) => s.ms);
  const p95s = classes.map((c) => percentile(samples.filter((s) => s.cls === c).map((s) => s.ms), 95));
  const rare = samples.filter((s) => s.cls === "word, rare" || s.cls === "phrase, rare").map((s) => s.ms);
  const first = relevance.filter((r) => r.position === 1).length;
  lines.push(
    "",
    `All ${samples.length} searches: p50 ${round(percentile(all, 50), 0)} ms, p95 ${round(percentile(all, 95), 0)} ms, max ${round(Math.max(...all), 0)} ms.`,
    "",
    "| Budget | Measured | Target |",
    "| --- | --- | --- |",
    `| Every class p95 | worst ${round(Math.max(...p95s), 0)} ms | < 150 ms |`,
    `| No search over | ${round(Math.max(...all), 0)} ms | 500 ms |`,
    `| Rare words and rare phrases p95 | ${round(percentile(rare, 95), 0)} ms | < 50 ms |`,
    `| Planted records first for their phrase | ${first} of ${relevance.length} | all |`,
    "",
    "## Planted records",
    "",
    "| Phrase | Date | Record | Position |",
    "| --- | --- | --- | --- |",
    ...relevance.map((r) => `| "${r.phrase}" | ${r.date} | ${r.href} | ${r.position ?? "not on the first page"} |`),
    "",
  );
  return lines.join("\n");
}

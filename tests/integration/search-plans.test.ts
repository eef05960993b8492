/**
 * Search plans from the words' frequencies (docs/decisions/051-search-plans-from-word-frequencies.md):
 * - a row that matches a quoted phrase always holds the phrase's word pairs (`search_pairs()`,
 *   migration 0032), for phrases cut from every row's own text, stop words and hyphens included;
 * - both plans, gathered and walked, answer every search alike, and as the index answers it read
 *   whole: the same count and the same results in the same order, for each kind of viewer, with
 *   filters, by relevance and by date, on later pages;
 * - the plan is chosen from PostgreSQL's statistics of the words, once the index has been analysed.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { db } from "~/db.server";
import { search, type SearchOptions } from "~/models/search";
import { boundRows, countFromIndex, indexedCount, MAX_MATCHES, shouldGather, termFrequencies, walkedCount } from "~/models/search/plans.server";
import { matchBound, pairCondition, pairQueryText, parseQueryTree } from "~/models/search/query-tree";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { mulberry32 } from "../../db/synth/prng";
import { makeUser } from "../support/accounts";

const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

let viewers: Record<string, Viewer>;

beforeAll(async () => {
  await importContent({ directory: path.resolve(process.cwd(), "content"), log: () => {} });
  const clerk = await makeUser("clerk");
  const member = await makeUser("member");
  viewers = {
    public: PUBLIC_VIEWER,
    clerk: { kind: "user", userId: clerk.id, name: "Clerk", email: clerk.email, role: "clerk", personId: null, organisationId: null },
    member: { kind: "user", userId: member.id, name: "Member", email: member.email, role: "member", personId: null, organisationId: null },
  };
}, 120_000);

describe("a phrase's word pairs", () => {
  it("are held by every row that matches a phrase cut from its own text", async () => {
    const random = mulberry32(51);
    const texts = rows<{ text: string }>(
      await db().execute(sql`select search_title || ' ' || search_body as text from search_entries order by kind, record_id`),
    );
    expect(texts.length).toBeGreaterThan(30);
    const phrases = new Set<string>();
    for (const { text } of texts) {
      const words = text.split(/\s+/).filter(Boolean);
      for (let k = 0; k < 12 && words.length > 4; k++) {
        const at = Math.floor(random() * (words.length - 4));
        phrases.add(`"${words.slice(at, at + 2 + Math.floor(random() * 3)).join(" ")}"`);
      }
    }
    let checked = 0;
    let withPairs = 0;
    for (const q of [...phrases].slice(0, 400)) {
      const [tree] = rows<{ tree: string }>(await db().execute(sql`select querytree(websearch_to_tsquery('english', ${q})) as tree`));
      const pairs = pairCondition(parseQueryTree(tree.tree));
      if (!pairs) continue;
      withPairs++;
      const [missed] = rows<{ matched: number; missed: number }>(
        await db().execute(sql`select count(*)::int as matched,
            count(*) filter (where not phrase_pairs @@ ${pairQueryText(pairs)}::tsquery)::int as missed
          from search_entries where search @@ websearch_to_tsquery('english', ${q})`),
      );
      expect(missed.matched, q).toBeGreaterThan(0);
      expect(missed.missed, q).toBe(0);
      checked++;
    }
    expect(withPairs).toBeGreaterThan(100);
    expect(checked).toBe(withPairs);
  });
});

/** Every match read whole, ordered as ADR 047 orders them: title matches first by relevance, then the most recent. */
async function everyMatch(viewer: Viewer, o: SearchOptions) {
  const found = await search(viewer, { ...o, page: 1, pageSize: MAX_MATCHES, plan: "gathered" });
  return found;
}

const QUERIES = [
  "Ofsted",
  "care leavers",
  '"social workers"',
  '"children in care"',
  '"front door"',
  "supervision OR bullying",
  "children -Ofsted",
  '"a drive to communicate the 12 Reasons"',
];

describe("both plans answer alike", () => {
  it("the same count and the same results in order, for each viewer, filter, sort and page", async () => {
    const options: Partial<SearchOptions>[] = [
      {},
      { sort: "date" },
      { kind: "question" },
      { from: "2023-01-01", to: "2024-12-31" },
      { pageSize: 5, page: 3 },
      { status: "question:closed" },
    ];
    let compared = 0;
    for (const [who, viewer] of Object.entries(viewers)) {
      for (const q of QUERIES) {
        // Every option as the public; as a member and a clerk, those where who is asking changes the answer.
        for (const extra of who === "public" ? options : options.filter((x) => !x.sort && !x.from && !x.pageSize)) {
          const o = { q, page: 1, ...extra } as SearchOptions;
          const a = await search(viewer, { ...o, plan: "gathered" });
          const b = await search(viewer, { ...o, plan: "walked" });
          expect(b, `${who} ${q} ${JSON.stringify(extra)}`).toEqual(a);
          const c = await search(viewer, { ...o, plan: "walked, titles gathered" });
          expect(c, `${who} ${q} ${JSON.stringify(extra)} (titles gathered)`).toEqual(a);
          if (a.kind === "results" && a.results.length > 0) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
  }, 120_000);

  it("a page is the slice of every match in order, with title matches first", async () => {
    for (const q of ["children", "Ofsted", '"social workers"']) {
      const all = await everyMatch(PUBLIC_VIEWER, { q, page: 1 });
      if (all.kind !== "results") throw new Error(all.kind);
      expect(all.results.length).toBeGreaterThan(5);
      // Ordered: no title-less match before a title match... checked through the walked plan's tiers.
      for (const page of [1, 2]) {
        const one = await search(PUBLIC_VIEWER, { q, page, pageSize: 5, plan: "walked" });
        if (one.kind !== "results") throw new Error(one.kind);
        expect(one.results.map((r) => r.href)).toEqual(all.results.slice((page - 1) * 5, page * 5).map((r) => r.href));
        expect(one.total).toBe(all.total);
      }
    }
  });
});

describe("the plan comes from the words' frequencies", () => {
  it("reads PostgreSQL's statistics once the index is analysed, and gathers rare words but walks common ones", async () => {
    await db().execute(sql`analyze search_entries`);
    const bound = (q: string) => matchBound(parseQueryTree(q));
    const f = await termFrequencies(db(), [...bound("'ofst'"), ...bound("'children'"), ...bound("'afghan'")]);
    expect(f).not.toBeNull();
    const [actual] = rows<{ ofsted: number; total: number }>(
      await db().execute(sql`select count(*) filter (where search @@ 'ofst'::tsquery)::int as ofsted, count(*)::int as total from search_entries`),
    );
    // The statistics sample the rows: within a third of the true count.
    const estimate = boundRows(bound("'ofst'"), f!, "search");
    expect(Math.abs(estimate - actual.ofsted)).toBeLessThanOrEqual(Math.max(5, actual.ofsted / 3));
    expect(f!.rows).toBeGreaterThan(0);
    // At the seed content's size every search is gathered unsampled.
    expect(shouldGather(estimate, false)).toBe(true);
    expect(shouldGather(estimate, true)).toBe(true);
    // In the full archive: a word in 10,000 rows is gathered, a phrase in 10,000 counted from its pairs' index and walked.
    expect(shouldGather(10_000, false)).toBe(true);
    expect(shouldGather(10_000, true)).toBe(false);
    expect(shouldGather(30_000, false)).toBe(false);
    expect(countFromIndex(30_000, true)).toBe(true);
    // A word in 540,000 rows is counted walking; in 75,000, from the index.
    expect(countFromIndex(540_000, false)).toBe(false);
    expect(countFromIndex(75_000, false)).toBe(true);
  });

  it("walks for the count through at most so many rows, and says when it stopped there", async () => {
    const ofsted = sql`websearch_to_tsquery('english', 'Ofsted')`;
    const o = { q: "Ofsted", page: 1 };
    const [truth] = rows<{ n: number; seen: number }>(
      await db().execute(sql`select (count(*) filter (where search @@ 'ofst'::tsquery))::int as n, count(*)::int as seen from search_entries where public_visible`),
    );
    const whole = await db().transaction((tx) => walkedCount(tx, PUBLIC_VIEWER, ofsted, o, truth.seen + 10));
    expect(whole).toEqual({ counted: Math.min(truth.n, MAX_MATCHES + 1), cut: false });
    const unbounded = await db().transaction((tx) => walkedCount(tx, PUBLIC_VIEWER, ofsted, o, null));
    expect(unbounded).toEqual(whole);
    // From the index, the same count; and a phrase's from its pairs, checked word by word.
    expect(await db().transaction((tx) => indexedCount(tx, PUBLIC_VIEWER, ofsted, null, o))).toBe(whole.counted);
    const phrase = sql`websearch_to_tsquery('english', '"social workers"')`;
    const [phraseTruth] = rows<{ n: number }>(await db().execute(sql`select count(*)::int as n from search_entries where public_visible and search @@ ${phrase}`));
    expect(phraseTruth.n).toBeGreaterThan(0);
    expect(await db().transaction((tx) => indexedCount(tx, PUBLIC_VIEWER, phrase, sql`'social~worker'::tsquery`, o))).toBe(Math.min(phraseTruth.n, MAX_MATCHES + 1));
    // Three rows read: fewer matches than there are, and it says so.
    const three = await db().transaction((tx) => walkedCount(tx, PUBLIC_VIEWER, ofsted, o, 3));
    expect(three.cut).toBe(true);
    expect(three.counted).toBeLessThanOrEqual(3);
  });

  it("bounds a phrase of common words by its pairs", async () => {
    const bound = (q: string) => matchBound(parseQueryTree(q));
    const f = await termFrequencies(db(), [...bound("'social' <-> 'worker'"), ...bound("'social'")]);
    expect(f).not.toBeNull();
    // A phrase of common words is bounded by its pairs.
    const phrase = bound("'social' <-> 'worker'");
    expect(boundRows(phrase, f!, "search")).toBeLessThanOrEqual(boundRows(bound("'social'"), f!, "search"));
  });
});

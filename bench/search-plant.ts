/**
 * The search run's planted records (bench/search-classes.ts, docs/decisions/047-one-search-index.md):
 * documents and agenda items whose titles carry a unique phrase, one by one across the archive's
 * dates, written straight into the synthetic archive before the server starts (any planted before
 * are removed first); and the filters' choices the queries use.
 */
import type { pgliteTarget, postgresTarget } from "../db/synth/target";
import { plantedPhrases, RARE_IN_ARCHIVE, seldomSeedWords, type Planted, type SearchPlan } from "./search-classes";

type Target = ReturnType<typeof postgresTarget> | ReturnType<typeof pgliteTarget>;

/** Plants records with unique title phrases across the archive's dates (removing any planted before), and reads the filters' choices. */
export async function prepareSearch(target: Target, count: number): Promise<SearchPlan & { index: string }> {
  if (target.kind === "postgres") process.env.DATABASE_URL = target.url;
  else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = target.dir;
  }
  const { db, closeDatabase } = await import("../app/db.server");
  const { sql } = await import("drizzle-orm");
  const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  try {
    await db().execute(sql`delete from documents where slug like 'synth-planted-%'`);
    await db().execute(sql`delete from agenda_items where title like 'Planted item: %'`);
    const bodies = rows<{ slug: string }>(await db().execute(sql`select slug from bodies order by slug limit 8`)).map((b) => b.slug);
    // Rare words are rare in the archive, not only in the seed documents (search-classes.ts seldomSeedWords).
    const rareWords: string[] = [];
    for (const word of seldomSeedWords()) {
      const [found] = rows<{ n: number }>(
        await db().execute(sql`select count(*)::int as n from (select 1 from search_entries where search @@ plainto_tsquery('english', ${word}) limit ${RARE_IN_ARCHIVE + 1}) as m`),
      );
      if (found.n >= 1 && found.n <= RARE_IN_ARCHIVE) rareWords.push(word);
    }
    const [range] = rows<{ first: string; last: string }>(
      await db().execute(sql`select min(starts_at)::text as first, least(max(starts_at), now())::text as last from meetings where agenda_published_at is not null`),
    );
    const first = new Date(range.first).getTime();
    const last = new Date(range.last).getTime();
    const planted: Planted[] = [];
    const phrases = plantedPhrases(count);
    for (const [i, phrase] of phrases.entries()) {
      const at = new Date(first + ((last - first) * (i + 0.5)) / phrases.length);
      const day = at.toISOString().slice(0, 10);
      const title = phrase.charAt(0).toUpperCase() + phrase.slice(1);
      if (i % 2 === 0) {
        const slug = `synth-planted-${i}`;
        await db().execute(sql`insert into documents (slug, kind, title, body, document_date, published_at, source_note)
          values (${slug}, 'report', ${`Synthetic planted paper: ${title}`}, 'Synthetic record for load testing.', ${day}, now(), 'Synthetic record for load testing')`);
        planted.push({ phrase, href: `/documents/${slug}`, date: day });
      } else {
        const [meeting] = rows<{ id: string }>(
          await db().execute(sql`select id from meetings where agenda_published_at is not null
            order by abs(extract(epoch from starts_at - ${at.toISOString()}::timestamptz)) limit 1`),
        );
        const [item] = rows<{ id: string }>(
          await db().execute(sql`insert into agenda_items (meeting_id, position, title, body, published_at)
            values (${meeting.id}, ${900 + i}, ${`Planted item: ${title}`}, 'Synthetic record for load testing.', now()) returning id`),
        );
        planted.push({ phrase, href: `/agenda-items/${item.id}`, date: day });
      }
    }
    const [index] = rows<{ def: string | null; pairs: boolean; buffers: string; huge: string }>(
      await db().execute(sql`select (select indexdef from pg_indexes where indexname = 'search_entries_search_idx') as def,
        exists (select 1 from pg_indexes where indexname = 'search_entries_pairs_idx') as pairs,
        current_setting('shared_buffers') as buffers, current_setting('huge_pages') as huge`),
    );
    // The server's memory settings decide how much of the index is read from memory: said with the figures.
    const settings = `${index?.pairs ? ", phrase pairs" : ""} (shared_buffers ${index?.buffers}, huge_pages ${index?.huge})`;
    const years: [number, number] = [new Date(first).getUTCFullYear(), new Date(last).getUTCFullYear()];
    return { bodies, years, planted, rareWords, index: (index?.def ? (/using rum/i.test(index.def) ? "search_entries, RUM" : "search_entries, GIN") : "per-kind GIN (no search_entries)") + settings };
  } finally {
    await closeDatabase();
  }
}


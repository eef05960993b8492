/**
 * What the benchmark loads: the synthetic archive's counts, the meeting, agenda
 * item and question whose pages are measured (discover()), and the pages and
 * searches loaded (endpointsFor()).
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { pgliteHolder, redact, type SynthTarget } from "../db/synth/target";
import { BENCH_SEARCH_TERMS } from "../db/synth/vocabulary";
import { searchPath, uncachedSearchPaths, type SearchScenario } from "./search-queries";
import { ROOT } from "./util";

interface Query {
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
  version: string;
}

async function openDatabase(target: SynthTarget): Promise<Query> {
  if (target.kind === "postgres") {
    const sql = postgres(target.url, { max: 1, onnotice: () => {}, connection: { TimeZone: "UTC" } });
    try {
      const [v] = await sql`show server_version`;
      return {
        rows: async <T>(text: string) => (await sql.unsafe(text)) as unknown as T[],
        close: () => sql.end({ timeout: 5 }),
        version: `PostgreSQL ${v.server_version}`,
      };
    } catch (error) {
      await sql.end({ timeout: 1 });
      throw new Error(
        `Cannot open ${redact(target.url)}: ${(error as Error).message}. Generate the archive first: ` +
          `npm run synth -- --database-url ${redact(target.url)}`,
      );
    }
  }
  if (!fs.existsSync(target.dir)) {
    throw new Error(`${target.dir} does not exist. Generate it first: npm run synth -- --scale 0.05 --pglite-dir ${path.relative(ROOT, target.dir)}`);
  }
  const holder = pgliteHolder(target.dir);
  if (holder) throw new Error(`${target.dir} is in use by process ${holder}. Stop it first.`);
  const pg = new PGlite(target.dir);
  const [v] = (await pg.query<{ server_version: string }>("show server_version")).rows;
  return {
    rows: async <T>(text: string) => (await pg.query<T>(text)).rows,
    close: () => pg.close(),
    version: `PGlite ${JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version} (PostgreSQL ${v.server_version})`,
  };
}

export interface Discovery {
  version: string;
  counts: Record<string, number>;
  archive: Record<string, unknown> | null;
  meeting: { slug: string; bodySlug: string; items: number };
  agendaItemId: string;
  questionId: string;
}

const COUNTED = ["bodies", "meetings", "agenda_items", "minutes", "documents", "questions", "responses", "actions"];

export async function discover(target: SynthTarget): Promise<Discovery> {
  const db = await openDatabase(target);
  try {
    const [{ exists }] = await db.rows<{ exists: boolean }>("select to_regclass('public.meetings') is not null as exists");
    if (!exists) throw new Error("The database has no portal tables. Generate the archive first (npm run synth).");
    const counts: Record<string, number> = {};
    for (const row of await db.rows<{ t: string; n: number }>(
      COUNTED.map((t) => `select '${t}' as t, count(*)::int as n from "${t}"`).join(" union all "),
    )) {
      counts[row.t] = Number(row.n);
    }
    const [archive] = await db.rows<{ value: Record<string, unknown> }>("select value from settings where key = 'synthetic_archive'");
    const nonSynthetic = await db.rows<{ slug: string }>("select slug from bodies where slug not like 'synth-%' limit 1");
    if (!archive || nonSynthetic.length) {
      throw new Error("This database is not a synthetic archive (no synthetic_archive setting, or non-synthetic bodies). Refusing to benchmark it.");
    }
    const [meeting] = await db.rows<{ slug: string; body_slug: string; id: string; items: number }>(`
      select m.slug, b.slug as body_slug, m.id, 20 as items
      from meetings m join bodies b on b.id = m.body_id
      where m.agenda_published_at is not null and m.minutes_published_at is not null
        and m.starts_at < now() and m.status in ('confirmed', 'held')
        and (select count(*) from agenda_items ai where ai.meeting_id = m.id) = 20
        and not exists (select 1 from agenda_items ai where ai.meeting_id = m.id and (ai.published_at is null or ai.is_exempt))
      order by m.starts_at desc, m.slug
      limit 1`);
    if (!meeting) throw new Error("No published meeting with exactly 20 agenda items: regenerate the archive.");
    const [item] = await db.rows<{ id: string }>(`
      select ai.id from agenda_items ai
      where ai.meeting_id = '${meeting.id}' and ai.purpose <> ''
      order by (select count(*) from questions q where q.agenda_item_id = ai.id) desc,
               (select count(*) from agenda_item_documents d where d.agenda_item_id = ai.id) desc, ai.position, ai.id
      limit 1`);
    const [question] = await db.rows<{ id: string }>(`
      with r as (select question_id, count(*) as n from responses group by question_id),
           a as (select question_id, count(*) as n from actions where question_id is not null group by question_id)
      select q.id
      from questions q
      join r on r.question_id = q.id
      join a on a.question_id = q.id
      join agenda_items ai on ai.id = q.agenda_item_id
      join meetings m on m.id = ai.meeting_id
      where q.accepted_at is not null and q.rejected_at is null and ai.published_at is not null
        and not ai.is_exempt and m.agenda_published_at is not null
      order by r.n + a.n desc, q.tabled_on desc, q.id
      limit 1`);
    if (!item || !question) throw new Error("Could not find an agenda item or question to load: regenerate the archive.");
    return {
      version: db.version,
      counts,
      archive: archive.value,
      meeting: { slug: meeting.slug, bodySlug: meeting.body_slug, items: 20 },
      agendaItemId: item.id,
      questionId: question.id,
    };
  } finally {
    await db.close();
  }
}

export interface Endpoint {
  name: string;
  label: string;
  path: string;
  /** Gives each request its own path (so the page cache cannot answer it). */
  nextPath?: () => string;
  /** When not the run's --connections (uncached requests). */
  connections?: number;
}

/**
 * The pages and searches loaded on an archive, in order. The uncached ones (a new URL
 * per request) run with `uncachedConnections` at once; the "(extra)" rows are for information.
 */
export function endpointsFor(found: Discovery, uncachedConnections: number): Endpoint[] {
  const registerPath = `/questions?status=awaiting_response&body=${found.meeting.bodySlug}`;
  const uncached = (scenario: SearchScenario, name: string, what: string) => {
    const source = uncachedSearchPaths(scenario);
    const terms = source.terms.length > 1 ? `${source.terms.length} ${what} in turn, e.g. ${source.terms.slice(0, 3).join(", ")}` : source.terms[0];
    return { name, label: `Search, ${scenario === "phrase" ? "phrase" : `${scenario} word`} (${terms}), uncached`, path: searchPath(source.terms[0], 0), nextPath: source.next, connections: uncachedConnections };
  };
  return [
    { name: "home", label: "Home page", path: "/" },
    { name: "meeting", label: "Meeting page (20 items)", path: `/meetings/${found.meeting.slug}` },
    { name: "agenda-item", label: "Agenda item page", path: `/agenda-items/${found.agendaItemId}` },
    {
      name: "questions-register",
      label: "Question register, filtered, uncached",
      path: `${registerPath}&bench=0`,
      nextPath: (() => {
        let n = 0;
        return () => `${registerPath}&bench=${(n += 1)}`;
      })(),
      connections: uncachedConnections,
    },
    { name: "questions-register-cached", label: "Question register, filtered, repeated: the page cache answers (extra)", path: registerPath },
    { name: "question", label: "Question timeline", path: `/questions/${found.questionId}` },
    uncached("rare", "search-rare", "words"),
    uncached("common", "search-common", "common words"),
    uncached("phrase", "search-phrase", "phrases"),
    { name: "search-common-cached", label: `Search, common word (${BENCH_SEARCH_TERMS.common}), repeated: the page cache answers (extra)`, path: searchPath(BENCH_SEARCH_TERMS.common) },
    { name: "api-meetings", label: "API: meetings list", path: "/api/v1/meetings" },
    { name: "meetings-list", label: "Meetings list (extra)", path: "/meetings" },
    { name: "documents-list", label: "Documents list (extra)", path: "/documents" },
  ];
}

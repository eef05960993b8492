/**
 * The mixed run (`npm run bench -- --mixed`, issue 20 item 7): readers and
 * writers at once on the synthetic archive. Readers (200 by default) go round
 * the public pages; writers (20) are clerks editing agenda items, members
 * raising questions and officers responding to questions, each through the
 * portal's own forms. Every write carries a marker of its own, so after the run
 * the database is checked for writes lost (answered 303, not stored) or doubled
 * (stored twice); deadlocks come from pg_stat_database, statement timeouts from
 * the server's log. The runner (run.ts) starts the server and writes the report.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { formOnPage, httpPerson, type HttpPerson } from "../tests/e2e/support/http-client";
import { sleep } from "./util";

export interface MixedSettings {
  readers: number;
  writers: number;
  durationSeconds: number;
}

type WriterKind = "clerk" | "member" | "officer";

interface Writer {
  kind: WriterKind;
  email: string;
  /** Clerks: the agenda items this clerk alone edits. Officers: the questions this officer alone answers. */
  targets: string[];
}

export interface MixedPlan {
  runId: string;
  password: string;
  writers: Writer[];
  pages: { label: string; path: string }[];
  /** Members raise questions on these items, addressed to this organisation. */
  raiseOn: string[];
  organisationId: string;
}

interface WriteOutcome {
  kind: WriterKind;
  target: string;
  marker: string;
  status: number;
  ms: number;
  problem?: string;
}

export interface MixedResult {
  settings: MixedSettings;
  requests: number;
  errors: { what: string; status: number; count: number }[];
  errorCount: number;
  pages: { label: string; requests: number; p50: number; p95: number; p99: number; max: number; cache: Record<string, number> }[];
  writes: { kind: WriterKind; attempted: number; stored: number; lost: number; duplicated: number; p99: number }[];
  lostWrites: number;
  duplicatedWrites: number;
  deadlocks: number;
  statementTimeouts: number;
}

/** The runner's own connection: no wait on the database without an end. */
const BENCH_SQL = { max: 1, onnotice: () => {}, connect_timeout: 10, connection: { statement_timeout: 60_000, lock_timeout: 30_000 } } as const;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

/**
 * Makes the writers' accounts (once per archive: bench.<kind><n>@bench.synth.example, found again on a later run)
 * and picks what each writer works on: items and questions no other writer touches.
 */
export async function prepareMixed(databaseUrl: string, settings: MixedSettings, createAccounts: CreateAccounts): Promise<MixedPlan> {
  const sql = postgres(databaseUrl, BENCH_SQL);
  try {
    const runId = crypto.randomBytes(4).toString("hex");
    const clerks = Math.max(1, Math.round(settings.writers * 0.3));
    const officers = Math.max(1, Math.round(settings.writers * 0.3));
    const members = Math.max(1, settings.writers - clerks - officers);
    // The organisation with most questions still awaiting a full response: its officers answer them.
    const [org] = await sql<{ id: string; slug: string }[]>`
      select o.id, o.slug from questions q join organisations o on o.id = q.addressed_to_id
      where q.accepted_at is not null and q.closed_at is null and q.rejected_at is null
        and not exists (select 1 from responses r where r.question_id = q.id and r.kind = 'full')
      group by o.id, o.slug order by count(*) desc limit 1`;
    const awaiting = await sql<{ id: string }[]>`
      select q.id from questions q
      where q.addressed_to_id = ${org.id} and q.accepted_at is not null and q.closed_at is null and q.rejected_at is null
        and not exists (select 1 from responses r where r.question_id = q.id and r.kind = 'full')
      order by q.submitted_at desc limit ${officers * 400}`;
    // Public, published items of held meetings: members raise questions on them, clerks edit others.
    const items = await sql<{ id: string }[]>`
      select ai.id from agenda_items ai join meetings m on m.id = ai.meeting_id
      where ai.published_at is not null and not ai.is_exempt and m.agenda_published_at is not null
      order by m.starts_at desc, ai.id limit ${clerks * 5 + 20}`;
    const [body] = await sql<{ slug: string }[]>`select slug from bodies order by slug limit 1`;
    const password = `bench mixed password ${runId} long enough`;
    const accounts = [
      ...Array.from({ length: clerks }, (_, i) => ({ kind: "clerk" as const, email: `bench.clerk${i}@bench.synth.example` })),
      ...Array.from({ length: members }, (_, i) => ({ kind: "member" as const, email: `bench.member${i}@bench.synth.example` })),
      ...Array.from({ length: officers }, (_, i) => ({ kind: "officer" as const, email: `bench.officer${i}@bench.synth.example` })),
    ];
    await createAccounts(accounts, { password, organisationSlug: org.slug, bodySlug: body.slug });
    let clerkIndex = 0;
    let officerIndex = 0;
    const writers: Writer[] = accounts.map((a) => {
      if (a.kind === "clerk") {
        const mine = items.slice(20 + clerkIndex * 5, 20 + clerkIndex * 5 + 5).map((r) => r.id);
        clerkIndex += 1;
        return { ...a, targets: mine };
      }
      if (a.kind === "officer") {
        const mine = awaiting.filter((_, j) => j % officers === officerIndex).map((r) => r.id);
        officerIndex += 1;
        return { ...a, targets: mine };
      }
      return { ...a, targets: [] };
    });
    const [meeting] = await sql<{ slug: string }[]>`select slug from meetings where agenda_published_at is not null order by starts_at desc limit 1`;
    const [question] = await sql<{ id: string }[]>`select id from questions where accepted_at is not null order by submitted_at desc limit 1`;
    const pages = [
      { label: "Home", path: "/" },
      { label: "Meeting", path: `/meetings/${meeting.slug}` },
      { label: "Agenda item", path: `/agenda-items/${items[0].id}` },
      { label: "Question", path: `/questions/${question.id}` },
      { label: "Questions register", path: "/questions" },
      { label: "Meetings", path: "/meetings" },
      { label: "Search", path: "/search?q=children" },
    ];
    return { runId, password, writers, pages, raiseOn: items.slice(0, 20).map((r) => r.id), organisationId: org.id };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export type CreateAccounts = (
  accounts: { kind: WriterKind; email: string }[],
  options: { password: string; organisationSlug: string; bodySlug: string },
) => Promise<void>;

/** A request with no answer within this is counted as an error ("no answer"). */
const LONG = { timeoutMs: 30_000 };

/** One write by one writer: the form as the page shows it, with the writer's marker in it. */
async function write(person: HttpPerson, plan: MixedPlan, writer: Writer, n: number): Promise<WriteOutcome | null> {
  const marker = `Bench ${plan.runId} ${writer.email.split("@")[0]} write ${n}`;
  const started = Date.now();
  let target: string;
  let res: Response;
  if (writer.kind === "member") {
    target = plan.raiseOn[n % plan.raiseOn.length];
    res = await person.post(`/questions/new?item=${target}`, { item: target, addressedToId: plan.organisationId, text: `${marker}: how is this being checked?` }, LONG);
  } else if (writer.kind === "officer") {
    if (n >= writer.targets.length) return null;
    target = writer.targets[n];
    res = await person.post(`/questions/${target}`, { intent: "respond", kind: "full", body: `${marker}: this is the answer.` }, LONG);
  } else {
    target = writer.targets[n % writer.targets.length];
    const page = await person.get(`/clerk/items/${target}`, LONG);
    const form = formOnPage(await page.text(), "title");
    res = await person.post(`/clerk/items/${target}`, { ...form, intent: "save", purpose: marker, reason: "Benchmark: an edit under mixed load" }, LONG);
  }
  const body = await res.text();
  // A form sent back with errors: its first message names what went wrong.
  const problem = res.status === 400 ? /govuk-error-summary__list[\s\S]*?<a[^>]*>([^<]*)</.exec(body)?.[1] : undefined;
  return { kind: writer.kind, target, marker, status: res.status, ms: Date.now() - started, problem };
}

/** Runs readers and writers for the duration; then checks every write against the database. */
export async function runMixed(base: string, databaseUrl: string, plan: MixedPlan, settings: MixedSettings, serverLog: () => string): Promise<MixedResult> {
  const sql = postgres(databaseUrl, BENCH_SQL);
  const deadlocksNow = async () =>
    Number((await sql<{ deadlocks: string }[]>`select deadlocks::text from pg_stat_database where datname = current_database()`)[0].deadlocks);
  const deadlocksBefore = await deadlocksNow();
  const logBefore = serverLog().length;

  const latencies = new Map<string, number[]>();
  /** How each reader's answer was made (the X-Cache header): hit, shared (waited for another reader's render), miss (rendered). */
  const cacheOutcomes = new Map<string, Record<string, number>>();
  const errors = new Map<string, { what: string; status: number; count: number }>();
  const fail = (what: string, status: number) => {
    const key = `${what} ${status}`;
    const e = errors.get(key) ?? { what, status, count: 0 };
    e.count += 1;
    errors.set(key, e);
  };
  const outcomes: WriteOutcome[] = [];
  let requests = 0;
  const stopAt = Date.now() + settings.durationSeconds * 1000;

  const people = await Promise.all(
    plan.writers.map(async (w) => {
      const person = httpPerson(base);
      await person.signIn(w.email, plan.password);
      return person;
    }),
  );

  const readers = Array.from({ length: settings.readers }, async (_, r) => {
    for (let i = r; Date.now() < stopAt; i += 1) {
      const page = plan.pages[i % plan.pages.length];
      const started = Date.now();
      try {
        const res = await fetch(`${base}${page.path}`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        requests += 1;
        const how = res.headers.get("x-cache") ?? "none";
        const tally = cacheOutcomes.get(page.label) ?? {};
        tally[how] = (tally[how] ?? 0) + 1;
        cacheOutcomes.set(page.label, tally);
        if (res.status !== 200) fail(`GET ${page.label}`, res.status);
        else {
          const list = latencies.get(page.label) ?? [];
          list.push(Date.now() - started);
          latencies.set(page.label, list);
        }
      } catch {
        requests += 1;
        fail(`GET ${page.label}`, -1);
      }
    }
  });
  const writers = plan.writers.map(async (writer, w) => {
    for (let n = 0; Date.now() < stopAt; n += 1) {
      try {
        const outcome = await write(people[w], plan, writer, n);
        if (!outcome) break;
        requests += 1;
        outcomes.push(outcome);
        if (outcome.status !== 303) fail(`POST ${writer.kind}${outcome.problem ? ` ("${outcome.problem}")` : ""}`, outcome.status);
      } catch {
        requests += 1;
        fail(`POST ${writer.kind}`, -1);
      }
    }
  });
  await Promise.all([...readers, ...writers]);

  // After the run: each write answered 303 stored once; any other answer, stored not at all.
  const stored = async (o: WriteOutcome) => {
    if (o.kind === "member") return Number((await sql`select count(*)::int as n from questions where text = ${`${o.marker}: how is this being checked?`}`)[0].n);
    if (o.kind === "officer") return Number((await sql`select count(*)::int as n from responses where body = ${`${o.marker}: this is the answer.`}`)[0].n);
    // A clerk's edit: the item's revision it made (the item itself keeps only the latest).
    return Number(
      (await sql`select count(*)::int as n from revisions where entity_type = 'agenda_item' and entity_id = ${o.target} and data->>'purpose' = ${o.marker}`)[0].n,
    );
  };
  const writeRows: MixedResult["writes"] = [];
  for (const kind of ["clerk", "member", "officer"] as const) {
    const mine = outcomes.filter((o) => o.kind === kind);
    let storedCount = 0;
    let lost = 0;
    let duplicated = 0;
    for (const o of mine) {
      const n = await stored(o);
      storedCount += Math.min(n, 1);
      if (o.status === 303 && n === 0) lost += 1;
      if (n > 1 || (o.status !== 303 && n > 0)) duplicated += 1;
    }
    writeRows.push({ kind, attempted: mine.length, stored: storedCount, lost, duplicated, p99: percentile(mine.map((o) => o.ms).sort((a, b) => a - b), 99) });
  }
  // The latest edit of each clerk's item is what the item holds.
  for (const writer of plan.writers.filter((w) => w.kind === "clerk")) {
    for (const item of writer.targets) {
      const last = outcomes.filter((o) => o.target === item && o.status === 303).at(-1);
      if (!last) continue;
      const [{ purpose }] = await sql<{ purpose: string }[]>`select purpose from agenda_items where id = ${item}`;
      if (purpose !== last.marker) writeRows[0].lost += 1;
    }
  }
  const deadlocks = (await deadlocksNow()) - deadlocksBefore;
  await sql.end({ timeout: 5 });
  const log = serverLog().slice(logBefore);
  const statementTimeouts = (log.match(/57014|canceling statement due to statement timeout/g) ?? []).length;

  const pages = [...latencies].map(([label, list]) => {
    const sorted = list.sort((a, b) => a - b);
    return { label, requests: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, cache: cacheOutcomes.get(label) ?? {} };
  });
  const errorList = [...errors.values()];
  return {
    settings,
    requests,
    errors: errorList,
    errorCount: errorList.reduce((n, e) => n + e.count, 0),
    pages,
    writes: writeRows,
    lostWrites: writeRows.reduce((n, r) => n + r.lost, 0),
    duplicatedWrites: writeRows.reduce((n, r) => n + r.duplicated, 0),
    deadlocks,
    statementTimeouts,
  };
}

/** The report's Markdown for a mixed run. */
export function mixedMarkdown(r: MixedResult, context: { target: string; counts: Record<string, number>; fullSize: boolean; startedAt: string; load: number[] }): string {
  const verdict = (n: number) => (n === 0 ? "met" : "NOT MET");
  return [
    `# Mixed run: ${r.settings.readers} readers and ${r.settings.writers} writers for ${r.settings.durationSeconds} s`,
    "",
    `Started ${context.startedAt} on ${context.target}; archive ${context.fullSize ? "at full size" : "**not at full size**"} (${Object.entries(context.counts).map(([t, n]) => `${t} ${n}`).join(", ")}). Load average at the end: ${context.load.join(", ")}.`,
    "",
    "| Budget | Measured | Verdict |",
    "| --- | --- | --- |",
    `| Errors (any answer but 200 to a reader or 303 to a writer) | ${r.errorCount} of ${r.requests} requests | ${verdict(r.errorCount)} |`,
    `| Writes lost (answered 303, not stored) | ${r.lostWrites} | ${verdict(r.lostWrites)} |`,
    `| Writes duplicated | ${r.duplicatedWrites} | ${verdict(r.duplicatedWrites)} |`,
    `| Deadlocks (pg_stat_database) | ${r.deadlocks} | ${verdict(r.deadlocks)} |`,
    `| Statement timeouts (server log) | ${r.statementTimeouts} | ${verdict(r.statementTimeouts)} |`,
    "",
    "| Page | Requests | p50 ms | p95 ms | p99 ms | max ms | From the cache: hit / shared / rendered |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...r.pages.map((p) => `| ${p.label} | ${p.requests} | ${p.p50} | ${p.p95} | ${p.p99} | ${p.max} | ${p.cache.hit ?? 0} / ${p.cache.shared ?? 0} / ${p.cache.miss ?? 0}${p.cache.none ? ` (uncached ${p.cache.none})` : ""} |`),
    "",
    "Shared: the reader waited for a render another reader had started (app/server/render-sharing.ts); rendered: this reader's render. Uncached: rendered but not storable (a change arrived meanwhile), or not a cacheable answer.",
    "",
    "| Writers | Writes | Stored | Lost | Duplicated | p99 ms |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...r.writes.map((w) => `| ${w.kind} | ${w.attempted} | ${w.stored} | ${w.lost} | ${w.duplicated} | ${w.p99} |`),
    "",
    ...(r.errors.length ? ["Errors:", "", ...r.errors.map((e) => `- ${e.what}: ${e.status === -1 ? "no answer" : e.status} × ${e.count}`), ""] : []),
  ].join("\n");
}

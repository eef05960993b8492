/**
 * The benchmark (bench/README.md): builds the production server, runs it on the
 * synthetic archive (db/synth/generate.ts) on PostgreSQL and/or the embedded
 * PGlite database, drives it with autocannon over the public pages, compares
 * each page with the same meeting page's HTML served as a static file, and
 * writes bench/results/<timestamp>-<database>.{md,json} and latest-<database>.md.
 *
 *   npm run bench                                  # PostgreSQL (portal_synth)
 *   npm run bench -- --database both --duration 10 --connections 20
 */
import { spawn, type ChildProcess } from "node:child_process";
import { SERVER_NODE_FLAGS, serverEnv } from "../app/serve.mjs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHistogram } from "node:perf_hooks";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import autocannon, { type Result } from "autocannon";
import postgres from "postgres";
import {
  DEFAULT_SYNTH_DATABASE_URL,
  DEFAULT_SYNTH_PGLITE_DIR,
  pgliteHolder,
  pgliteTarget,
  postgresTarget,
  redact,
  type SynthTarget,
} from "../db/synth/target";
import { BENCH_SEARCH_TERMS } from "../db/synth/vocabulary";
import { searchPath, uncachedSearchPaths, type SearchScenario } from "./search-queries";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const RESULTS = path.join(ROOT, "bench", "results");

const USAGE = `Usage: npm run bench -- [--database postgres|pglite|both] [--duration 10] [--connections 20]
                      [--rate 500] [--skip-build] [--database-url URL] [--pglite-dir DIR]
                      [--port 3917] [--static-port 3918] [--only meeting,search-rare,...]
                      [--uncached-connections <CPUs>]

PostgreSQL: --database-url, else DATABASE_URL, else ${DEFAULT_SYNTH_DATABASE_URL}
(the name must contain "synth"). PGlite: --pglite-dir, else ${DEFAULT_SYNTH_PGLITE_DIR}.
Generate the archive first: npm run synth -- --help`;

const { values: args } = parseArgs({
  options: {
    database: { type: "string", default: "postgres" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    rate: { type: "string", default: "500" },
    "rate-duration": { type: "string" },
    warmup: { type: "string", default: "2" },
    "skip-build": { type: "boolean", default: false },
    "database-url": { type: "string" },
    "pglite-dir": { type: "string" },
    port: { type: "string", default: "3917" },
    "static-port": { type: "string", default: "3918" },
    only: { type: "string" },
    "uncached-connections": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number (got ${value}).\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

const DURATION = positive("duration", args.duration);
const CONNECTIONS = Math.round(positive("connections", args.connections));
const RATE = positive("rate", args.rate);
const RATE_DURATION = positive("rate-duration", args["rate-duration"] ?? String(Math.max(DURATION, 10)));
const WARMUP = Number(args.warmup ?? 2);
/** Uncached requests (searches, the filtered register) each cost the database real work: as many at once as there are CPUs, not the page load's 20. */
const UNCACHED_CONNECTIONS = Math.round(positive("uncached-connections", args["uncached-connections"] ?? String(os.cpus().length)));
const PORT = Math.round(positive("port", args.port));
const STATIC_PORT = Math.round(positive("static-port", args["static-port"]));
if (!["postgres", "pglite", "both"].includes(args.database ?? "")) {
  console.error(`--database must be postgres, pglite or both.\n\n${USAGE}`);
  process.exit(2);
}
const DATABASES = (args.database === "both" ? ["postgres", "pglite"] : [args.database]) as ("postgres" | "pglite")[];

// ---------------------------------------------------------------------------
// Budgets (the issue "Speed at scale")
// ---------------------------------------------------------------------------

const BUDGET = {
  meetingShareOfStatic: 0.5,
  meetingP99AtRateMs: 20,
  searchFocusedP95Ms: 50,
  searchCommonP95Ms: 150,
  searchMaxMs: 500,
  registerP95Ms: 50,
  loopDelayP99Ms: 100,
  scriptKbGzip: 100,
  rssMb: 400,
};
/** A PostgreSQL archive with at least this many agenda items counts as full size. */
const FULL_SIZE_ITEMS = 100_000;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const log = (line: string) => console.log(line);

function run(command: string, argv: string[], logFile: string): Promise<number> {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, "w");
    const child = spawn(command, argv, { cwd: ROOT, stdio: ["ignore", out, out] });
    child.on("exit", (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

interface ProcSample {
  rssMb: number;
  hwmMb: number;
  cpuSeconds: number;
}

const CLOCK_TICKS = 100;

function sampleProcess(pid: number): ProcSample | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpu = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024, cpuSeconds: cpu };
  } catch {
    return null;
  }
}

/** Samples a process's resident memory every 100 ms; `phase()` starts a new peak. */
class MemorySampler {
  peakMb = 0;
  phasePeakMb = 0;
  loadPeakMb = 0;
  private timer: NodeJS.Timeout;
  private underLoad = false;
  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }
  sample() {
    const s = sampleProcess(this.pid);
    if (!s) return;
    this.peakMb = Math.max(this.peakMb, s.rssMb);
    this.phasePeakMb = Math.max(this.phasePeakMb, s.rssMb);
    if (this.underLoad) this.loadPeakMb = Math.max(this.loadPeakMb, s.rssMb);
  }
  phase(underLoad: boolean) {
    this.sample();
    this.phasePeakMb = 0;
    this.underLoad = underLoad;
    this.sample();
  }
  stop() {
    clearInterval(this.timer);
  }
}

interface LoopDelay {
  seq: number;
  memory?: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  resolutionMs: number;
}

/** Asks the server for its event-loop delay histogram since the last ask (and resets it). */
async function readLoopDelay(pid: number, file: string): Promise<LoopDelay | null> {
  let before = 0;
  try {
    before = JSON.parse(fs.readFileSync(file, "utf8")).seq;
  } catch {
    /* first time */
  }
  try {
    process.kill(pid, "SIGUSR2");
  } catch {
    return null;
  }
  for (let i = 0; i < 200; i++) {
    await sleep(10);
    try {
      const snapshot = JSON.parse(fs.readFileSync(file, "utf8")) as LoopDelay;
      if (snapshot.seq > before) return snapshot;
    } catch {
      /* not written yet */
    }
  }
  return null;
}

interface Load {
  result: Result;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface CannonOptions {
  duration?: number;
  amount?: number;
  connections: number;
  overallRate?: number;
  /** Gives each request its own path (so the page cache cannot answer it). */
  nextPath?: () => string;
}

function cannon(url: string, { nextPath, ...options }: CannonOptions): Promise<Load> {
  return new Promise((resolve, reject) => {
    const histogram = createHistogram();
    const requests = nextPath ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: nextPath() }) }] : undefined;
    const instance = autocannon({ url, timeout: 10, ...options, ...(requests ? { requests } : {}) }, (error, result) => {
      if (error) return reject(error);
      const ms = (p: number) => (histogram.count ? round(histogram.percentile(p) / 1000, 2) : 0);
      resolve({ result, p50: ms(50), p95: ms(95), p99: ms(99), max: histogram.count ? round(histogram.max / 1000, 2) : 0 });
    });
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      histogram.record(Math.max(1, Math.round(responseTime * 1000)));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess | null, seconds: number, logFile?: string) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`The server exited (code ${child.exitCode}) before answering.${logFile ? `\n${tail(logFile)}` : ""}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${seconds} s.${logFile ? `\n${tail(logFile)}` : ""}`);
}

async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------
// The synthetic database: what is in it, and which URLs to load
// ---------------------------------------------------------------------------

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

interface Discovery {
  version: string;
  counts: Record<string, number>;
  archive: Record<string, unknown> | null;
  meeting: { slug: string; bodySlug: string; items: number };
  agendaItemId: string;
  questionId: string;
}

const COUNTED = ["bodies", "meetings", "agenda_items", "minutes", "documents", "questions", "responses", "actions"];

async function discover(target: SynthTarget): Promise<Discovery> {
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

// ---------------------------------------------------------------------------
// JavaScript on a public page
// ---------------------------------------------------------------------------

interface ScriptSize {
  page: string;
  files: { url: string; bytes: number; gzipBytes: number }[];
  totalGzipBytes: number;
  totalBytes: number;
  inlineBytes: number;
  inlineGzipBytes: number;
}

const gzipSize = (b: Buffer | string) => zlib.gzipSync(b).length;

/** Every script a page loads (script src, modulepreload, static imports, followed), each gzipped here. */
async function scriptSize(base: string, page: string): Promise<ScriptSize> {
  const pageUrl = new URL(page, base);
  const html = await (await fetch(pageUrl)).text();
  const queue: URL[] = [];
  const seen = new Set<string>();
  const add = (href: string, from: URL) => {
    const u = new URL(href, from);
    if (u.origin !== pageUrl.origin || seen.has(u.href)) return;
    seen.add(u.href);
    queue.push(u);
  };
  const importsIn = (code: string, from: URL) => {
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.m?js)["']/g)) add(m[1], from);
  };
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) add(m[1], pageUrl);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (/\brel="modulepreload"/.test(tag)) {
      const href = tag.match(/\bhref="([^"]+)"/)?.[1];
      if (href) add(href, pageUrl);
    }
  }
  let inline = "";
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1];
    if (/\bsrc=/.test(attrs) || /type="application\/(ld\+)?json"/.test(attrs)) continue;
    inline += m[2];
    importsIn(m[2], pageUrl);
  }
  const files: ScriptSize["files"] = [];
  while (queue.length) {
    const u = queue.shift()!;
    const res = await fetch(u);
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) continue;
    files.push({ url: u.pathname, bytes: body.length, gzipBytes: gzipSize(body) });
    importsIn(body.toString("utf8"), u);
  }
  return {
    page,
    files,
    totalBytes: files.reduce((a, f) => a + f.bytes, 0),
    totalGzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
    inlineBytes: Buffer.byteLength(inline),
    inlineGzipBytes: inline ? gzipSize(inline) : 0,
  };
}

// ---------------------------------------------------------------------------
// One database
// ---------------------------------------------------------------------------

interface EndpointResult {
  name: string;
  label: string;
  path: string;
  status: number;
  available: boolean;
  note?: string;
  requestsPerSecond?: number;
  shareOfStatic?: number;
  latencyMs?: { p50: number; p95: number; p99: number; max: number; mean: number; autocannonP99: number };
  requests?: number;
  /** When not the run's --connections (uncached search). */
  connections?: number;
  errors?: number;
  timeouts?: number;
  non2xx?: number;
  statusCodes?: Record<string, number>;
  bytesPerResponse?: number;
  loopDelayMs?: { p50: number; p99: number; max: number } | null;
  /** process.memoryUsage() in the server at the end of the run, MB. */
  serverMemoryMb?: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  peakRssMb?: number;
  serverCpuMsPerRequest?: number;
}

interface DatabaseResult {
  database: "postgres" | "pglite";
  target: string;
  startedAt: string;
  finishedAt: string;
  machine: Record<string, unknown>;
  settings: Record<string, unknown>;
  dataset: { version: string; counts: Record<string, number>; archive: Record<string, unknown> | null; fullSize: boolean };
  urls: Record<string, string>;
  static: EndpointResult;
  endpoints: EndpointResult[];
  fixedRate: EndpointResult & { targetRate: number };
  scripts: ScriptSize[];
  memory: { peakRssUnderLoadMb: number; peakRssMb: number; vmHwmMb: number };
  loopDelayUnderLoad: { p99Ms: number; maxMs: number } | null;
  budgets: BudgetRow[];
}

interface BudgetRow {
  budget: string;
  target: string;
  measured: string;
  verdict: "met" | "NOT MET" | "not measured" | "informational";
  note?: string;
}

async function benchDatabase(kind: "postgres" | "pglite", buildInfo: string): Promise<DatabaseResult> {
  const target =
    kind === "postgres"
      ? postgresTarget(args["database-url"] ?? process.env.DATABASE_URL ?? DEFAULT_SYNTH_DATABASE_URL)
      : pgliteTarget(args["pglite-dir"] ?? DEFAULT_SYNTH_PGLITE_DIR);
  const targetLabel = target.kind === "postgres" ? redact(target.url) : path.relative(ROOT, target.dir) || target.dir;
  log(`\n=== ${kind}: ${targetLabel}`);
  const startedAt = new Date();
  const loadAtStart = os.loadavg().map((n) => round(n, 2));
  const found = await discover(target);
  log(`Archive: ${Object.entries(found.counts).map(([t, n]) => `${t} ${n.toLocaleString("en-GB")}`).join(", ")}`);
  const fullSize = (found.counts.agenda_items ?? 0) >= FULL_SIZE_ITEMS;

  const registerPath = `/questions?status=awaiting_response&body=${found.meeting.bodySlug}`;
  const uncached = (scenario: SearchScenario, name: string, what: string) => {
    const source = uncachedSearchPaths(scenario);
    const terms = source.terms.length > 1 ? `${source.terms.length} ${what} in turn, e.g. ${source.terms.slice(0, 3).join(", ")}` : source.terms[0];
    return { name, label: `Search, ${scenario === "phrase" ? "phrase" : `${scenario} word`} (${terms}), uncached`, path: searchPath(source.terms[0], 0), nextPath: source.next, connections: UNCACHED_CONNECTIONS };
  };
  const endpoints: { name: string; label: string; path: string; nextPath?: () => string; connections?: number }[] = [
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
      connections: UNCACHED_CONNECTIONS,
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
  const only = args.only ? new Set(args.only.split(",").map((s) => s.trim())) : null;
  const selected = endpoints.filter((e) => !only || only.has(e.name) || e.name === "meeting");

  // The server, through the probe wrapper.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const probeFile = path.join(tmp, "loop-delay.json");
  const serverLog = path.join(tmp, "server.log");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    CONTENT_IMPORT_ON_START: "false",
    DEMO_ACCOUNTS: "false",
    BENCH_PROBE_FILE: probeFile,
  };
  if (target.kind === "postgres") {
    env.DATABASE_URL = target.url;
    delete env.PGLITE_DIR;
  } else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = target.dir;
  }
  const out = fs.openSync(serverLog, "w");
  // The same Node flags and malloc setting as `npm start` (app/serve.mjs).
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "bench/server-with-probes.ts"], {
    cwd: ROOT,
    env: serverEnv(env),
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${PORT}`;
  let staticServer: ChildProcess | null = null;
  const memory = new MemorySampler(server.pid!);
  try {
    log(`Starting the server (pid ${server.pid}) ...`);
    await waitForHttp(`${base}/`, server, 300, serverLog);
    log("Server is up.");

    const urls: Record<string, string> = Object.fromEntries(endpoints.map((e) => [e.name, e.path]));

    // JavaScript shipped with public pages.
    const scripts: ScriptSize[] = [];
    for (const page of ["/", `/meetings/${found.meeting.slug}`, `/questions/${found.questionId}`]) {
      scripts.push(await scriptSize(base, page));
    }
    const maxScripts = scripts.reduce((a, s) => (s.totalGzipBytes > a.totalGzipBytes ? s : a), scripts[0]);
    log(`JavaScript: ${(maxScripts.totalGzipBytes / 1024).toFixed(1)} KB gzipped on ${maxScripts.page} (${maxScripts.files.length} files).`);

    // The static baseline: the meeting page's exact HTML as a file.
    const meetingPath = `/meetings/${found.meeting.slug}`;
    const meetingRes = await fetch(`${base}${meetingPath}`);
    const meetingHtml = Buffer.from(await meetingRes.arrayBuffer());
    if (!meetingRes.ok) throw new Error(`${meetingPath} answered ${meetingRes.status}.\n${tail(serverLog)}`);
    const staticFile = path.join(tmp, "meeting.html");
    fs.writeFileSync(staticFile, meetingHtml);
    const staticLog = path.join(tmp, "static.log");
    const sout = fs.openSync(staticLog, "w");
    staticServer = spawn(process.execPath, ["--import", "tsx", "bench/static-server.ts", staticFile, String(STATIC_PORT)], {
      cwd: ROOT,
      stdio: ["ignore", sout, sout],
    });
    fs.closeSync(sout);
    await waitForHttp(`http://127.0.0.1:${STATIC_PORT}/`, staticServer, 60, staticLog);

    const runOne = async (
      name: string,
      label: string,
      url: string,
      pid: number | null,
      options: { overallRate?: number; duration: number; nextPath?: () => string; connections?: number },
    ) => {
      const connections = options.connections ?? CONNECTIONS;
      const probe = await fetch(url);
      const body = Buffer.from(await probe.arrayBuffer());
      const row: EndpointResult = { name, label, path: new URL(url).pathname + new URL(url).search, status: probe.status, available: probe.status !== 404 };
      if (probe.status === 404) {
        row.note = "not available (404)";
        log(`  ${label.padEnd(44)} not available (404)`);
        return row;
      }
      if (WARMUP > 0) await cannon(url, { duration: WARMUP, connections, nextPath: options.nextPath });
      if (pid) await readLoopDelay(pid, probeFile);
      const cpuBefore = pid ? sampleProcess(pid)?.cpuSeconds ?? 0 : 0;
      memory.phase(pid !== null);
      const load = await cannon(url, { duration: options.duration, connections, overallRate: options.overallRate, nextPath: options.nextPath });
      const loop = pid ? await readLoopDelay(pid, probeFile) : null;
      const cpuAfter = pid ? sampleProcess(pid)?.cpuSeconds ?? 0 : 0;
      memory.sample();
      const r = load.result;
      const total = r["1xx"] + r["2xx"] + r["3xx"] + r["4xx"] + r["5xx"];
      if (total === 0) {
        Object.assign(row, {
          requestsPerSecond: 0,
          requests: 0,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          bytesPerResponse: body.length,
          loopDelayMs: loop ? { p50: loop.p50Ms, p99: loop.p99Ms, max: loop.maxMs } : null,
          peakRssMb: pid ? round(memory.phasePeakMb, 0) : undefined,
          note: `no response completed within the ${options.duration} s run (${r.timeouts} timeouts): slower than ${options.duration} s under this load`,
        } satisfies Partial<EndpointResult>);
        log(`  ${label.padEnd(44)} no response completed in ${options.duration} s (timeouts ${r.timeouts}, errors ${r.errors})`);
        return row;
      }
      Object.assign(row, {
        requestsPerSecond: round(r.requests.average, 1),
        latencyMs: { p50: load.p50, p95: load.p95, p99: load.p99, max: load.max, mean: round(r.latency.average, 2), autocannonP99: r.latency.p99 },
        requests: total,
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)])),
        bytesPerResponse: body.length,
        loopDelayMs: loop ? { p50: loop.p50Ms, p99: loop.p99Ms, max: loop.maxMs } : null,
        peakRssMb: pid ? round(memory.phasePeakMb, 0) : undefined,
        serverMemoryMb: loop?.memory ? (Object.fromEntries(Object.entries(loop.memory).map(([k, v]) => [k, round(v / 1024 / 1024, 0)])) as EndpointResult["serverMemoryMb"]) : undefined,
        serverCpuMsPerRequest: pid && total ? round(((cpuAfter - cpuBefore) * 1000) / total, 2) : undefined,
      } satisfies Partial<EndpointResult>);
      if (probe.status >= 400) row.note = `answers ${probe.status}`;
      else if (total < connections * 3) {
        row.note = `only ${total} responses: latencies cover completed requests only (those still in flight at the end are not counted)`;
      }
      log(
        `  ${label.padEnd(44)} ${String(row.requestsPerSecond).padStart(8)} req/s  p50 ${load.p50} ms  p95 ${load.p95} ms  p99 ${load.p99} ms  ` +
          `errors ${r.errors + r.non2xx}${loop ? `  loop p99 ${loop.p99Ms} ms` : ""}${pid ? `  rss ${round(memory.phasePeakMb, 0)} MB` : ""}`,
      );
      return row;
    };

    log(`Load: ${DURATION} s per endpoint, ${CONNECTIONS} connections (warm-up ${WARMUP} s).`);
    const staticRow = await runOne("static", "Static file (meeting page HTML)", `http://127.0.0.1:${STATIC_PORT}/meeting.html`, null, { duration: DURATION });
    const rows: EndpointResult[] = [];
    for (const e of selected) {
      const row = await runOne(e.name, e.label, `${base}${e.path}`, server.pid!, { duration: DURATION, nextPath: e.nextPath, connections: e.connections });
      if (e.nextPath) {
        row.connections = e.connections;
        row.note = [row.note, `${e.connections} connections; every request a new URL (bench=N), so the page cache answers none`].filter(Boolean).join("; ");
      }
      if (row.requestsPerSecond !== undefined && staticRow.requestsPerSecond) {
        row.shareOfStatic = round(row.requestsPerSecond / staticRow.requestsPerSecond, 3);
      }
      rows.push(row);
    }
    log(`Fixed rate: ${RATE} requests/s on the meeting page for ${RATE_DURATION} s.`);
    const fixed = await runOne("meeting-fixed-rate", `Meeting page at ${RATE} req/s`, `${base}${meetingPath}`, server.pid!, {
      duration: RATE_DURATION,
      overallRate: RATE,
    });
    memory.phase(false);
    const hwm = sampleProcess(server.pid!)?.hwmMb ?? 0;

    const loadRows = [...rows, fixed].filter((r) => r.loopDelayMs);
    const loopDelayUnderLoad = loadRows.length
      ? { p99Ms: Math.max(...loadRows.map((r) => r.loopDelayMs!.p99)), maxMs: Math.max(...loadRows.map((r) => r.loopDelayMs!.max)) }
      : null;

    const result: DatabaseResult = {
      database: kind,
      target: targetLabel,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: round(os.totalmem() / 1024 ** 3, 1),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        build: buildInfo,
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
      },
      settings: { durationSeconds: DURATION, connections: CONNECTIONS, uncachedConnections: UNCACHED_CONNECTIONS, warmupSeconds: WARMUP, rate: RATE, rateDurationSeconds: RATE_DURATION, loadGenerator: "autocannon 8 (in the benchmark process)" },
      dataset: { version: found.version, counts: found.counts, archive: found.archive, fullSize },
      urls,
      static: staticRow,
      endpoints: rows,
      fixedRate: { ...fixed, targetRate: RATE },
      scripts,
      memory: { peakRssUnderLoadMb: round(memory.loadPeakMb, 0), peakRssMb: round(memory.peakMb, 0), vmHwmMb: round(hwm, 0) },
      loopDelayUnderLoad,
      budgets: [],
    };
    result.budgets = evaluateBudgets(result);
    return result;
  } catch (error) {
    const logText = tail(serverLog, 40);
    if (logText) console.error(`--- server log (last lines) ---\n${logText}`);
    throw error;
  } finally {
    memory.stop();
    await stop(staticServer);
    await stop(server);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Budgets and reports
// ---------------------------------------------------------------------------

function evaluateBudgets(r: DatabaseResult): BudgetRow[] {
  const rows: BudgetRow[] = [];
  const byName = (name: string) => r.endpoints.find((e) => e.name === name);
  const verdict = (ok: boolean): BudgetRow["verdict"] => (ok ? "met" : "NOT MET");
  const meeting = byName("meeting");

  if (meeting && meeting.requestsPerSecond === 0) {
    rows.push({ budget: "Anonymous meeting page: requests/s vs the same HTML as a static file", target: `≥ ${BUDGET.meetingShareOfStatic * 100}%`, measured: "0 req/s", verdict: "NOT MET", note: meeting.note });
  } else if (meeting?.shareOfStatic !== undefined) {
    rows.push({
      budget: "Anonymous meeting page: requests/s vs the same HTML as a static file",
      target: `≥ ${BUDGET.meetingShareOfStatic * 100}%`,
      measured: `${round(meeting.shareOfStatic * 100, 1)}% (${meeting.requestsPerSecond} vs ${r.static.requestsPerSecond} req/s)`,
      verdict: verdict(meeting.shareOfStatic >= BUDGET.meetingShareOfStatic),
    });
  }
  const f = r.fixedRate;
  if (!f.latencyMs) {
    rows.push({ budget: `Meeting page p99 at ${f.targetRate} requests/s`, target: `< ${BUDGET.meetingP99AtRateMs} ms`, measured: "no response completed", verdict: "NOT MET", note: f.note });
  } else {
    const achieved = f.requestsPerSecond ?? 0;
    const reached = achieved >= 0.95 * f.targetRate;
    rows.push({
      budget: `Meeting page p99 at ${f.targetRate} requests/s`,
      target: `< ${BUDGET.meetingP99AtRateMs} ms`,
      measured: `${f.latencyMs.autocannonP99} ms (corrected for coordinated omission; raw ${f.latencyMs.p99} ms), ${achieved} req/s achieved`,
      verdict: verdict(reached && f.latencyMs.autocannonP99 < BUDGET.meetingP99AtRateMs),
      note: reached ? undefined : `the server did not keep up with ${f.targetRate} req/s`,
    });
  }
  const searchScope = r.database === "postgres" && r.dataset.fullSize;
  const uncachedNote = `uncached: every request a new URL (${r.settings.uncachedConnections} connections), so the page cache answers none`;
  const searchNote = searchScope ? uncachedNote : `${uncachedNote}; the budget is for PostgreSQL at full size, shown for information`;
  const search = (name: string, label: string, limit: number) => {
    const e = byName(name);
    if (!e) return;
    if (!e.available) {
      rows.push({ budget: label, target: `p95 < ${limit} ms`, measured: "not available (404)", verdict: "not measured", note: "no /search route yet" });
      return;
    }
    if (!e.latencyMs) {
      rows.push({ budget: label, target: `p95 < ${limit} ms`, measured: `> ${r.settings.durationSeconds} s`, verdict: searchScope ? "NOT MET" : "informational", note: e.note });
      return;
    }
    const ok = e.latencyMs.p95 < limit && (e.errors ?? 0) + (e.non2xx ?? 0) === 0;
    const cached = byName(`${name}-cached`)?.latencyMs;
    rows.push({
      budget: label,
      target: `p95 < ${limit} ms`,
      measured: `${e.latencyMs.p95} ms${cached ? ` (repeated, from the page cache: ${cached.p95} ms)` : ""}`,
      verdict: searchScope ? verdict(ok) : "informational",
      note: searchNote,
    });
  };
  search("search-rare", "Search, rare word", BUDGET.searchFocusedP95Ms);
  search("search-phrase", "Search, multi-word phrase", BUDGET.searchFocusedP95Ms);
  search("search-common", "Search, common word", BUDGET.searchCommonP95Ms);
  const searches = r.endpoints.filter((e) => e.name.startsWith("search-") && !e.name.endsWith("-cached"));
  const available = searches.filter((e) => e.available && e.latencyMs);
  if (searches.length) {
    const max = available.length ? Math.max(...available.map((e) => e.latencyMs!.max)) : searches.some((e) => e.available) ? Infinity : 0;
    rows.push({
      budget: "Search: no query over 500 ms (slowest uncached search response, an upper bound on its queries)",
      target: `< ${BUDGET.searchMaxMs} ms`,
      measured: max === Infinity ? `> ${r.settings.durationSeconds} s` : available.length ? `${max} ms` : "not available (404)",
      verdict: max === Infinity || available.length ? (searchScope ? verdict(max < BUDGET.searchMaxMs) : "informational") : "not measured",
      note: max === Infinity || available.length ? searchNote : "no /search route yet",
    });
  }
  const register = byName("questions-register");
  if (register?.available && !register.latencyMs) {
    rows.push({ budget: "Question register with filters", target: `p95 < ${BUDGET.registerP95Ms} ms`, measured: `> ${r.settings.durationSeconds} s`, verdict: "NOT MET", note: register.note });
  } else if (register?.latencyMs) {
    rows.push({
      budget: "Question register with filters",
      target: `p95 < ${BUDGET.registerP95Ms} ms`,
      measured: `${register.latencyMs.p95} ms${byName("questions-register-cached")?.latencyMs ? ` (repeated, from the page cache: ${byName("questions-register-cached")!.latencyMs!.p95} ms)` : ""}`,
      verdict: verdict(register.latencyMs.p95 < BUDGET.registerP95Ms),
      note: `${uncachedNote}; status and body filters run in SQL (question_status_facts, ADR 010)`,
    });
  }
  if (r.loopDelayUnderLoad) {
    rows.push({
      budget: "Event-loop delay p99 under load (worst endpoint)",
      target: `< ${BUDGET.loopDelayP99Ms} ms`,
      measured: `${r.loopDelayUnderLoad.p99Ms} ms (max ${r.loopDelayUnderLoad.maxMs} ms)`,
      verdict: r.database === "pglite" ? verdict(r.loopDelayUnderLoad.p99Ms < BUDGET.loopDelayP99Ms) : "informational",
      note: r.database === "pglite" ? undefined : "the budget is for the embedded default (PGlite); shown for information",
    });
  }
  const worst = r.scripts.reduce((a, s) => (s.totalGzipBytes > a.totalGzipBytes ? s : a), r.scripts[0]);
  if (worst) {
    rows.push({
      budget: "JavaScript on a public page, gzipped (worst page)",
      target: `≤ ${BUDGET.scriptKbGzip} KB`,
      measured: `${round(worst.totalGzipBytes / 1024, 1)} KB on ${worst.page} (${worst.files.length} files; inline scripts another ${round(worst.inlineGzipBytes / 1024, 1)} KB)`,
      verdict: verdict(worst.totalGzipBytes <= BUDGET.scriptKbGzip * 1024),
    });
  }
  rows.push({
    budget: "Server memory under load (peak RSS)",
    target: `< ${BUDGET.rssMb} MB`,
    measured: `${r.memory.peakRssUnderLoadMb} MB (peak over the whole run ${r.memory.peakRssMb} MB, VmHWM ${r.memory.vmHwmMb} MB)`,
    verdict: verdict(r.memory.peakRssUnderLoadMb < BUDGET.rssMb),
  });
  for (const row of rows) {
    const why = row.verdict === "NOT MET" ? whyNotMet(row.budget, r) : undefined;
    if (why) row.note = [row.note, why].filter(Boolean).join("; ");
  }
  return rows;
}

/** Why a budget is missed and what would meet it: the report says so beside the figure (issue 8). */
function whyNotMet(budget: string, r: DatabaseResult): string | undefined {
  const f = r.fixedRate;
  if (budget.startsWith("Meeting page p99")) {
    return (
      `why: the page is served from the page cache (p50 ${f.latencyMs?.p50 ?? "?"} ms), but autocannon, the server and the database share ${r.machine.cpus} CPUs, ` +
      `and the server's own pauses (event-loop delay max ${f.loopDelayMs?.max ?? "?"} ms in this run: garbage collection, timers) reach the tail; ` +
      "would meet it: the load generator on another machine, or a reverse proxy serving the cached anonymous pages"
    );
  }
  if (budget.startsWith("Search")) {
    return (
      "why: an uncached search runs one full-text branch per kind, ranks up to the capped candidates of each with ts_rank_cd (reading each candidate's whole tsvector; " +
      "a document's is several KB, stored out of line) and, for a phrase, re-checks word positions in every candidate the index returns; " +
      "would meet it: an index that stores positions and orders by rank (the RUM extension), or ranking a small per-record summary vector instead of the whole text"
    );
  }
  if (budget.startsWith("Question register")) {
    return "why: the page counts (capped) and sorts the filtered questions in SQL for every request with filters; would meet it: the cached anonymous page (repeated filters), or a materialised status column";
  }
  if (budget.startsWith("Event-loop delay")) {
    const worst = [...r.endpoints, r.fixedRate].filter((e) => e.loopDelayMs).sort((x, y) => y.loopDelayMs!.p99 - x.loopDelayMs!.p99)[0];
    return (
      `why: PGlite runs each query on the server's main thread (WebAssembly), so a slow query stops every other request for its whole length (worst here: ${worst?.label ?? "?"}); ` +
      "would meet it: PostgreSQL (DATABASE_URL) at this size, or PGlite in a worker thread"
    );
  }
  if (budget.startsWith("Server memory")) {
    return r.database === "pglite"
      ? "why: PGlite runs PostgreSQL in WebAssembly inside the server process, so the database's memory (its caches and the WebAssembly heap, which never shrinks) counts as the server's; would meet it: PostgreSQL (DATABASE_URL) for an archive this size"
      : "why: the page cache (up to 64 MB) and the Node heap under load; would meet it: a smaller page cache";
  }
  return undefined;
}

function markdown(r: DatabaseResult): string {
  const lines: string[] = [];
  const fmt = (n: number | undefined) => (n === undefined ? "" : n.toLocaleString("en-GB"));
  lines.push(`# Benchmark: ${r.database === "postgres" ? "PostgreSQL" : "PGlite (embedded default)"}, synthetic archive`);
  lines.push("");
  lines.push(`Run ${r.startedAt} to ${r.finishedAt} on ${r.target} (${r.dataset.version}).`);
  lines.push(
    `Machine: ${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}. ` +
      `The server, the database, the static server and autocannon share these CPUs; ` +
      `load average ${(r.machine.loadAverageAtStart as number[]).join(", ")} at the start and ${(r.machine.loadAverageAtEnd as number[]).join(", ")} at the end ` +
      `(anything above ${r.machine.cpus} means other work competed for the CPUs).`,
  );
  lines.push(
    `Load: ${r.settings.durationSeconds} s per endpoint after a ${r.settings.warmupSeconds} s warm-up, ${r.settings.connections} connections, ` +
      `anonymous GET requests without compression; a fixed-rate run of ${r.settings.rate} req/s for ${r.settings.rateDurationSeconds} s. ` +
      `Uncached searches and register: ${r.settings.uncachedConnections ?? r.settings.connections} connections, every request a URL not asked before (for search the next term of its kind, and always a counter \`bench=N\` the page ignores), ` +
      "so each response is computed by the queries, not the page cache; the \"repeated\" rows show what the page cache serves.",
  );
  const a = r.dataset.archive ?? {};
  lines.push(
    `Archive: ${Object.entries(r.dataset.counts).map(([t, n]) => `${t.replace(/_/g, " ")} ${fmt(n)}`).join(", ")} ` +
      `(years ${a.years}, bodies ${a.bodies}, scale ${a.scale}, seed ${a.seed}, anchor ${a.anchor})${r.dataset.fullSize ? ", full size" : ""}.`,
  );
  lines.push("");
  lines.push("## Budgets");
  lines.push("");
  lines.push("| Budget | Target | Measured | Verdict | Note |");
  lines.push("| --- | --- | --- | --- | --- |");
  for (const b of r.budgets) lines.push(`| ${b.budget} | ${b.target} | ${b.measured} | ${b.verdict === "NOT MET" ? "**NOT MET**" : b.verdict} | ${b.note ?? ""} |`);
  const failing = r.budgets.filter((b) => b.verdict === "NOT MET");
  lines.push("");
  lines.push(failing.length ? `Not met: ${failing.map((b) => b.budget).join("; ")}.` : "Every measured budget is met.");
  lines.push("");
  lines.push("## Endpoints");
  lines.push("");
  lines.push("| Endpoint | Path | Req/s | vs static | p50 ms | p95 ms | p99 ms | max ms | Errors | Non-2xx | Loop delay p99 / max ms | Peak RSS MB | Server CPU ms/req | Bytes |");
  lines.push("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const rowOf = (e: EndpointResult) => {
    if (!e.available) return `| ${e.label} | \`${e.path}\` | not available (404) | | | | | | | | | | | |`;
    if (!e.latencyMs) return `| ${e.label} | \`${e.path}\` | 0 | | | | | | ${fmt((e.errors ?? 0) + (e.timeouts ?? 0))} | ${fmt(e.non2xx)} | | ${e.peakRssMb ?? ""} | | ${fmt(e.bytesPerResponse)} |`;
    const l = e.latencyMs;
    return (
      `| ${e.label} | \`${e.path.length > 60 ? `${e.path.slice(0, 57)}...` : e.path}\` | ${fmt(e.requestsPerSecond)} | ${e.shareOfStatic !== undefined ? `${round(e.shareOfStatic * 100, 1)}%` : ""} | ` +
      `${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${fmt((e.errors ?? 0) + (e.timeouts ?? 0))} | ${fmt(e.non2xx)} | ` +
      `${e.loopDelayMs ? `${e.loopDelayMs.p99} / ${e.loopDelayMs.max}` : ""} | ${e.peakRssMb ?? ""} | ${e.serverCpuMsPerRequest ?? ""} | ${fmt(e.bytesPerResponse)} |`
    );
  };
  lines.push(rowOf(r.static));
  for (const e of r.endpoints) lines.push(rowOf(e));
  lines.push(rowOf(r.fixedRate));
  lines.push("");
  lines.push(
    "p50/p95/p99/max are from every response's latency as autocannon reports it; for the fixed-rate run the budget uses autocannon's p99, " +
      "corrected for coordinated omission. Loop delay is `perf_hooks.monitorEventLoopDelay` inside the server (bench/server-with-probes.ts), " +
      "reset before each endpoint. Peak RSS is /proc/<pid>/status VmRSS sampled every 100 ms. Server CPU is the server process's user+system time per request " +
      "(database work on PostgreSQL runs in other processes).",
  );
  const noted = [r.static, ...r.endpoints, r.fixedRate].filter((e) => e.available && e.note);
  if (noted.length) {
    lines.push("");
    for (const e of noted) lines.push(`- ${e.label}: ${e.note}.`);
  }
  const missing = [...r.endpoints].filter((e) => !e.available);
  if (missing.length) {
    lines.push("");
    lines.push(`Not available yet (404): ${missing.map((e) => `\`${e.path}\``).join(", ")}. The benchmark picks them up once they answer.`);
  }
  lines.push("");
  lines.push("## JavaScript per page");
  lines.push("");
  lines.push("| Page | Files | Bytes | Gzipped | Inline scripts, gzipped |");
  lines.push("| --- | ---: | ---: | ---: | ---: |");
  for (const s of r.scripts) {
    lines.push(`| \`${s.page.length > 60 ? `${s.page.slice(0, 57)}...` : s.page}\` | ${s.files.length} | ${fmt(s.totalBytes)} | ${fmt(s.totalGzipBytes)} (${round(s.totalGzipBytes / 1024, 1)} KB) | ${fmt(s.inlineGzipBytes)} |`);
  }
  lines.push("");
  lines.push("Every `<script src>`, `modulepreload` link and static import they lead to, fetched from the server and gzipped by the benchmark (zlib, default level).");
  lines.push("");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------

async function main() {
  for (const kind of DATABASES) {
    // Fail early on an unsafe or missing target.
    if (kind === "postgres") postgresTarget(args["database-url"] ?? process.env.DATABASE_URL ?? DEFAULT_SYNTH_DATABASE_URL);
    else pgliteTarget(args["pglite-dir"] ?? DEFAULT_SYNTH_PGLITE_DIR);
  }
  let buildInfo = "existing build (--skip-build)";
  if (!args["skip-build"]) {
    log("Building (npm run build) ...");
    const buildLog = path.join(os.tmpdir(), `portal-bench-build-${process.pid}.log`);
    const code = await run("npm", ["run", "build"], buildLog);
    if (code !== 0) {
      console.error(`npm run build failed:\n${tail(buildLog)}`);
      process.exit(1);
    }
    fs.rmSync(buildLog, { force: true });
    buildInfo = "npm run build";
  }
  if (!fs.existsSync(path.join(ROOT, "build", "index.js"))) {
    console.error("No build/index.js: run without --skip-build.");
    process.exit(1);
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:]/g, "-").replace(/\.\d+Z$/, "Z");
  let failed = false;
  for (const kind of DATABASES) {
    try {
      const result = await benchDatabase(kind, buildInfo);
      const md = markdown(result);
      const name = `${stamp}-${kind}`;
      fs.writeFileSync(path.join(RESULTS, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
      fs.writeFileSync(path.join(RESULTS, `${name}.md`), md);
      fs.writeFileSync(path.join(RESULTS, `latest-${kind}.md`), md);
      log(`\nBudgets (${kind}):`);
      for (const b of result.budgets) log(`  ${b.verdict.padEnd(13)} ${b.budget}: ${b.measured} (target ${b.target})`);
      log(`Written: bench/results/${name}.md, .json and latest-${kind}.md`);
    } catch (error) {
      failed = true;
      console.error(`\n${kind}: ${error instanceof Error ? error.message : error}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

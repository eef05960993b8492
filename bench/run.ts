/**
 * The benchmark (bench/README.md): builds the production server, runs it on the
 * synthetic archive (db/synth/generate.ts) on PostgreSQL and/or the embedded
 * PGlite database, drives it with autocannon over the public pages, compares
 * each page with the same meeting page's HTML served as a static file, and
 * writes bench/results/<timestamp>-<database>.{md,json} and latest-<database>.md.
 *
 *   npm run bench                                  # PostgreSQL (portal_synth)
 *   npm run bench -- --database both --duration 10 --connections 20
 *
 * This file is the command and the run (options, build, server, load, results);
 * the parts: scenarios.ts (what is in the archive, which pages to load),
 * search-queries.ts (the search terms), probes.ts (memory, CPU, event-loop delay,
 * autocannon, JavaScript per page), processes.ts (child processes), report.ts
 * (budgets, verdicts, Markdown), util.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SERVER_NODE_FLAGS, serverEnv } from "../app/serve.mjs";
import {
  DEFAULT_SYNTH_DATABASE_URL,
  DEFAULT_SYNTH_PGLITE_DIR,
  pgliteTarget,
  postgresTarget,
  redact,
} from "../db/synth/target";
import { cannon, MemorySampler, readLoopDelay, sampleProcess, scriptSize, type ScriptSize } from "./probes";
import { run, stop, tail, waitForHttp, watchdog } from "./processes";
import { evaluateBudgets, FULL_SIZE_ITEMS, markdown, type DatabaseResult, type EndpointResult } from "./report";
import { mixedMarkdown, prepareMixed, runMixed, type CreateAccounts, type MixedSettings } from "./mixed";
import { discover, endpointsFor } from "./scenarios";
import { runSearchClasses, searchMarkdown } from "./search-classes";
import { prepareSearch } from "./search-plant";
import { log, ROOT, round } from "./util";

const RESULTS = path.join(ROOT, "bench", "results");

const USAGE = `Usage: npm run bench -- [--database postgres|pglite|both] [--duration 10] [--connections 20]
                      [--rate 500] [--skip-build] [--database-url URL] [--pglite-dir DIR]
                      [--port 3917] [--static-port 3918] [--only meeting,search-rare,...]
                      [--uncached-connections <CPUs>]
       npm run bench -- --mixed [--readers 200] [--writers 20] [--duration 60] [--database-url URL]
       npm run bench -- --search [--database postgres|pglite] [--per-class 6] [--planted 20]

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
    mixed: { type: "boolean", default: false },
    search: { type: "boolean", default: false },
    "per-class": { type: "string", default: "6" },
    planted: { type: "string", default: "20" },
    readers: { type: "string", default: "200" },
    writers: { type: "string", default: "20" },
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
/** Requests per second on another page while searches run (the "beside a search" rows). */
const BESIDE_RATE = 50;
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
// One database
// ---------------------------------------------------------------------------

type Target = ReturnType<typeof postgresTarget> | ReturnType<typeof pgliteTarget>;

/** The production server on the archive, through the probe wrapper, with the same Node flags and malloc setting as `npm start` (app/serve.mjs). */
function spawnServer(target: Target, probeFile: string, serverLog: string): ChildProcess {
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
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "bench/server-with-probes.ts"], {
    cwd: ROOT,
    env: serverEnv(env),
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  return server;
}

/** A process's first child (Linux: /proc/<pid>/task/<pid>/children), or null. */
function childProcessOf(pid: number): number | null {
  try {
    const first = Number(fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/)[0]);
    return first > 0 ? first : null;
  } catch {
    return null;
  }
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

  const endpoints = endpointsFor(found, UNCACHED_CONNECTIONS);
  const only = args.only ? new Set(args.only.split(",").map((s) => s.trim())) : null;
  const selected = endpoints.filter((e) => !only || only.has(e.name) || e.name === "meeting");

  // The server, through the probe wrapper.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const probeFile = path.join(tmp, "loop-delay.json");
  const serverLog = path.join(tmp, "server.log");
  const server = spawnServer(target, probeFile, serverLog);
  const base = `http://127.0.0.1:${PORT}`;
  let staticServer: ChildProcess | null = null;
  const memory = new MemorySampler(server.pid!);
  let databaseMemory: MemorySampler | null = null;
  try {
    log(`Starting the server (pid ${server.pid}) ...`);
    await waitForHttp(`${base}/`, server, 300, serverLog);
    log("Server is up.");
    // The embedded database's own process (ADR 049), a child of the server: its memory is reported beside the server's.
    const databasePid = kind === "pglite" ? childProcessOf(server.pid!) : null;
    if (databasePid) databaseMemory = new MemorySampler(databasePid);

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
    // Other pages beside a search (issue 19): the meeting page and the question timeline at a
    // modest fixed rate, alone and then while uncached common-word searches run without pause.
    const search = endpoints.find((e) => e.name === "search-common");
    if (search && (!only || only.has("beside-search"))) {
      log(`Other pages beside a search: ${BESIDE_RATE} requests/s, alone and while uncached searches run.`);
      for (const page of [
        { name: "meeting", label: "Meeting page", path: meetingPath },
        { name: "question", label: "Question timeline", path: `/questions/${found.questionId}` },
      ]) {
        rows.push(await runOne(`${page.name}-alone`, `${page.label} at ${BESIDE_RATE} req/s, alone (extra)`, `${base}${page.path}`, server.pid!, { duration: DURATION, overallRate: BESIDE_RATE, connections: 4 }));
        const searching = cannon(`${base}${search.path}`, { duration: DURATION + WARMUP + 2, connections: search.connections ?? UNCACHED_CONNECTIONS, nextPath: search.nextPath });
        const beside = await runOne(`${page.name}-beside-search`, `${page.label} at ${BESIDE_RATE} req/s while searches run (extra)`, `${base}${page.path}`, server.pid!, {
          duration: DURATION,
          overallRate: BESIDE_RATE,
          connections: 4,
        });
        const searches = await searching;
        beside.note = [beside.note, `beside ${searches.result.requests.total} uncached common-word searches on ${search.connections} connections (p50 ${searches.p50} ms, p99 ${searches.p99} ms)`].filter(Boolean).join("; ");
        rows.push(beside);
      }
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
      memory: {
        peakRssUnderLoadMb: round(memory.loadPeakMb, 0),
        peakRssMb: round(memory.peakMb, 0),
        vmHwmMb: round(hwm, 0),
        ...(databaseMemory ? { databaseProcessPeakRssMb: round(databaseMemory.peakMb, 0) } : {}),
      },
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
    databaseMemory?.stop();
    await stop(staticServer);
    await stop(server);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// The mixed run (--mixed): readers and writers at once, PostgreSQL only (bench/mixed.ts)
// ---------------------------------------------------------------------------

/** The writers' accounts, made with the portal's own account code (found again if a run made them before). */
const createBenchAccounts: CreateAccounts = async (accounts, { password, organisationSlug, bodySlug }) => {
  const { db, closeDatabase } = await import("../app/db.server");
  const { hashPassword } = await import("../app/auth/password.server");
  const { createUser } = await import("../app/models/people");
  const { organisations, bodies, users } = await import("../db/schema");
  const { eq } = await import("drizzle-orm");
  try {
    const passwordHash = await hashPassword(password);
    const [org] = await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, organisationSlug));
    const [body] = await db().select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, bodySlug));
    for (const a of accounts) {
      const [existing] = await db().select({ id: users.id }).from(users).where(eq(users.email, a.email));
      if (existing) {
        // The same password for this run; an earlier run's organisation stays (the writers' targets follow it).
        await db().update(users).set({ passwordHash, organisationId: a.kind === "officer" ? org.id : null }).where(eq(users.id, existing.id));
        continue;
      }
      await db().transaction((tx) =>
        createUser(tx, { userId: null, ipAddress: "benchmark" }, {
          email: a.email,
          name: `Bench ${a.kind} ${a.email.split("@")[0]}`,
          role: a.kind,
          organisationId: a.kind === "officer" ? org.id : null,
          bodyId: a.kind === "member" ? body.id : null,
          passwordHash,
        }),
      );
    }
  } finally {
    await closeDatabase();
  }
};

async function mixedRun(buildInfo: string) {
  const chosen = postgresTarget(args["database-url"] ?? process.env.DATABASE_URL ?? DEFAULT_SYNTH_DATABASE_URL);
  if (chosen.kind !== "postgres") throw new Error("The mixed run is on PostgreSQL only.");
  const target = chosen;
  const settings: MixedSettings = {
    readers: Math.round(positive("readers", args.readers)),
    writers: Math.round(positive("writers", args.writers)),
    // 60 s unless --duration is given.
    durationSeconds: process.argv.some((a) => a === "--duration" || a.startsWith("--duration=")) ? DURATION : 60,
  };
  // Never hangs: preparing, start-up (up to 300 s), the run, the checks after it and stopping have this long in all.
  let serverProcess: ChildProcess | null = null;
  const callOff = watchdog((420 + settings.durationSeconds + 240) * 1000, "The mixed run", () => serverProcess);
  log(`\n=== mixed: ${redact(target.url)} (${settings.readers} readers, ${settings.writers} writers, ${settings.durationSeconds} s; ${buildInfo})`);
  const startedAt = new Date().toISOString();
  const found = await discover(target);
  const fullSize = (found.counts.agenda_items ?? 0) >= FULL_SIZE_ITEMS;
  log(`Archive: ${Object.entries(found.counts).map(([t, n]) => `${t} ${n.toLocaleString("en-GB")}`).join(", ")}${fullSize ? "" : " (NOT full size)"}`);
  process.env.DATABASE_URL = target.url;
  const plan = await prepareMixed(target.url, settings, createBenchAccounts);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const serverLog = path.join(tmp, "server.log");
  const server = spawnServer(target, path.join(tmp, "loop-delay.json"), serverLog);
  serverProcess = server;
  try {
    await waitForHttp(`http://127.0.0.1:${PORT}/`, server, 300, serverLog);
    log("Server is up; loading ...");
    const result = await runMixed(`http://127.0.0.1:${PORT}`, target.url, plan, settings, () => fs.readFileSync(serverLog, "utf8"));
    const md = mixedMarkdown(result, { target: redact(target.url), counts: found.counts, fullSize, startedAt, load: os.loadavg().map((n) => round(n, 2)) });
    const stamp = startedAt.replace(/[:]/g, "-").replace(/\.\d+Z$/, "Z");
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, `${stamp}-mixed-postgres.json`), `${JSON.stringify({ startedAt, fullSize, counts: found.counts, ...result }, null, 2)}\n`);
    fs.writeFileSync(path.join(RESULTS, `${stamp}-mixed-postgres.md`), md);
    fs.writeFileSync(path.join(RESULTS, "latest-mixed-postgres.md"), md);
    log(md);
    log(`Written: bench/results/${stamp}-mixed-postgres.md, .json and latest-mixed-postgres.md`);
    return result.errorCount + result.lostWrites + result.duplicatedWrites + result.deadlocks + result.statementTimeouts === 0;
  } catch (error) {
    console.error(`--- server log (last lines) ---\n${tail(serverLog, 40)}`);
    throw error;
  } finally {
    await stop(server);
    callOff();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// The search run (--search): query classes one at a time, uncached, and planted records (bench/search-classes.ts)
// ---------------------------------------------------------------------------

async function searchRun(buildInfo: string) {
  const kind = DATABASES[0];
  const target: Target =
    kind === "postgres"
      ? postgresTarget(args["database-url"] ?? process.env.DATABASE_URL ?? DEFAULT_SYNTH_DATABASE_URL)
      : pgliteTarget(args["pglite-dir"] ?? DEFAULT_SYNTH_PGLITE_DIR);
  const perClass = Math.round(positive("per-class", args["per-class"]));
  const plantedCount = Math.round(positive("planted", args.planted));
  let serverProcess: ChildProcess | null = null;
  const callOff = watchdog(60 * 60_000, "The search run", () => serverProcess);
  log(`\n=== search classes: ${kind} (${buildInfo})`);
  const startedAt = new Date().toISOString();
  const found = await discover(target);
  const plan = await prepareSearch(target, plantedCount);
  log(`Planted ${plan.planted.length} records; index: ${plan.index}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const serverLog = path.join(tmp, "server.log");
  const server = spawnServer(target, path.join(tmp, "loop-delay.json"), serverLog);
  serverProcess = server;
  try {
    await waitForHttp(`http://127.0.0.1:${PORT}/`, server, 300, serverLog);
    const result = await runSearchClasses(`http://127.0.0.1:${PORT}`, plan, perClass, log);
    const md = searchMarkdown(result, {
      target: kind === "postgres" ? redact((target as { url: string }).url) : (target as { dir: string }).dir,
      counts: found.counts,
      startedAt,
      load: os.loadavg().map((n) => round(n, 2)),
      index: plan.index,
      rareWords: plan.rareWords,
    });
    const stamp = startedAt.replace(/[:]/g, "-").replace(/\.\d+Z$/, "Z");
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, `${stamp}-search-${kind}.json`), `${JSON.stringify({ startedAt, counts: found.counts, index: plan.index, ...result }, null, 2)}\n`);
    fs.writeFileSync(path.join(RESULTS, `${stamp}-search-${kind}.md`), md);
    fs.writeFileSync(path.join(RESULTS, `latest-search-${kind}.md`), md);
    log(md);
    log(`Written: bench/results/${stamp}-search-${kind}.md, .json and latest-search-${kind}.md`);
    return result.relevance.every((r) => r.position === 1) && result.samples.every((s) => s.status === 200);
  } catch (error) {
    console.error(`--- server log (last lines) ---\n${tail(serverLog, 40)}`);
    throw error;
  } finally {
    await stop(server);
    callOff();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
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
  if (args.mixed) process.exit((await mixedRun(buildInfo)) ? 0 : 1);
  if (args.search) process.exit((await searchRun(buildInfo)) ? 0 : 1);
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

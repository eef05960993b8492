/**
 * The budgets (the issue "Speed at scale"), the verdict on each, why an unmet one is
 * missed, and the Markdown report of one database's run.
 */
import type { ScriptSize } from "./probes";
import { round } from "./util";

// ---------------------------------------------------------------------------
// Budgets (the issue "Speed at scale")
// ---------------------------------------------------------------------------

export const BUDGET = {
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
export const FULL_SIZE_ITEMS = 100_000;

// ---------------------------------------------------------------------------
// What one database's run records
// ---------------------------------------------------------------------------

export interface EndpointResult {
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

export interface DatabaseResult {
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
  memory: { peakRssUnderLoadMb: number; peakRssMb: number; vmHwmMb: number; databaseProcessPeakRssMb?: number };
  loopDelayUnderLoad: { p99Ms: number; maxMs: number } | null;
  budgets: BudgetRow[];
}

export interface BudgetRow {
  budget: string;
  target: string;
  measured: string;
  verdict: "met" | "NOT MET" | "not measured" | "informational";
  note?: string;
}

// ---------------------------------------------------------------------------
// Verdicts and the report
// ---------------------------------------------------------------------------

export function evaluateBudgets(r: DatabaseResult): BudgetRow[] {
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
    measured:
      `${r.memory.peakRssUnderLoadMb} MB (peak over the whole run ${r.memory.peakRssMb} MB, VmHWM ${r.memory.vmHwmMb} MB)` +
      (r.memory.databaseProcessPeakRssMb ? `; the embedded database's own process besides: peak ${r.memory.databaseProcessPeakRssMb} MB` : ""),
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
      "would meet it: PostgreSQL (DATABASE_URL) at this size (on PGlite the database runs in a process of its own: ADR 049)"
    );
  }
  if (budget.startsWith("Server memory")) {
    return r.database === "pglite"
      ? "why: the server process's own heap and page cache under load (the embedded database's memory is its own process's, reported beside); would meet it: a smaller page cache, or PostgreSQL (DATABASE_URL) for an archive this size"
      : "why: the page cache (up to 64 MB) and the Node heap under load; would meet it: a smaller page cache";
  }
  return undefined;
}

export function markdown(r: DatabaseResult): string {
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

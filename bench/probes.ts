/**
 * What the benchmark measures besides requests: the server process's memory and CPU
 * (/proc), its event-loop delay (bench/server-with-probes.ts), the load itself
 * (autocannon, with every response's latency in a histogram), and the JavaScript a
 * public page loads.
 */
import fs from "node:fs";
import { createHistogram } from "node:perf_hooks";
import zlib from "node:zlib";
import autocannon, { type Result } from "autocannon";
import { round, sleep } from "./util";

export interface ProcSample {
  rssMb: number;
  hwmMb: number;
  cpuSeconds: number;
}

const CLOCK_TICKS = 100;

export function sampleProcess(pid: number): ProcSample | null {
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
export class MemorySampler {
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

export interface LoopDelay {
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
export async function readLoopDelay(pid: number, file: string): Promise<LoopDelay | null> {
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

export interface Load {
  result: Result;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface CannonOptions {
  duration?: number;
  amount?: number;
  connections: number;
  overallRate?: number;
  /** Gives each request its own path (so the page cache cannot answer it). */
  nextPath?: () => string;
}

export function cannon(url: string, { nextPath, ...options }: CannonOptions): Promise<Load> {
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

// ---------------------------------------------------------------------------
// JavaScript on a public page
// ---------------------------------------------------------------------------

export interface ScriptSize {
  page: string;
  files: { url: string; bytes: number; gzipBytes: number }[];
  totalGzipBytes: number;
  totalBytes: number;
  inlineBytes: number;
  inlineGzipBytes: number;
}

const gzipSize = (b: Buffer | string) => zlib.gzipSync(b).length;

/** Every script a page loads (script src, modulepreload, static imports, followed), each gzipped here. */
export async function scriptSize(base: string, page: string): Promise<ScriptSize> {
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

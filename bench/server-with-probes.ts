/**
 * The production server (app/server.ts) with an event-loop delay probe, for the
 * benchmark (bench/run.ts). app/server.ts is unchanged: this wrapper starts
 * `perf_hooks.monitorEventLoopDelay`, then imports it.
 *
 * BENCH_PROBE_FILE=<path>: on SIGUSR2 (and every BENCH_PROBE_INTERVAL_MS, if
 * set) the histogram since the last SIGUSR2 is written there as JSON
 * (milliseconds), then reset; `seq` counts the writes. Without it, no probe.
 */
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const probeFile = process.env.BENCH_PROBE_FILE;

if (probeFile) {
  const resolution = Number(process.env.BENCH_PROBE_RESOLUTION_MS ?? 5);
  const histogram = monitorEventLoopDelay({ resolution });
  histogram.enable();
  let seq = 0;
  let since = Date.now();
  const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
  const write = (reset: boolean) => {
    const count = histogram.count;
    const snapshot = {
      seq: ++seq,
      pid: process.pid,
      from: since,
      to: Date.now(),
      resolutionMs: resolution,
      count,
      minMs: count ? ms(histogram.min) : 0,
      meanMs: count ? ms(histogram.mean) : 0,
      p50Ms: count ? ms(histogram.percentile(50)) : 0,
      p90Ms: count ? ms(histogram.percentile(90)) : 0,
      p99Ms: count ? ms(histogram.percentile(99)) : 0,
      maxMs: count ? ms(histogram.max) : 0,
      memory: process.memoryUsage(),
    };
    const tmp = `${probeFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(snapshot));
    fs.renameSync(tmp, probeFile);
    if (reset) {
      histogram.reset();
      since = Date.now();
    }
  };
  process.on("SIGUSR2", () => write(true));
  const interval = Number(process.env.BENCH_PROBE_INTERVAL_MS ?? 0);
  if (interval > 0) setInterval(() => write(false), interval).unref();
}

await import("../app/server");

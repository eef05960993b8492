#!/usr/bin/env node
/**
 * Starts the portal's server (app/server.ts) in production mode (NODE_ENV=production
 * unless the caller set it: docs/decisions/017-site-address-and-production-mode.md),
 * in a Node process with memory settings that keep it small under load
 * (docs/decisions/010-speed-at-scale.md):
 * - `--max-old-space-size=384`: V8 collects sooner instead of growing its heap;
 * - `MALLOC_ARENA_MAX=2`: glibc keeps two malloc arenas instead of eight per core
 *   (read only when a process starts, hence this launcher; other systems ignore it).
 * Either can be overridden: NODE_OPTIONS or MALLOC_ARENA_MAX set by the caller win.
 * `npm start` and `npm run serve` use it; the benchmark starts its probe wrapper the same way.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const SERVER_NODE_FLAGS = ["--max-old-space-size=384"];

/** The environment for the server process: the caller's, with NODE_ENV=production and MALLOC_ARENA_MAX=2 unless they are set. */
export function serverEnv(env = process.env) {
  return { MALLOC_ARENA_MAX: "2", ...env, NODE_ENV: env.NODE_ENV || "production" };
}

/** Runs `node <flags> --import tsx <entry>` and passes its exit code and the stop signals through. */
export function launch(entry = "app/server.ts", extraArgs = []) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", entry, ...extraArgs], {
    stdio: "inherit",
    env: serverEnv(),
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  launch(process.argv[2] ?? "app/server.ts", process.argv.slice(3));
}

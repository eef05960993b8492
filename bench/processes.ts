/** Child processes: the build, the servers, waiting for them to answer, stopping them. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { ROOT, sleep } from "./util";

/** Runs a command to its end, or stops it after `limitMs` (then the answer is 124, as timeout(1) gives). */
export function run(command: string, argv: string[], logFile: string, limitMs = 15 * 60_000): Promise<number> {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, "w");
    const child = spawn(command, argv, { cwd: ROOT, stdio: ["ignore", out, out] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, limitMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fs.closeSync(out);
      resolve(timedOut ? 124 : (code ?? 1));
    });
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export async function waitForHttp(url: string, child: ChildProcess | null, seconds: number, logFile?: string) {
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

/**
 * Stops a server: SIGTERM (it drains requests in flight), SIGKILL after 10 s, and
 * gives up waiting 5 s after that, so stopping never hangs the run.
 */
export async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timers: NodeJS.Timeout[] = [];
  const given = new Promise<void>((resolve) => {
    timers.push(setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 10_000));
    timers.push(setTimeout(resolve, 15_000));
  });
  await Promise.race([exited, given]);
  for (const t of timers) clearTimeout(t);
}

/**
 * A watchdog for a whole run: after `limitMs` it kills the child (if any), says why,
 * and ends the process with code 2, so a run can end in failure but never hang.
 * Returns the function that calls it off.
 */
export function watchdog(limitMs: number, what: string, child: () => ChildProcess | null): () => void {
  const timer = setTimeout(() => {
    console.error(`\n${what} did not finish within ${Math.round(limitMs / 1000)} s: stopped (the watchdog in bench/processes.ts).`);
    const c = child();
    if (c && c.exitCode === null) c.kill("SIGKILL");
    process.exit(2);
  }, limitMs);
  timer.unref();
  return () => clearTimeout(timer);
}

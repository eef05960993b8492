/** Child processes: the build, the servers, waiting for them to answer, stopping them. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { ROOT, sleep } from "./util";

export function run(command: string, argv: string[], logFile: string): Promise<number> {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, "w");
    const child = spawn(command, argv, { cwd: ROOT, stdio: ["ignore", out, out] });
    child.on("exit", (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
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

export async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

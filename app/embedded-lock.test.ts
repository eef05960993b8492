/**
 * The embedded database's lock file outlives a server killed with kill -9. CI found a
 * restart refused because the killed server's id still answered: it was a zombie (its
 * parent died with it and the container's first process does not reap). A lock is
 * held only by a process that is running, not ended, and started when the lock says.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDatabaseHolder, lockPgliteDir } from "./db.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-lock-"));
const children: { kill: () => void }[] = [];
afterAll(() => {
  for (const child of children) child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

function startField(pid: number): string {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

/** A process that sleeps, and the id of a child of it that has ended and will never be reaped. */
async function zombie(): Promise<{ sleeper: number; zombie: number }> {
  // The shell starts a short sleep in the background, prints its id, then becomes `sleep`, which never waits for it.
  const child = spawn("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 60"], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  const line = await new Promise<string>((resolve) => child.stdout.once("data", (data) => resolve(String(data))));
  const pid = Number(line.trim());
  for (let i = 0; i < 100 && !/\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")); i += 1) await new Promise((r) => setTimeout(r, 20));
  return { sleeper: child.pid!, zombie: pid };
}

describe.skipIf(!fs.existsSync("/proc/self/stat"))("the embedded database's lock", () => {
  it("is held by a running process that started when the lock says", async () => {
    const { sleeper } = await zombie();
    const folder = path.join(dir, "running");
    fs.writeFileSync(`${folder}.lock`, `${sleeper} ${startField(sleeper)}`);
    expect(embeddedDatabaseHolder(folder)).toBe(sleeper);
    expect(() => lockPgliteDir(folder)).toThrow(`in use by process ${sleeper}`);
    // A lock file from before start times were written (the id alone) still counts.
    fs.writeFileSync(`${folder}.lock`, String(sleeper));
    expect(embeddedDatabaseHolder(folder)).toBe(sleeper);
  });

  it("is not held by a process killed and left unreaped (a zombie)", async () => {
    const { zombie: pid } = await zombie();
    const folder = path.join(dir, "zombie");
    fs.writeFileSync(`${folder}.lock`, String(pid));
    expect(fs.readFileSync(`/proc/${pid}/stat`, "utf8")).toMatch(/\) Z /);
    expect(embeddedDatabaseHolder(folder)).toBeNull();
    const release = lockPgliteDir(folder);
    expect(fs.readFileSync(`${folder}.lock`, "utf8")).toBe(`${process.pid} ${startField(process.pid)}`);
    release();
    expect(fs.existsSync(`${folder}.lock`)).toBe(false);
  });

  it("is not held by a process that took the id of the one that wrote it", async () => {
    const { sleeper } = await zombie();
    const folder = path.join(dir, "reused");
    fs.writeFileSync(`${folder}.lock`, `${sleeper} ${Number(startField(sleeper)) - 1}`);
    expect(embeddedDatabaseHolder(folder)).toBeNull();
  });
});

/**
 * The embedded database's lock file, `<dir>.lock`: one process at a time has the folder
 * (docs/decisions/002-database.md). A line per process that has it open: the one that
 * took the lock (a server, a command), then, for a server, its database process
 * (docs/decisions/049-the-embedded-database-in-a-process-of-its-own.md), each as
 * "<pid> <start time>".
 */
import fs from "node:fs";

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), and
 * whether it has ended but not yet been reaped (state Z or X). Null where there is no
 * /proc (not Linux) or no such process.
 */
function processStart(pid: number): { start: string; ended: boolean } | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { start: fields[19] ?? "", ended: fields[0] === "Z" || fields[0] === "X" };
}

/** What a lock file says of a process: its id and, where the system says, when it started. */
export function lockLine(pid = process.pid): string {
  const started = processStart(pid)?.start;
  return started ? `${pid} ${started}` : String(pid);
}

/**
 * The process a lock line names if it still runs, else null. A process that was killed
 * (kill -9) leaves its line behind; it no longer holds the database once it is gone,
 * once it has ended and only waits to be reaped (a zombie: its parent died with it and
 * nothing reaps it, as in a container without an init), or once its id belongs to a
 * process that started at another time.
 */
export function liveProcess(line: string): number | null {
  const [pidText, started] = line.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return null;
  }
  const now = processStart(pid);
  if (now?.ended) return null;
  if (now && started && now.start !== started) return null;
  return pid;
}

function lockLines(dir: string): string[] {
  try {
    return fs.readFileSync(`${dir}.lock`, "utf8").split("\n").filter((line) => line.trim());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/** The first live process the lock file names (a server, a command, or a server's database process), or null. */
export function embeddedDatabaseHolder(dir: string): number | null {
  for (const line of lockLines(dir)) {
    const pid = liveProcess(line);
    if (pid) return pid;
  }
  return null;
}

export interface EmbeddedLock {
  (): void;
  /** The lock line of a database process of an earlier server that still runs (it ends by itself once its server is gone): wait for it before opening. */
  leftover: string | null;
  /** Adds this process's database process to the lock file. */
  addDatabaseProcess: (pid: number) => void;
}

/**
 * Takes the embedded database's lock file (`<dir>.lock`): a second process (a second
 * server, or `npm run restore` while the server runs) is refused. Returns the function
 * that lets it go. With `databaseProcess`, only a live process on the first line (the
 * one that took the lock) refuses: a database process left by a server that was killed
 * is reported as `leftover`, for the caller to wait for. When this process lets go or
 * exits while its database process still runs, the lock is left to that process alone.
 */
export function lockPgliteDir(dir: string, options: { databaseProcess?: boolean } = {}): EmbeddedLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = `${dir}.lock`;
  const [first, ...rest] = lockLines(dir);
  const holder = options.databaseProcess ? (first ? liveProcess(first) : null) : embeddedDatabaseHolder(dir);
  if (holder && holder !== process.pid) {
    throw new Error(
      `The embedded database in ${dir} is in use by process ${holder}. ` +
        "Stop that process first (is the portal already running?), or set DATABASE_URL to use a PostgreSQL server.",
    );
  }
  const leftover = rest.find((line) => {
    const pid = liveProcess(line);
    return pid && pid !== process.pid;
  }) ?? null;
  let database: { pid: number; line: string } | null = null;
  let content = lockLine();
  fs.writeFileSync(lockFile, content);
  const release = (() => {
    process.removeListener("exit", release);
    try {
      if (fs.readFileSync(lockFile, "utf8") !== content) return;
      if (database && liveProcess(database.line)) fs.writeFileSync(lockFile, database.line);
      else fs.unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  }) as EmbeddedLock;
  release.leftover = leftover;
  release.addDatabaseProcess = (pid) => {
    database = { pid, line: lockLine(pid) };
    content = `${lockLine()}\n${database.line}`;
    fs.writeFileSync(lockFile, content);
  };
  process.once("exit", release);
  return release;
}

/** Resolves true once the process a lock line names has ended, or false after `ms`. */
export async function processEnded(line: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (liveProcess(line)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

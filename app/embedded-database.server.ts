/**
 * The embedded database (PGlite) in a process of its own, served over the PostgreSQL
 * protocol on a unix socket (app/embedded-database.mjs), so a slow query never stalls
 * the server's event loop (docs/decisions/049-the-embedded-database-in-a-process-of-its-own.md).
 * This side starts it, hands connections to it to the `postgres` driver, asks it for
 * dumps (backups), stops it, and starts it again if it ends by itself.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { lockLine, lockPgliteDir, processEnded } from "./embedded-lock.server";

export interface EmbeddedDatabase {
  /** A new connection to the database process once it is ready (the `postgres` driver's `socket` option). */
  connect: () => Promise<net.Socket>;
  /** PGlite's dump of its data directory (gzipped tar), taken between two queries. */
  dump: () => Promise<Blob>;
  /** Stops the database process (it closes the database) and lets the folder go. */
  stop: () => Promise<void>;
}

const PROCESS_ENTRY = path.resolve(process.cwd(), "app", "embedded-database.mjs");
/** How long a database process left by a killed server may take to close before a new server gives up. */
const LEFTOVER_WAIT_MS = 30_000;
const STOP_WAIT_MS = 15_000;

type Message = { type: "ready" } | { type: "dumped"; id: number } | { type: "failed"; id?: number; message: string };

/**
 * Takes the folder's lock (a second server is refused, as before), then starts the
 * database process. `onRestart` is called when the process ended by itself and a new
 * one was started (what its connections were listening for was lost).
 */
export function startEmbeddedDatabase(dir: string, onRestart: () => void = () => {}): EmbeddedDatabase {
  const lock = lockPgliteDir(dir, { databaseProcess: true });
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-db-"));
  const socketPath = path.join(socketDir, ".s.PGSQL.5432");
  const removeSocketDir = () => fs.rmSync(socketDir, { recursive: true, force: true });
  process.once("exit", removeSocketDir);

  let child: ChildProcess | undefined;
  let stopping = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  const spawnProcess = () =>
    new Promise<void>((resolve, reject) => {
      const started = fork(PROCESS_ENTRY, [], {
        execArgv: [],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      child = started;
      let ready = false;
      started.on("message", (message: Message) => {
        if (message.type === "ready") {
          ready = true;
          // Once open, neither the process nor its channel keeps this one alive: when this one ends, the channel closes and it stops.
          started.unref();
          started.channel?.unref();
          resolve();
        } else if (message.type === "dumped" || (message.type === "failed" && message.id)) {
          const waiter = waiting.get(message.id!);
          waiting.delete(message.id!);
          if (message.type === "dumped") waiter?.resolve();
          else waiter?.reject(new Error(message.message));
        } else if (message.type === "failed") {
          reject(new Error(`The embedded database in ${dir} could not be opened: ${message.message}`));
        }
      });
      started.once("exit", (code, signal) => {
        for (const waiter of waiting.values()) waiter.reject(new Error("The embedded database process ended."));
        waiting.clear();
        if (!ready) {
          reject(new Error(`The embedded database process ended (${signal ?? code}) before it opened ${dir}.`));
          return;
        }
        if (stopping) return;
        console.error(`The embedded database process ended by itself (${signal ?? code}); starting it again.`);
        opened = spawnProcess();
        opened.then(onRestart, (error: unknown) => console.error((error as Error).message));
      });
      if (started.pid) lock.addDatabaseProcess(started.pid);
      started.send({ type: "open", dir, socket: socketPath });
    });

  let opened = (async () => {
    if (lock.leftover && !(await processEnded(lock.leftover, LEFTOVER_WAIT_MS))) {
      throw new Error(`The embedded database in ${dir} is still held by process ${lock.leftover.split(" ")[0]}, left by a server that ended.`);
    }
    return spawnProcess();
  })();
  // Nobody may be waiting yet: the first connection reports the error.
  opened.catch(() => {});

  const request = <T>(send: (id: number) => object, then: () => T) =>
    opened.then(
      () =>
        new Promise<T>((resolve, reject) => {
          const id = nextId++;
          child!.channel?.ref();
          waiting.set(id, {
            resolve: () => resolve(then()),
            reject,
          });
          child!.send(send(id));
        }).finally(() => child?.channel?.unref()),
    );

  return {
    connect: async () => {
      await opened;
      return new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(socketPath);
        socket.once("connect", () => {
          socket.off("error", reject);
          resolve(socket);
        });
        socket.once("error", reject);
      });
    },
    dump: () => {
      const file = path.join(socketDir, `dump-${Date.now()}.tar.gz`);
      return request(
        (id) => ({ type: "dump", id, file }),
        () => {
          const blob = new Blob([fs.readFileSync(file)]);
          fs.rmSync(file, { force: true });
          return blob;
        },
      );
    },
    stop: async () => {
      stopping = true;
      await opened.catch(() => {});
      const running = child;
      if (running && running.exitCode === null && running.signalCode === null) {
        const line = running.pid ? lockLine(running.pid) : "";
        const ended = new Promise<void>((resolve) => running.once("exit", () => resolve()));
        // Waiting for it must keep this process alive (both are unref'd once it is open).
        running.ref();
        running.channel?.ref();
        try {
          running.send({ type: "stop" });
        } catch {
          /* its channel is already closed: it is stopping by itself */
        }
        const closed = await Promise.race([ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_WAIT_MS).unref())]);
        if (!closed && line) {
          running.kill("SIGKILL");
          await processEnded(line, 5_000);
        }
      }
      lock();
      removeSocketDir();
      process.removeListener("exit", removeSocketDir);
    },
  };
}

/**
 * The embedded database's own process (docs/decisions/049-the-embedded-database-in-a-process-of-its-own.md).
 * The server (app/embedded-database.server.ts) starts it with an IPC channel and tells it
 * which folder to open and where to listen; it opens PGlite there and serves it over the
 * PostgreSQL wire protocol on a unix socket (@electric-sql/pglite-socket), so PGlite's
 * work (all of it synchronous WebAssembly) never runs on the server's event loop.
 *
 * Messages from the server: {type: "open", dir, socket}, {type: "dump", id, file}
 * (PGlite's own dump of the data directory, gzipped, written to `file`), {type: "stop"}.
 * Answers: {type: "ready"}, {type: "dumped", id}, {type: "failed", id?, message}.
 *
 * It ends by itself when the server is gone however the server ended (kill -9 too):
 * the IPC channel closes ("disconnect"); it then rolls back what was left open, closes
 * the database and exits, so a server started again on the folder finds it free.
 *
 * Plain JavaScript so that it starts without a compiler, from the repository or the build.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** @type {PGlite | undefined} */
let db;
/** @type {PGLiteSocketServer | undefined} */
let server;
let socketPath = "";
let stopping = false;

function send(message) {
  if (process.connected) process.send(message);
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  try {
    await server?.stop();
    await db?.close();
  } catch (error) {
    console.error(`The embedded database did not close cleanly: ${error instanceof Error ? error.message : error}`);
    code = 1;
  } finally {
    if (socketPath) fs.rmSync(socketPath, { force: true });
  }
  process.exit(code);
}

async function open({ dir, socket }) {
  db = new PGlite(path.resolve(dir));
  await db.waitReady;
  // One backend serves every connection: its settings are everyone's.
  await db.exec("set time zone 'UTC'");
  fs.rmSync(socket, { force: true });
  socketPath = socket;
  // Several connections may be opened (the server uses one; see the ADR), but PGlite runs one
  // query at a time: pglite-socket queues them and keeps a transaction's queries together.
  server = new PGLiteSocketServer({ db, path: socket, maxConnections: 8 });
  await server.start();
  fs.chmodSync(socket, 0o600);
}

process.on("disconnect", () => void stop(0));
// Ctrl-C in a terminal and a stop of the whole process group reach this process too: the
// server stops it once the requests in flight have finished (or it ends and "disconnect" does).
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (!process.connected) void stop(0);
  });
}
process.on("message", (message) => {
  if (message.type === "open") {
    open(message).then(
      () => send({ type: "ready" }),
      (error) => {
        send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
        void stop(1);
      },
    );
  } else if (message.type === "dump") {
    db.dumpDataDir("gzip")
      .then(async (blob) => fs.promises.writeFile(message.file, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 }))
      .then(
        () => send({ type: "dumped", id: message.id }),
        (error) => send({ type: "failed", id: message.id, message: error instanceof Error ? error.message : String(error) }),
      );
  } else if (message.type === "stop") {
    void stop(0);
  }
});

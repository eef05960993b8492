#!/usr/bin/env node
/**
 * `npm run test:e2e` after the build: the browser tests in vitest runs, three lanes side by
 * side, each lane one run after another (LANES in support/groups.mjs).
 *
 * - "apart": files that start a portal of their own and are not timed (hostile input,
 *   the leak canary). They mostly wait on their own server, so on 2 cores they overlap
 *   well with the rest instead of adding their minutes to it.
 * - "second": files on a second portal of their own, after "apart".
 * - "third": journeys that write, on a third portal, in a lane of their own.
 * - "shared": every other file, one at a time, on the portal started by
 *   support/global-setup.ts (the timed tests, such as the database outage, run here).
 *
 * Each line is prefixed with its run's name; the exit code is the first non-zero one.
 * Arguments (file filters, e.g. `npm run test:e2e -- tests/e2e/search.e2e.ts`) go to
 * the run whose files they name; with none, every run runs everything it holds.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./support/free-port.mjs";
import { groupOf, LANES } from "./support/groups.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
/** Each lane's runs; with file filters, only the runs that hold a named file, with those files. */
const lanes = LANES.map((lane) =>
  lane
    .map((name) => ({ name, files: files.filter((f) => groupOf(f) === name) }))
    .filter((run) => files.length === 0 || run.files.length > 0),
).filter((lane) => lane.length > 0);

function start({ name, files }) {
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "tests/e2e/vitest.config.ts", ...flags, ...files],
    { cwd: root, env: { ...process.env, E2E_GROUP: name }, stdio: ["ignore", "pipe", "pipe"] },
  );
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop();
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
    stream.on("end", () => rest && out.write(`[${name}] ${rest}\n`));
  }
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/**
 * The embedded database a newcomer's first `npm start` makes (migrated, content/ imported, the
 * demo accounts), made once: the portal started on an empty folder, stopped when it listens.
 * support/server.ts starts each embedded portal on a copy of it, so each start opens a database
 * instead of making one (14 s of CPU against 7 s: docs/decisions/053-browser-tabs-kept.md).
 */
async function seedEmbeddedDatabase() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-seed-"));
  const dir = path.join(folder, "pglite");
  const env = { ...process.env, PORT: String(await freePort()), PGLITE_DIR: dir, CONTENT_IMPORT_ON_START: "true" };
  for (const key of ["NODE_ENV", "SITE_URL", "DATABASE_URL"]) delete env[key];
  const child = spawn(process.execPath, ["app/serve.mjs"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let stopping = false;
  const timer = setTimeout(() => process.kill(-child.pid, "SIGKILL"), 180_000);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      output += chunk;
      // Stopped as a whole (the server and its database process), so the folder is closed cleanly.
      if (!stopping && output.includes("Portal listening")) {
        stopping = true;
        process.kill(-child.pid, "SIGTERM");
      }
    });
  }
  const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  clearTimeout(timer);
  if (code !== 0 || !output.includes("Portal listening") || !fs.existsSync(path.join(dir, "PG_VERSION"))) {
    console.error(`The portal's first start on an empty embedded database failed (exit ${code}):\n${output}`);
    process.exit(1);
  }
  return folder;
}

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));
const started = Date.now();
const seeded = process.env.E2E_SEEDED_PGLITE ? null : await seedEmbeddedDatabase();
if (seeded) {
  process.env.E2E_SEEDED_PGLITE = path.join(seeded, "pglite");
  process.on("exit", () => fs.rmSync(seeded, { recursive: true, force: true }));
  console.log(`Browser tests: the embedded database made by a first start, in ${Math.round((Date.now() - started) / 1000)} s`);
}
const outcomes = [];
await Promise.all(
  lanes.map(async (lane) => {
    for (const run of lane) {
      const from = Date.now();
      const code = await start(run);
      outcomes.push({ name: run.name, code, seconds: Math.round((Date.now() - from) / 1000) });
    }
  }),
);
const failed = outcomes.find((o) => o.code !== 0);
const said = outcomes.map((o) => `${o.name} ${o.code === 0 ? "passed" : `failed (${o.code})`} in ${o.seconds} s`);
console.log(`Browser tests: ${said.join(", ")}; ${Math.round((Date.now() - started) / 1000)} s in all`);
process.exit(failed?.code ?? 0);

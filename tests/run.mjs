#!/usr/bin/env node
/**
 * `npm test`: the unit and integration tests (tests/vitest.config.ts), in two vitest runs
 * (docs/decisions/052-test-time.md):
 *
 * 1. every file but those in OWN_PROCESS, with `--no-isolate`: a worker runs file after file
 *    without loading the app's modules again, which took 4 of every 10 seconds of the suite.
 *    Each file still gets a database of its own, and tests/support/setup.ts puts back the
 *    environment variables and test hooks a file changed;
 * 2. the files in OWN_PROCESS, each in a process of its own (vitest's default): they replace
 *    a module with vi.mock, which does not take once another file has loaded the module, and
 *    would leak into the files after them. This run starts beside the first (one file, one
 *    worker: run after it, it left a core idle for 15 s) and its output is printed after it.
 *
 * Options go to both runs; file filters choose the files of each (one that names no file of a
 * run leaves that run empty);
 * the exit code is the first non-zero one. `npx vitest run --config tests/vitest.config.ts`
 * still runs everything the slower way.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const OWN_PROCESS = ["tests/integration/sign-in.test.ts"];

const root = path.resolve(import.meta.dirname, "..");
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
const named = (list) => files.length === 0 || list.some((f) => files.some((filter) => f.includes(filter.replace(/^\.\//, ""))));

function run(extra, { quiet = false, env = {} } = {}) {
  const child = spawn(process.execPath, [vitest, "run", "--config", "tests/vitest.config.ts", "--passWithNoTests", ...flags, ...extra], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  const output = [];
  if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => output.push(chunk));
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(output) })),
  );
}

const ownFiles = named(OWN_PROCESS) ? OWN_PROCESS.filter((f) => named([f])) : [];
const [shared, own] = await Promise.all([
  // Files follow one another in a worker: its database is kept for the next, emptied (tests/support/database.ts).
  run(["--no-isolate", ...OWN_PROCESS.flatMap((f) => ["--exclude", f]), ...files], { env: { TEST_FILES_SHARE_WORKERS: "1" } }),
  ownFiles.length > 0 ? run(ownFiles, { quiet: true }) : Promise.resolve({ code: 0, output: Buffer.alloc(0) }),
]);
process.stdout.write(own.output);
process.exit(shared.code || own.code);

/**
 * The browser tests (`npm run test:e2e`): the built portal, started once as a
 * child process on a fresh embedded database (support/global-setup.ts), driven
 * through Debian's Chromium with playwright-core. No database setup file: the
 * tests see the portal only as a reader does, over HTTP.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";
import { APART, groupFiles, SECOND, THIRD } from "./support/groups.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
/**
 * tests/e2e/run.mjs runs the groups of support/groups.mjs in three lanes side by side (E2E_GROUP):
 * "apart", the files that start a portal of their own and are not timed; "second", files on a
 * second portal of support/global-setup.ts; "third", files that write, on a third; and "shared",
 * the rest on the first. Without
 * E2E_GROUP (vitest called directly) everything runs here, on one portal.
 */
const group = process.env.E2E_GROUP;
const own = group ? groupFiles(group) : null;

export default defineConfig({
  root,
  test: {
    include: own ?? ["tests/e2e/**/*.e2e.ts"],
    exclude: group === "shared" ? [...APART, ...SECOND, ...THIRD, "**/node_modules/**"] : ["**/node_modules/**"],
    // The "apart" files start their own portals: the shared one would only cost a start-up.
    globalSetup: group === "apart" ? [] : [path.join(root, "tests/e2e/support/global-setup.ts")],
    // One process, one file at a time: one server and one browser are enough on 2 cores.
    pool: "forks",
    // The files of a run share the process's loaded modules (playwright-core, the support
    // files): each would otherwise load them again, about 2 s of CPU a file (ADR 053).
    isolate: false,
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    // The server's first start migrates and imports content/; launching Chromium takes a moment.
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
  },
});

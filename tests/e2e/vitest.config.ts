/**
 * The browser tests (`npm run test:e2e`): the built portal, started once as a
 * child process on a fresh embedded database (support/global-setup.ts), driven
 * through Debian's Chromium with playwright-core. No database setup file: the
 * tests see the portal only as a reader does, over HTTP.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..", "..");

export default defineConfig({
  root,
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: [path.join(root, "tests/e2e/support/global-setup.ts")],
    // One process, one file at a time: one server and one browser are enough on 2 cores.
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    // The server's first start migrates and imports content/; launching Chromium takes a moment.
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
  },
});

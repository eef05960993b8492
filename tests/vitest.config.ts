import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: {
    alias: { "~": path.join(root, "app") },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: [path.join(root, "tests/support/global-setup.ts")],
    setupFiles: [path.join(root, "tests/support/setup.ts")],
    pool: "forks",
    // Two files at a time: each has a database of its own, and on 2 cores the default (one
    // worker) leaves a core idle while a file waits on PostgreSQL or PGlite. TEST_WORKERS overrides.
    maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

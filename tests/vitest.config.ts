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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

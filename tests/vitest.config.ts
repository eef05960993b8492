import path from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The longest files, longest first (seconds of one worker, on the embedded database and on
 * PostgreSQL: ADR 054). Vitest starts the files it has timed before longest first, but a fresh
 * clone (CI) has no timings, and by size one of these could start last and run on alone.
 */
const LONGEST_FIRST = [
  "tests/integration/backup.test.ts",
  "tests/integration/authorization-matrix.test.ts",
  "tests/integration/demo-accounts.test.ts",
  "tests/integration/csrf.test.ts",
  "tests/integration/leak.test.ts",
  "tests/integration/status-sql.test.ts",
  "tests/integration/outbox-once.test.ts",
  "tests/integration/two-step.test.ts",
  "tests/integration/embedded-database-process.test.ts",
];

class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((f) => file.moduleId.endsWith(f));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: LongestFirst },
    // Two files at a time: each has a database of its own, and on 2 cores the default (one
    // worker) leaves a core idle while a file waits on PostgreSQL or PGlite. TEST_WORKERS overrides.
    maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

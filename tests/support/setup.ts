/**
 * Runs before every test file. Each file gets its own database, so files never
 * collide: an in-memory PGlite by default, or with DATABASE_URL a fresh database
 * on that PostgreSQL server, dropped when the file ends.
 * A console.error during a test fails it.
 *
 * Under `npm test` most files share their worker's loaded modules with the files before them
 * (`--no-isolate` from tests/run.mjs, ADR 052): so when a file ends, the environment variables it
 * changed and the test hooks it set (a fixed clock, a rate limit, a mail transport) are put back here.
 */
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { useFreshDatabase } from "./database";

const environmentAtStart = { ...process.env };

await useFreshDatabase();

let errors: unknown[][] = [];
const original = console.error;
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
    original(...args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    throw new Error(`console.error was called during the test: ${String(errors[0]?.[0])}`);
  }
});
afterAll(async () => {
  const { dropFreshDatabase } = await import("./database");
  await dropFreshDatabase();
  const [{ setClockForTests }, { setApiRateLimitForTests }, { setTransportForTests }, { resetEnvForTests }] = await Promise.all([
    import("~/auth/clock.server"),
    import("~/models/publishing/api/envelope.server"),
    import("~/models/publishing/outbox.server"),
    import("~/env.server"),
  ]);
  setClockForTests(null);
  setApiRateLimitForTests(null);
  setTransportForTests(null);
  for (const key of Object.keys(process.env)) if (!(key in environmentAtStart)) delete process.env[key];
  Object.assign(process.env, environmentAtStart);
  resetEnvForTests();
});

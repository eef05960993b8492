/**
 * Runs before every test file. Each file gets its own database, so files never
 * collide: an in-memory PGlite by default, or with DATABASE_URL a fresh database
 * on that PostgreSQL server, dropped when the file ends.
 * A console.error during a test fails it.
 */
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { useFreshDatabase } from "./database";

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
});

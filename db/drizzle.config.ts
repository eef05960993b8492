import { defineConfig } from "drizzle-kit";

// drizzle-kit generates SQL migrations from db/schema (its index.ts re-exports every table) into db/migrations.
// They are committed and applied at start-up by db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});

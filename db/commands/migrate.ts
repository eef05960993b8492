/**
 * npm run db:migrate — applies the committed drizzle-kit migrations (db/migrations)
 * to the database named by DATABASE_URL, or to the embedded PGlite database, and
 * exits. `npm start` does the same before serving; this is for a deploy step that
 * migrates once before starting several app servers, or for the synthetic archive.
 *
 * Relative imports (not the "~" alias): tsx runs this file directly.
 */
import { closeDatabase, migrateDatabase } from "../../app/db.server";

async function main() {
  try {
    await migrateDatabase();
    console.log("Database migrated.");
  } finally {
    await closeDatabase();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

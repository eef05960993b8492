/**
 * npm run content:import — applies the migrations, then imports content/
 * (content/README.md) into the database named by DATABASE_URL (or the embedded
 * PGlite database), and prints what changed. Exits non-zero with the reason on
 * any error; nothing is written when a content file is invalid.
 *
 * Relative imports (not the "~" alias): tsx runs this file directly.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { importContent } from "../../app/content/import.server";
import { closeDatabase, migrateDatabase } from "../../app/db.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

async function main() {
  try {
    await migrateDatabase();
    const summary = await importContent({
      directory: path.join(root, "content"),
      log: (line) => console.log(line),
    });
    console.log(`Content: ${summary.imported} imported, ${summary.unchanged} unchanged.`);
  } finally {
    await closeDatabase();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

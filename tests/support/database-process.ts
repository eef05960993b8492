/**
 * A second process on the portal's database, for tests that need one (tests/integration/backup.test.ts):
 *
 *   hold   opens the database as an app server does (holdServingLock), says "ready", waits;
 *   open   the same without migrating it (tests/integration/embedded-database-process.test.ts);
 *   write  then commits change after change, printing "committed <n>" after each commit returns,
 *          until it is killed (the kill -9 test reopens the database and looks for each <n>).
 *
 * The database is the one the environment names (DATABASE_URL, else PGLITE_DIR).
 */
import { sql } from "drizzle-orm";
import { holdServingLock, migrateDatabase, db } from "../../app/db.server";
import { recordAudit } from "../../app/models/records";

const mode = process.argv[2];
await holdServingLock();
if (mode === "open") await db().execute(sql`select 1`);
else await migrateDatabase();
process.stdout.write("ready\n");
if (mode === "write") {
  for (let n = 1; ; n += 1) {
    await db().transaction(async (tx) => {
      await recordAudit(tx, { userId: null, action: "kill_test", entityType: "kill_test", entityId: String(n), after: { n } });
    });
    process.stdout.write(`committed ${n}\n`);
  }
} else {
  setInterval(() => {}, 60_000);
}

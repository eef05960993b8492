/**
 * Backs up the portal's database into one file (docs/decisions/027-backups.md):
 * PostgreSQL with pg_dump while the portal runs; the embedded database (PGlite)
 * while it is stopped.
 *
 *   npm run backup                          # backups/portal-<time>.backup
 *   npm run backup -- --file /safe/place/portal.backup
 */
import { BackupRefused, backupDatabase, defaultBackupFile } from "../backup";

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

try {
  const file = argument("--file") ?? defaultBackupFile();
  const manifest = await backupDatabase(file);
  console.log(
    `Backed up the ${manifest.database === "pglite" ? "embedded database" : "PostgreSQL database"} at migration ${manifest.migration.tag} ` +
      `to ${file} (${manifest.payloadBytes} bytes, SHA-256 ${manifest.sha256.slice(0, 12)}...).`,
  );
} catch (error) {
  console.error(error instanceof BackupRefused ? error.message : `Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

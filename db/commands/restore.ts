/**
 * Restores a file made by `npm run backup` over the portal's database
 * (docs/decisions/027-backups.md). Stop the portal first: a restore while it runs is
 * refused. The file is checked from end to end (format, version, checksum) before
 * anything is touched; the embedded database that is replaced is kept beside it.
 *
 *   npm run restore -- --file backups/portal-20261206T101500Z.backup
 */
import { BackupRefused, restoreDatabase } from "../backup";

const at = process.argv.indexOf("--file");
const file = at >= 0 ? process.argv[at + 1] : undefined;

if (!file) {
  console.error("Say which backup to restore: npm run restore -- --file <backup file>");
  process.exitCode = 1;
} else {
  try {
    const { manifest, keptAs } = await restoreDatabase(file);
    console.log(`Restored ${file} (made ${manifest.createdAt}, at migration ${manifest.migration.tag}).`);
    if (keptAs) console.log(`The database it replaced is kept in ${keptAs}: delete it once you are satisfied.`);
    console.log("Start the portal: it applies any later migrations at start-up.");
  } catch (error) {
    console.error(error instanceof BackupRefused ? error.message : `Restore failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

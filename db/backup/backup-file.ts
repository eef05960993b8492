/**
 * The backup file (docs/decisions/027-backups.md): a first line naming the format,
 * a second line with the manifest (JSON), then the database's own dump, as it is:
 *
 *   board-portal-backup
 *   {"formatVersion":1,"database":"pglite","migration":{...},"payloadBytes":...,"sha256":"..."}
 *   <pg_dump custom archive, or PGlite's data directory as a gzipped tar>
 *
 * A restore reads and checks the whole file (format, version, length, SHA-256 of the
 * dump) before it touches any database, so a truncated, damaged or foreign file is
 * refused with a sentence saying why and the database stays as it was.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";

export const BACKUP_MAGIC = "board-portal-backup";
/** Raised when the layout of the file changes; a restore refuses any other. */
export const BACKUP_FORMAT_VERSION = 1;
const MAX_MANIFEST_BYTES = 64 * 1024;

export type DatabaseKind = "pglite" | "postgres";

export interface BackupManifest {
  formatVersion: number;
  database: DatabaseKind;
  /** The server's version, e.g. "15.20" or "18.6 (PGlite 0.5.16)". */
  serverVersion: string;
  /** The last migration applied to the database when it was backed up. */
  migration: { tag: string; when: number };
  createdAt: string;
  payloadBytes: number;
  sha256: string;
}

/** A backup that cannot be restored: the message says why, for the person running the command. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefused";
  }
}

async function hashFile(file: string, start = 0): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  await pipeline(fs.createReadStream(file, { start }), async function* (source) {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    yield* [];
  });
  return { bytes, sha256: hash.digest("hex") };
}

/**
 * Writes `file` from a dump already on disk: header, manifest, dump. It is written
 * beside the target under another name and renamed at the end, so a backup
 * interrupted half way never leaves a file under the name asked for.
 */
export async function writeBackupFile(
  file: string,
  dumpFile: string,
  manifest: Omit<BackupManifest, "formatVersion" | "payloadBytes" | "sha256" | "createdAt">,
): Promise<BackupManifest> {
  const { bytes, sha256 } = await hashFile(dumpFile);
  const full: BackupManifest = {
    formatVersion: BACKUP_FORMAT_VERSION,
    ...manifest,
    createdAt: new Date().toISOString(),
    payloadBytes: bytes,
    sha256,
  };
  const partial = `${file}.partial-${process.pid}`;
  try {
    const out = fs.createWriteStream(partial, { flags: "wx", mode: 0o600 });
    out.write(`${BACKUP_MAGIC}\n${JSON.stringify(full)}\n`);
    await pipeline(fs.createReadStream(dumpFile), out);
    const fd = fs.openSync(partial, "r+");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return full;
}

/** Where the dump starts in the file, and the manifest; refused unless the header is this format's. */
function readHeader(file: string): { manifest: BackupManifest; payloadStart: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    throw new BackupRefused(`Cannot read the backup file ${file}: ${(error as Error).message}`);
  }
  const head = Buffer.alloc(MAX_MANIFEST_BYTES + BACKUP_MAGIC.length + 2);
  const read = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const text = head.subarray(0, read).toString("latin1");
  const firstEnd = text.indexOf("\n");
  if (firstEnd < 0 || text.slice(0, firstEnd) !== BACKUP_MAGIC) {
    throw new BackupRefused(`${file} is not a backup made by npm run backup (it does not start with "${BACKUP_MAGIC}").`);
  }
  const secondEnd = text.indexOf("\n", firstEnd + 1);
  if (secondEnd < 0) throw new BackupRefused(`${file} is cut short: its manifest is incomplete.`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(Buffer.from(text.slice(firstEnd + 1, secondEnd), "latin1").toString("utf8")) as BackupManifest;
  } catch {
    throw new BackupRefused(`${file} has a damaged manifest (not JSON).`);
  }
  return { manifest, payloadStart: secondEnd + 1 };
}

/**
 * Checks a backup file from end to end without touching any database: the format
 * and its version, which database it is for, that every byte of the dump is there
 * (length and SHA-256 as written). Returns the manifest and where the dump starts.
 */
export async function verifyBackupFile(
  file: string,
  expect: { database: DatabaseKind; knownMigrations: { tag: string; when: number }[] },
): Promise<{ manifest: BackupManifest; payloadStart: number }> {
  const { manifest, payloadStart } = readHeader(file);
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupRefused(
      `${file} is a backup in format version ${String(manifest.formatVersion)}; this version of the portal reads only version ${BACKUP_FORMAT_VERSION}. Restore it with the version of the portal that made it.`,
    );
  }
  if (manifest.database !== expect.database) {
    throw new BackupRefused(
      `${file} is a backup of ${describeKind(manifest.database)}, and this portal is set to use ${describeKind(expect.database)}` +
        " (DATABASE_URL). Restore it where it was made.",
    );
  }
  const known = expect.knownMigrations.find((m) => m.when === manifest.migration?.when && m.tag === manifest.migration?.tag);
  if (!known) {
    const latest = expect.knownMigrations.at(-1)?.tag ?? "none";
    throw new BackupRefused(
      `${file} was made by another version of the portal: its database is at migration ${manifest.migration?.tag ?? "(none)"}, which this version does not know (its latest is ${latest}). Restore it with the version that made it.`,
    );
  }
  const { bytes, sha256 } = await hashFile(file, payloadStart);
  if (bytes !== manifest.payloadBytes) {
    throw new BackupRefused(
      `${file} is ${bytes < manifest.payloadBytes ? "cut short" : "longer than it should be"}: its dump has ${bytes} bytes, the manifest says ${manifest.payloadBytes}. Nothing was restored.`,
    );
  }
  if (sha256 !== manifest.sha256) {
    throw new BackupRefused(`${file} is damaged: its dump does not match the checksum written when it was made. Nothing was restored.`);
  }
  return { manifest, payloadStart };
}

function describeKind(kind: DatabaseKind) {
  return kind === "pglite" ? "the embedded database (PGlite)" : "a PostgreSQL server";
}

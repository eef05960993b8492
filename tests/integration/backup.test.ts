/**
 * Nothing lost (issue #20 item 4; docs/decisions/027-backups.md): a backup restored into a
 * fresh database holds the same public record and the same audit log; a truncated file, a
 * file from another version or for the other database, and a restore while a server runs
 * are refused with a sentence saying why, the current database untouched; and the embedded
 * database killed with kill -9 in the middle of writes opens with every committed change.
 *
 * Runs on the database the suite runs on: the embedded one (a data directory of its own
 * here, as backups are of directories) or, with DATABASE_URL, fresh PostgreSQL databases.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { resetEnvForTests } from "~/env.server";
import { getMeeting } from "~/models/meetings";
import { recordAudit } from "~/models/records";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { auditLog } from "../../db/schema";
import { BACKUP_MAGIC, BackupRefused, backupDatabase, restoreDatabase, writeScheduledBackup, type BackupTarget } from "../../db/backup";
import { makeBody, makeMeeting } from "../support/factories";

const onPostgres = Boolean(process.env.DATABASE_URL);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "portal-backup-test-"));
const adminUrl = process.env.DATABASE_URL;
const createdDatabases: string[] = [];

function postgresUrl(name: string) {
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty database to restore into. */
async function freshTarget(label: string): Promise<BackupTarget> {
  if (!onPostgres) return { kind: "pglite", dir: path.join(work, label) };
  const name = `portal_backup_${label}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  createdDatabases.push(name);
  return { kind: "postgres", url: postgresUrl(name) };
}

/** Points the portal's own code at a database (closing the one it had open). */
async function usePortalOn(target: BackupTarget) {
  await closeDatabase();
  if (target.kind === "pglite") process.env.PGLITE_DIR = target.dir;
  else process.env.DATABASE_URL = target.url;
  resetEnvForTests();
}

const auditRows = () => db().select().from(auditLog).orderBy(auditLog.id);

/** A copy of a backup file with its manifest changed (the dump as it was). */
function withManifest(file: string, change: (m: Record<string, unknown>) => void): string {
  const bytes = fs.readFileSync(file);
  const first = bytes.indexOf(10);
  const second = bytes.indexOf(10, first + 1);
  const manifest = JSON.parse(bytes.subarray(first + 1, second).toString("utf8")) as Record<string, unknown>;
  change(manifest);
  const out = path.join(work, `changed-${crypto.randomBytes(3).toString("hex")}.backup`);
  fs.writeFileSync(out, Buffer.concat([Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(manifest)}\n`), bytes.subarray(second + 1)]));
  return out;
}

/** Another process with the database open as an app server has it; resolves once it is. */
function startProcess(mode: "hold" | "write", target: BackupTarget, onLine: (line: string) => void = () => {}): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test" };
  if (target.kind === "pglite") {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = target.dir;
  } else env.DATABASE_URL = target.url;
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/support/database-process.ts"), mode], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let eol: number;
      while ((eol = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 1);
        if (line === "ready") resolve(child);
        else onLine(line);
      }
    });
    child.on("exit", (code) => reject(new Error(`The ${mode} process ended (${code}) before it was ready: ${stderr}`)));
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals) {
  return new Promise<void>((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", () => resolve());
    child.kill(signal);
  });
}

let source: BackupTarget;
let backupFile: string;
let meetingSlug: string;
let auditBefore: (typeof auditLog.$inferSelect)[];

beforeAll(async () => {
  source = onPostgres ? { kind: "postgres", url: process.env.DATABASE_URL! } : { kind: "pglite", dir: path.join(work, "source") };
  if (!onPostgres) {
    await usePortalOn(source);
    await migrateDatabase();
  }
  const body = await makeBody({ name: "Backed-up Board" });
  const meeting = await makeMeeting(body.id, { title: "The meeting a backup keeps" });
  meetingSlug = meeting.slug;
  await db().transaction(async (tx) => {
    await recordAudit(tx, { userId: null, action: "publish", entityType: "meeting", entityId: meeting.id, after: { title: meeting.title } });
    await recordAudit(tx, { userId: null, action: "update", entityType: "setting", entityId: "clock.rule", before: { clearDays: 5 }, after: { clearDays: 6 } });
  });
  auditBefore = await auditRows();
  // The embedded database is backed up while no server has it open.
  if (!onPostgres) await closeDatabase();
  backupFile = path.join(work, "portal.backup");
  await backupDatabase(backupFile, source);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
  if (onPostgres) {
    process.env.DATABASE_URL = source.kind === "postgres" ? source.url : adminUrl;
    resetEnvForTests();
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    for (const name of createdDatabases) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("writes one file that names its format, the database, the migration and the dump's checksum", () => {
    const text = fs.readFileSync(backupFile).subarray(0, 2000).toString("latin1").split("\n");
    expect(text[0]).toBe(BACKUP_MAGIC);
    const manifest = JSON.parse(text[1]) as { database: string; migration: { tag: string }; sha256: string; formatVersion: number };
    expect(manifest.database).toBe(source.kind);
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.migration.tag).toMatch(/^\d{4}_/);
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("restores into a fresh database with the same public record and the same audit log", async () => {
    const fresh = await freshTarget("fresh");
    await restoreDatabase(backupFile, fresh);
    await usePortalOn(fresh);
    const meeting = await getMeeting(PUBLIC_VIEWER, meetingSlug);
    expect(meeting?.title).toBe("The meeting a backup keeps");
    const restored = await auditRows();
    expect(restored).toEqual(auditBefore);
    expect(restored.length).toBeGreaterThanOrEqual(2);
    // The restored database takes new writes after the ids it had (sequences restored too).
    await db().transaction((tx) => recordAudit(tx, { userId: null, action: "check", entityType: "restore", entityId: null }));
    expect((await auditRows()).at(-1)!.id).toBeGreaterThan(auditBefore.at(-1)!.id);
    await closeDatabase();
  });

  it("restores over a database in use before, replacing what was written after the backup", async () => {
    const target = await freshTarget("over");
    await restoreDatabase(backupFile, target);
    await usePortalOn(target);
    await db().transaction((tx) => recordAudit(tx, { userId: null, action: "after_backup", entityType: "restore", entityId: null }));
    await closeDatabase();
    const result = await restoreDatabase(backupFile, target);
    await usePortalOn(target);
    expect(await auditRows()).toEqual(auditBefore);
    await closeDatabase();
    if (target.kind === "pglite") expect(fs.existsSync(result.keptAs!)).toBe(true);
  });
});

describe("a backup that cannot be restored is refused, and the database stays as it was", () => {
  let target: BackupTarget;
  let marker: number;

  beforeAll(async () => {
    target = await freshTarget("untouched");
    await restoreDatabase(backupFile, target);
    await usePortalOn(target);
    // Written after the backup: a restore that went ahead would take it away.
    await db().transaction((tx) => recordAudit(tx, { userId: null, action: "after_backup", entityType: "restore", entityId: "marker" }));
    marker = (await auditRows()).at(-1)!.id;
    await closeDatabase();
  }, 120_000);

  async function expectUntouched() {
    await usePortalOn(target);
    const rows = await auditRows();
    await closeDatabase();
    expect(rows.at(-1)!.id).toBe(marker);
    expect(rows.slice(0, auditBefore.length)).toEqual(auditBefore);
  }

  async function expectRefused(file: string, message: RegExp) {
    const error = await restoreDatabase(file, target).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupRefused);
    expect((error as Error).message).toMatch(message);
    await expectUntouched();
  }

  it("a truncated file", async () => {
    const truncated = path.join(work, "truncated.backup");
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(truncated, /cut short/);
  });

  it("a file cut inside its manifest, and a file that is not a backup", async () => {
    const cut = path.join(work, "cut-manifest.backup");
    fs.writeFileSync(cut, fs.readFileSync(backupFile).subarray(0, BACKUP_MAGIC.length + 30));
    await expectRefused(cut, /cut short: its manifest/);
    const other = path.join(work, "notes.txt");
    fs.writeFileSync(other, "minutes of the meeting\n");
    await expectRefused(other, /not a backup made by npm run backup/);
  });

  it("a damaged dump (same length, one byte changed)", async () => {
    const damaged = path.join(work, "damaged.backup");
    const bytes = Buffer.from(fs.readFileSync(backupFile));
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    await expectRefused(damaged, /damaged: its dump does not match the checksum/);
  });

  it("a file in another format version", async () => {
    await expectRefused(
      withManifest(backupFile, (m) => (m.formatVersion = 2)),
      /format version 2; this version of the portal reads only version 1/,
    );
  });

  it("a file from another version of the portal (a migration this one does not know)", async () => {
    await expectRefused(
      withManifest(backupFile, (m) => (m.migration = { tag: "0099_from_the_future", when: 4_102_444_800_000 })),
      /another version of the portal: its database is at migration 0099_from_the_future/,
    );
  });

  it("a file of the other kind of database", async () => {
    await expectRefused(
      withManifest(backupFile, (m) => (m.database = onPostgres ? "pglite" : "postgres")),
      /Restore it where it was made/,
    );
  });

  it("a restore while a portal server has the database open", async () => {
    const server = await startProcess("hold", target);
    try {
      const error = await restoreDatabase(backupFile, target).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BackupRefused);
      expect((error as Error).message).toMatch(onPostgres ? /The portal is running on this database/ : /is open in process \d+ \(is the portal running\?\)/);
    } finally {
      await stopped(server, "SIGTERM");
    }
    await expectUntouched();
  }, 60_000);
});

describe.skipIf(onPostgres)("the running server backs up its own embedded database (BACKUP_DIR)", () => {
  it("npm run backup is refused while it is open; the server's own backup restores with the same audit log; old ones are pruned", async () => {
    const running = await freshTarget("running");
    await restoreDatabase(backupFile, running);
    await usePortalOn(running);
    await db().transaction((tx) => recordAudit(tx, { userId: null, action: "while_running", entityType: "restore", entityId: null }));
    const expected = await auditRows();

    const refused = await backupDatabase(path.join(work, "refused.backup"), running).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(BackupRefused);
    expect((refused as Error).message).toMatch(/is open in process \d+ .*set BACKUP_DIR/);

    const dir = path.join(work, "scheduled");
    const day = (n: number) => new Date(Date.UTC(2026, 11, n, 2, 15));
    await writeScheduledBackup(dir, 2, day(1));
    await writeScheduledBackup(dir, 2, day(2));
    const { file, removed } = await writeScheduledBackup(dir, 2, day(3));
    expect(removed.map((f) => path.basename(f))).toEqual(["portal-20261201T021500Z.backup"]);
    expect(fs.readdirSync(dir).sort()).toEqual(["portal-20261202T021500Z.backup", "portal-20261203T021500Z.backup"]);
    await closeDatabase();

    const copy = await freshTarget("from-running");
    await restoreDatabase(file, copy);
    await usePortalOn(copy);
    expect(await auditRows()).toEqual(expected);
    await closeDatabase();
  }, 120_000);
});

describe.skipIf(onPostgres)("the embedded database killed with kill -9 during writes", () => {
  it("opens again with every change whose commit had returned", async () => {
    const dir = await freshTarget("killed");
    const committed: number[] = [];
    let enough: () => void = () => {};
    const reached = new Promise<void>((resolve) => (enough = resolve));
    const writer = await startProcess("write", dir, (line) => {
      const match = /^committed (\d+)$/.exec(line);
      if (match) committed.push(Number(match[1]));
      if (committed.length >= 40) enough();
    });
    await reached;
    await stopped(writer, "SIGKILL");
    expect(committed.length).toBeGreaterThanOrEqual(40);
    await usePortalOn(dir);
    const rows = await db().select({ entityId: auditLog.entityId }).from(auditLog);
    await closeDatabase();
    const found = new Set(rows.map((r) => r.entityId));
    const missing = committed.filter((n) => !found.has(String(n)));
    expect(missing).toEqual([]);
  }, 120_000);
});

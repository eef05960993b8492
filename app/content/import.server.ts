/**
 * Imports content/ (content/README.md) into the database. Idempotent:
 *
 * 1. every file is read and checked first (load.server.ts); any problem stops the
 *    import with an Error naming the file, and nothing is written;
 * 2. then, in one transaction (on PostgreSQL under the start-up advisory lock, so
 *    app servers starting together import one at a time), records are upserted
 *    by id in dependency order. Ids are derived from each record's type and slug
 *    (ids.server.ts), so they are the same on every machine and every import.
 *
 * A file whose SHA-256 matches its content_sources row (and whose meeting file,
 * for agenda items and questions, is unchanged too) is skipped. For the others
 * each record is compared with the database: a record created or changed gets an
 * audit row (user null, action "import"); an unchanged one is left alone. The
 * content controls only the columns it states: what the app records later (an
 * approval, a closure, a correction) is never overwritten by a re-import.
 *
 * Records are never deleted by an import: removing a file leaves its record.
 *
 * The writing of each kind of record is an import step (import-*.server.ts), run
 * in dependency order below with the upsert machinery of importer.server.ts.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import {
  agendaItems,
  bodies,
  contentSources,
  documents,
  inspections,
  meetings,
  minutes,
  organisations,
  people,
  priorities,
  questions,
} from "../../db/schema";
import { db, STARTUP_LOCK_ID } from "../db.server";
import type { Entry } from "./bundle.server";
import { importDirectory } from "./import-directory.server";
import { importDocuments, importInspections, setPresentedAt } from "./import-documents.server";
import { importAgendaItems, importMeetings, importMinutes } from "./import-meetings.server";
import { importQuestions } from "./import-questions.server";
import { Importer, recordCount, type AnyTable, type ImportStep, type Row } from "./importer.server";
import type { MeetingData } from "./front-matter.server";
import { loadContent } from "./load.server";

export { ContentError } from "./bundle.server";

export interface ImportSummary {
  /** Records created or changed by this import. */
  imported: number;
  /** Records already as the content says. */
  unchanged: number;
}

export async function importContent(options: {
  directory: string;
  log: (line: string) => void;
}): Promise<ImportSummary> {
  const { directory, log } = options;
  // 1. Read and check everything before writing anything.
  const bundle = await loadContent(directory);
  const meetingsBySlug = new Map(bundle.meetings.map((m) => [m.key, m]));

  // 2. Write, in one transaction.
  return db().transaction(async (tx) => {
    // Serialise with other app servers starting at the same time (released at commit).
    // Waiting for another server's import may take longer than the per-statement
    // limit: lift it for this transaction only.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`select pg_advisory_xact_lock(${STARTUP_LOCK_ID})`);
    const importer = new Importer(tx, directory.replace(/\/+$/, ""));

    const stored = new Map((await tx.select().from(contentSources)).map((r) => [r.path, r]));
    const isStale = (e: Entry<unknown>) =>
      stored.get(e.path)?.sha256 !== e.sha256 || e.dependsOn.some((d) => stored.get(d.path)?.sha256 !== d.sha256);

    // A file is re-imported if it (or the meeting file it takes defaults from)
    // changed, or if its record is missing from the database.
    const toImport = new Set<string>();
    const check = async (table: AnyTable, entries: Entry<unknown>[]) => {
      const ids = entries.map((e) => e.id);
      const present = new Set<string>();
      if (ids.length > 0) {
        const rows = (await tx.select({ id: table.id }).from(table).where(inArray(table.id, ids))) as { id: string }[];
        for (const r of rows) present.add(r.id);
      }
      for (const e of entries) if (isStale(e) || !present.has(e.id)) toImport.add(e.path);
    };
    await check(organisations, bundle.organisations);
    await check(bodies, bundle.bodies);
    await check(people, bundle.people);
    await check(priorities, bundle.priorities);
    await check(documents, bundle.documents);
    await check(inspections, bundle.inspections);
    await check(meetings, bundle.meetings);
    await check(agendaItems, bundle.agendaItems);
    await check(minutes, bundle.minutes);
    await check(questions, bundle.questions);

    /** Replaces the link rows of one record (owner column = id) by the content's. */
    const replaceLinks = async (table: AnyTable, ownerColumn: string, id: string, rows: Row[]) => {
      await tx.delete(table).where(eq(table[ownerColumn], id));
      if (rows.length > 0) await tx.insert(table).values(rows.map((r) => ({ [ownerColumn]: id, ...r })));
    };

    const changedFiles: string[] = [];
    const run = async (entry: Entry<unknown>, write: () => Promise<boolean[]>) => {
      if (!toImport.has(entry.path)) {
        importer.unchanged += recordCount(bundle, entry);
        return;
      }
      const results = await write();
      if (results.some(Boolean)) changedFiles.push(entry.path);
      await tx
        .insert(contentSources)
        .values({ path: entry.path, sha256: entry.sha256, entityType: entry.type, entityId: entry.id, importedAt: importer.now })
        .onConflictDoUpdate({
          target: contentSources.path,
          set: { sha256: entry.sha256, entityType: entry.type, entityId: entry.id, importedAt: importer.now },
        });
      // A renamed file: forget its old path.
      await tx
        .delete(contentSources)
        .where(and(eq(contentSources.entityId, entry.id), ne(contentSources.path, entry.path)));
    };

    const meetingOf = (slug: string): MeetingData => {
      const m = meetingsBySlug.get(slug);
      if (!m) throw new Error(`meeting ${slug} missing`); // ruled out by loadContent
      return m.data;
    };

    const step: ImportStep = { tx, importer, log, run, replaceLinks, meetingOf };

    await importDirectory(step, bundle);
    // A document's agenda item is written after the items (it points at one).
    const presentedAt = await importDocuments(step, bundle);
    await importInspections(step, bundle);
    await importMeetings(step, bundle);
    await importAgendaItems(step, bundle);
    await setPresentedAt(step, presentedAt);
    await importMinutes(step, bundle);
    await importQuestions(step, bundle);

    for (const path of changedFiles) log(`Content: imported ${path}`);
    return { imported: importer.imported, unchanged: importer.unchanged };
  });
}

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
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import {
  agendaItemDocuments,
  agendaItemPriorities,
  agendaItems,
  bodies,
  contentSources,
  documentPriorities,
  documents,
  inspections,
  meetings,
  minutes,
  organisations,
  people,
  priorities,
  questions,
  recommendations,
  responses,
} from "../../db/schema";
import { db, STARTUP_LOCK_ID, type Transaction } from "../db.server";
import { recordAudit } from "../models/records";
import { isoDay } from "../rules/dates.server";
import { contentId, type ContentEntityType } from "./ids.server";
import { loadContent, type ContentBundle, type ContentFile, type Entry, type MeetingData } from "./load.server";

export { ContentError } from "./load.server";

export interface ImportSummary {
  /** Records created or changed by this import. */
  imported: number;
  /** Records already as the content says. */
  unchanged: number;
}

// Drizzle's table types do not compose into one generic upsert; the column names
// used below are checked against db/schema by the typed `values` builders.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = any;
type Row = Record<string, unknown>;

/** A stable JSON form for comparing a stored value with the content's. */
function comparable(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(comparable).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Row).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${comparable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function differs(existing: Row, values: Row): boolean {
  return Object.keys(values).some((k) => comparable(existing[k]) !== comparable(values[k]));
}

interface UpsertSpec {
  file: string;
  table: AnyTable;
  entityType: ContentEntityType;
  id: string;
  values: Row;
  /** Unique columns the record must not share with a record from elsewhere. */
  unique?: Row;
  versioned?: boolean;
  hasUpdatedAt?: boolean;
  /** Extra state compared and audited with the record (e.g. an item's links). */
  extra?: { before: Row; after: Row };
}

class Importer {
  readonly now = new Date();
  imported = 0;
  unchanged = 0;

  constructor(
    private readonly tx: Transaction,
    private readonly directory: string,
  ) {}

  async find(table: AnyTable, id: string): Promise<Row | undefined> {
    const [row] = await this.tx.select().from(table).where(eq(table.id, id)).limit(1);
    return row as Row | undefined;
  }

  /** Creates or updates one record; true when it was created or changed. */
  async upsert(spec: UpsertSpec, existing?: Row | null): Promise<boolean> {
    const { table, id, values } = spec;
    const before = existing === undefined ? await this.find(table, id) : (existing ?? undefined);
    const extraChanged = spec.extra ? comparable(spec.extra.before) !== comparable(spec.extra.after) : false;
    if (before && !differs(before, values) && !extraChanged) {
      this.unchanged += 1;
      return false;
    }
    if (spec.unique) {
      const conditions = Object.entries(spec.unique).map(([column, value]) => eq(table[column], value));
      const [clash] = await this.tx
        .select({ id: table.id })
        .from(table)
        .where(and(ne(table.id, id), ...conditions))
        .limit(1);
      if (clash) {
        const what = Object.entries(spec.unique)
          .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
          .join(", ");
        throw new Error(
          `${this.where(spec.file)}: a ${spec.entityType.replace("_", " ")} with ${what} already exists ` +
            `(id ${(clash as Row).id}) that was not imported from this file; rename one of them`,
        );
      }
    }
    const set: Row = { ...values };
    if (spec.hasUpdatedAt !== false) set.updatedAt = this.now;
    if (spec.versioned && before) set.version = sql`${table.version} + 1`;
    const [row] = (await this.tx
      .insert(table)
      .values({ id, ...values })
      .onConflictDoUpdate({ target: table.id, set })
      .returning()) as Row[];
    await recordAudit(this.tx, {
      userId: null,
      action: "import",
      entityType: spec.entityType,
      entityId: id,
      before: before ? { ...before, ...(spec.extra?.before ?? {}) } : null,
      after: { ...row, ...(spec.extra?.after ?? {}) },
    });
    this.imported += 1;
    return true;
  }

  where(file: string) {
    return `${this.directory}/${file}`;
  }
}

function orgId(slug: string | null | undefined) {
  return slug ? contentId("organisation", slug) : null;
}
function personId(slug: string | null | undefined) {
  return slug ? contentId("person", slug) : null;
}

/** Records in a file, for counting a skipped file as unchanged. */
function recordCount(bundle: ContentBundle, file: ContentFile): number {
  const inspection = bundle.inspections.find((e) => e.path === file.path);
  if (inspection) return 1 + inspection.data.recommendations.length;
  const question = bundle.questions.find((e) => e.path === file.path);
  if (question) return question.data.response ? 2 : 1;
  return 1;
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

    /** One record per file, unique by its slug (the file's key). */
    const importBySlug = async <D>(
      entries: Entry<D>[],
      table: AnyTable,
      entityType: ContentEntityType,
      values: (e: Entry<D>) => Row,
    ) => {
      for (const e of entries) {
        await run(e, async () => [
          await importer.upsert({
            file: e.path,
            table,
            entityType,
            id: e.id,
            unique: { slug: e.key },
            values: { slug: e.key, ...values(e) },
          }),
        ]);
      }
    };

    await importBySlug(bundle.organisations, organisations, "organisation", (e) => ({
      name: e.data.name,
      kind: e.data.kind,
      description: e.markdown,
    }));
    await importBySlug(bundle.bodies, bodies, "body", (e) => ({
      name: e.data.name,
      kind: e.data.kind,
      description: e.markdown,
      organisationId: orgId(e.data.organisation),
      sourceNote: e.data.sourceNote ?? null,
      ...(e.data.responseWorkingDays !== undefined ? { responseWorkingDays: e.data.responseWorkingDays } : {}),
    }));
    await importBySlug(bundle.people, people, "person", (e) => ({
      name: e.data.name,
      honorific: e.data.honorific ?? null,
      jobTitle: e.data.jobTitle ?? null,
      organisationId: orgId(e.data.organisation),
    }));
    await importBySlug(bundle.priorities, priorities, "priority", (e) => ({
      title: e.data.title,
      description: e.markdown,
      organisationId: orgId(e.data.organisation),
      owner: e.data.owner ?? null,
      position: e.data.position,
      sourceNote: e.data.sourceNote ?? null,
    }));

    // A document's agenda item is written after the items (it points at one).
    const presentedAt: { id: string; itemId: string | null }[] = [];
    for (const e of bundle.documents) {
      await run(e, async () => {
        const existing = await importer.find(documents, e.id);
        const priorityIds = e.data.priorities.map((p) => contentId("priority", p)).sort();
        const presentedAtItemId = e.data.presentedAt ? contentId("agenda_item", e.data.presentedAt) : null;
        const linked = (
          await tx.select({ id: documentPriorities.priorityId }).from(documentPriorities).where(eq(documentPriorities.documentId, e.id))
        )
          .map((l) => l.id)
          .sort();
        const extra = {
          before: { priorityIds: linked, presentedAtItemId: (existing?.presentedAtItemId as string | null) ?? null },
          after: { priorityIds, presentedAtItemId },
        };
        const published = e.data.publishedAt;
        // `publishedAt: true` keeps the time the document was first published here.
        const publishedAt =
          published === true ? ((existing?.publishedAt as Date | null) ?? importer.now) : published ? published : null;
        return [
          await importer.upsert(
            {
              file: e.path,
              table: documents,
              entityType: "document",
              id: e.id,
              unique: { slug: e.key },
              versioned: true,
              values: {
                slug: e.key,
                kind: e.data.kind,
                title: e.data.title,
                summary: e.data.summary ?? "",
                body: e.markdown,
                organisationId: orgId(e.data.organisation),
                documentDate: e.data.documentDate ?? null,
                datePrecision: e.data.datePrecision,
                dateNote: e.data.dateNote ?? null,
                source: e.data.source ?? null,
                sourceNote: e.data.sourceNote ?? null,
                publishedAt,
                reviewYear: e.data.reviewYear ?? null,
              },
              extra,
            },
            existing ?? null,
          ).then(async (changed) => {
            if (changed) {
              // The document's priority links are replaced by the file's.
              await replaceLinks(documentPriorities, "documentId", e.id, priorityIds.map((priorityId) => ({ priorityId })));
              presentedAt.push({ id: e.id, itemId: presentedAtItemId });
            }
            return changed;
          }),
        ];
      });
    }

    for (const e of bundle.inspections) {
      await run(e, async () => {
        const results = [
          await importer.upsert({
            file: e.path,
            table: inspections,
            entityType: "inspection",
            id: e.id,
            unique: { slug: e.key },
            values: {
              slug: e.key,
              title: e.data.title,
              kind: e.data.kind,
              organisationId: orgId(e.data.organisation),
              inspectorateId: orgId(e.data.inspectorate),
              visitStartOn: e.data.visitStartOn ?? null,
              visitEndOn: e.data.visitEndOn ?? null,
              publishedOn: e.data.publishedOn ?? null,
              datePrecision: e.data.datePrecision,
              dateNote: e.data.dateNote ?? null,
              overallJudgement: e.data.overallJudgement ?? null,
              areaJudgements: e.data.areaJudgements,
              summary: e.markdown,
              documentId: e.data.document ? contentId("document", e.data.document) : null,
              sourceNote: e.data.sourceNote ?? null,
            },
          }),
        ];
        const listed = new Set<string>();
        for (const [index, r] of e.data.recommendations.entries()) {
          const id = contentId("recommendation", `${e.key}/${r.reference}`);
          listed.add(id);
          results.push(
            await importer.upsert({
              file: e.path,
              table: recommendations,
              entityType: "recommendation",
              id,
              unique: { inspectionId: e.id, reference: r.reference },
              values: { inspectionId: e.id, reference: r.reference, kind: r.kind, text: r.text, position: index + 1 },
            }),
          );
        }
        const others = await tx
          .select({ reference: recommendations.reference, id: recommendations.id })
          .from(recommendations)
          .where(eq(recommendations.inspectionId, e.id));
        for (const o of others) {
          if (!listed.has(o.id)) {
            log(`Content: ${e.path} no longer lists recommendation ${o.reference}; it stays in the database.`);
          }
        }
        return results;
      });
    }

    for (const e of bundle.meetings) {
      await run(e, async () => [
        await importer.upsert({
          file: e.path,
          table: meetings,
          entityType: "meeting",
          id: e.id,
          unique: { slug: e.key },
          versioned: true,
          values: {
            slug: e.key,
            bodyId: contentId("body", e.data.body),
            title: e.data.title,
            startsAt: e.data.startsAt,
            endsAt: e.data.endsAt ?? null,
            datePrecision: e.data.datePrecision,
            dateNote: e.data.dateNote ?? null,
            venue: e.data.venue ?? null,
            attendanceMode: e.data.attendanceMode,
            status: e.data.status,
            statusReason: e.data.statusReason ?? null,
            agendaPublishedAt: e.data.agendaPublishedAt ?? null,
            urgencyReason: e.data.urgencyReason ?? null,
            minutesPublishedAt: e.data.minutesPublishedAt ?? null,
            minutesApprovedAt: e.data.minutesApprovedAt ?? null,
            minutesApprovalUnknown: e.data.minutesApprovalUnknown,
            sourceNote: e.data.sourceNote ?? null,
          },
        }),
      ]);
    }

    const meetingOf = (slug: string): MeetingData => {
      const m = meetingsBySlug.get(slug);
      if (!m) throw new Error(`meeting ${slug} missing`); // ruled out by loadContent
      return m.data;
    };

    for (const e of bundle.agendaItems) {
      await run(e, async () => {
        const meeting = meetingOf(e.meetingSlug);
        const priorityIds = e.data.priorities.map((p) => contentId("priority", p));
        const documentIds = e.data.documents.map((d) => contentId("document", d));
        const linkedPriorities = await tx
          .select({ id: agendaItemPriorities.priorityId })
          .from(agendaItemPriorities)
          .where(eq(agendaItemPriorities.agendaItemId, e.id));
        const linkedDocuments = await tx
          .select({ id: agendaItemDocuments.documentId, position: agendaItemDocuments.position })
          .from(agendaItemDocuments)
          .where(eq(agendaItemDocuments.agendaItemId, e.id));
        const before = {
          priorityIds: linkedPriorities.map((l) => l.id).sort(),
          documentIds: linkedDocuments.sort((a, b) => a.position - b.position).map((l) => l.id),
        };
        const after = { priorityIds: [...priorityIds].sort(), documentIds };
        const changed = await importer.upsert({
          file: e.path,
          table: agendaItems,
          entityType: "agenda_item",
          id: e.id,
          versioned: true,
          extra: { before, after },
          values: {
            meetingId: contentId("meeting", e.meetingSlug),
            position: e.position,
            title: e.data.title,
            body: e.markdown,
            purpose: e.data.purpose,
            leadOfficerId: personId(e.data.leadOfficer),
            publishedAt: e.data.publishedAt ?? meeting.agendaPublishedAt ?? null,
          },
        });
        if (changed) {
          // The item's links are replaced by the file's.
          await replaceLinks(agendaItemPriorities, "agendaItemId", e.id, priorityIds.map((priorityId) => ({ priorityId })));
          await replaceLinks(
            agendaItemDocuments,
            "agendaItemId",
            e.id,
            documentIds.map((documentId, position) => ({ documentId, position })),
          );
        }
        return [changed];
      });
    }

    for (const p of presentedAt) {
      await tx.update(documents).set({ presentedAtItemId: p.itemId }).where(eq(documents.id, p.id));
    }

    for (const e of bundle.minutes) {
      await run(e, async () => {
        const agendaItemId = contentId("agenda_item", e.itemKey);
        return [
          await importer.upsert({
            file: e.path,
            table: minutes,
            entityType: "minute",
            id: e.id,
            unique: { agendaItemId },
            versioned: true,
            values: { agendaItemId, body: e.markdown, decisions: e.data.decisions },
          }),
        ];
      });
    }

    for (const e of bundle.questions) {
      await run(e, async () => {
        const meeting = meetingOf(e.meetingSlug);
        const q = e.data;
        const atMeeting = q.raisedAtMeeting;
        const existing = await importer.find(questions, e.id);
        const results = [
          await importer.upsert(
            {
              file: e.path,
              table: questions,
              entityType: "question",
              id: e.id,
              values: {
                agendaItemId: contentId("agenda_item", e.itemKey),
                askedById: personId(q.askedBy),
                addressedToId: contentId("organisation", q.addressedTo),
                text: q.text,
                isSummarised: q.isSummarised,
                raisedAtMeeting: atMeeting,
                position: e.position,
                tabledOn: q.tabledOn ?? isoDay(meeting.startsAt),
                dueOn: q.dueOn ?? null,
                dueChangeReason: q.dueChangeReason ?? null,
                submittedAt:
                  q.submittedAt ?? (atMeeting ? meeting.startsAt : ((existing?.submittedAt as Date) ?? importer.now)),
                acceptedAt: q.acceptedAt ?? (atMeeting ? meeting.startsAt : null),
                sourceNote: q.sourceNote ?? null,
              },
            },
            existing ?? null,
          ),
        ];
        if (q.response) {
          const r = q.response;
          const id = contentId("response", e.key);
          const existingResponse = await importer.find(responses, id);
          results.push(
            await importer.upsert(
              {
                file: e.path,
                table: responses,
                entityType: "response",
                id,
                hasUpdatedAt: false,
                values: {
                  questionId: e.id,
                  kind: r.kind,
                  body: e.markdown,
                  respondedById: personId(r.respondedBy),
                  organisationId: orgId(r.organisation ?? q.addressedTo),
                  respondedAt:
                    r.respondedAt ??
                    (atMeeting ? meeting.startsAt : ((existingResponse?.respondedAt as Date) ?? importer.now)),
                  expectedOn: r.expectedOn ?? null,
                  sourceNote: r.sourceNote ?? null,
                },
              },
              existingResponse ?? null,
            ),
          );
        }
        return results;
      });
    }

    for (const path of changedFiles) log(`Content: imported ${path}`);
    return { imported: importer.imported, unchanged: importer.unchanged };
  });
}

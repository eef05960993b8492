/**
 * The importer's writing machinery (import.server.ts): upsert by id with an audit
 * row for each record created or changed, and what every import step is given.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Transaction } from "../db.server";
import { recordAudit } from "../models/records";
import type { ContentBundle, ContentFile, Entry } from "./bundle.server";
import type { MeetingData } from "./front-matter.server";
import { contentId, type ContentEntityType } from "./ids.server";

// Drizzle's table types do not compose into one generic upsert; the column names
// used below are checked against db/schema by the typed `values` builders.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTable = any;
export type Row = Record<string, unknown>;

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

export interface UpsertSpec {
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

export class Importer {
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

export function orgId(slug: string | null | undefined) {
  return slug ? contentId("organisation", slug) : null;
}
export function personId(slug: string | null | undefined) {
  return slug ? contentId("person", slug) : null;
}

/** Records in a file, for counting a skipped file as unchanged. */
export function recordCount(bundle: ContentBundle, file: ContentFile): number {
  const inspection = bundle.inspections.find((e) => e.path === file.path);
  if (inspection) return 1 + inspection.data.recommendations.length;
  const question = bundle.questions.find((e) => e.path === file.path);
  if (question) return question.data.response ? 2 : 1;
  return 1;
}

/** What each import step needs from the run (import.server.ts): the transaction, the importer and its helpers. */
export interface ImportStep {
  tx: Transaction;
  importer: Importer;
  log: (line: string) => void;
  /** Writes one file's records unless it is unchanged, and records its content source. */
  run: (entry: Entry<unknown>, write: () => Promise<boolean[]>) => Promise<void>;
  /** Replaces the link rows of one record (owner column = id) by the content's. */
  replaceLinks: (table: AnyTable, ownerColumn: string, id: string, rows: Row[]) => Promise<void>;
  /** A meeting's front matter, by slug (every meeting a part names exists: loadContent checks it). */
  meetingOf: (slug: string) => MeetingData;
}

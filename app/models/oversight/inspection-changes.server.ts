/**
 * Clerks' work on inspections and their recommendations: creating and editing
 * inspections, adding recommendations, and tracking each to closure or to being
 * found met by a later visit. Every write is recorded in the audit log.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { inspections, recommendations } from "../../../db/schema/oversight";
import type { Executor } from "../../db.server";
import { recordAudit } from "../records";
import { db } from "../../db.server";
import { documentVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { refTable } from "../../utils/refs.server";
import { document } from "../meetings/refs.server";
import { organisation } from "../people/refs.server";
import type { InspectionKind } from "./inspections.server";

/** Later inspections of the same organisation: the visits that could find a recommendation met. */
export async function laterInspections(inspectionId: string, executor: Executor = db()) {
  const [i] = await executor.select().from(inspections).where(eq(inspections.id, inspectionId));
  if (!i) return [];
  const rows = await executor
    .select({ id: inspections.id, title: inspections.title, visitStartOn: inspections.visitStartOn })
    .from(inspections)
    .where(
      and(
        ne(inspections.id, inspectionId),
        i.visitStartOn ? sql`${inspections.visitStartOn} > ${i.visitStartOn}` : sql`true`,
      ),
    )
    .orderBy(asc(inspections.visitStartOn));
  return rows;
}

export type TrackingInput =
  | { status: "open"; lead: string; dueOn: string | null }
  | { status: "closed"; lead: string; dueOn: string | null; evidence: string }
  | { status: "met"; lead: string; dueOn: string | null; metByInspectionId: string; finding: string; evidence: string };

export class TrackingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export async function updateRecommendationTracking(
  tx: Executor,
  actor: { userId: string; ipAddress?: string | null },
  id: string,
  input: TrackingInput,
) {
  const [before] = await tx.select().from(recommendations).where(eq(recommendations.id, id));
  if (!before) return null;
  let set: Partial<typeof recommendations.$inferInsert>;
  if (input.status === "open") {
    set = { lead: input.lead || null, dueOn: input.dueOn, closedAt: null, closureEvidence: null, metByInspectionId: null, metFinding: null };
  } else if (input.status === "closed") {
    if (!input.evidence) throw new TrackingError("evidence", "Enter the evidence that the recommendation has been met");
    set = { lead: input.lead || null, dueOn: input.dueOn, closedAt: before.closedAt ?? new Date(), closureEvidence: input.evidence, metByInspectionId: null, metFinding: null };
  } else {
    if (!input.metByInspectionId) throw new TrackingError("metByInspectionId", "Select the later visit that found it met");
    if (!input.finding) throw new TrackingError("finding", "Enter what the later visit found");
    if (!before.inspectionId) throw new TrackingError("metByInspectionId", "Only an inspection's recommendation can be found met by a later visit");
    if (input.metByInspectionId === before.inspectionId) {
      throw new TrackingError("metByInspectionId", "Select a later visit: a recommendation cannot be found met by the inspection that made it");
    }
    const later = await laterInspections(before.inspectionId, tx);
    if (!later.some((l) => l.id === input.metByInspectionId)) {
      throw new TrackingError("metByInspectionId", "Select a visit that came after the inspection that made the recommendation");
    }
    set = {
      lead: input.lead || null,
      dueOn: input.dueOn,
      closedAt: before.closedAt ?? new Date(),
      closureEvidence: input.evidence || null,
      metByInspectionId: input.metByInspectionId,
      metFinding: input.finding,
    };
  }
  const [after] = await tx.update(recommendations).set({ ...set, updatedAt: new Date() }).where(eq(recommendations.id, id)).returning();
  const pick = (row: typeof before) => ({
    lead: row.lead,
    dueOn: row.dueOn,
    closedAt: row.closedAt,
    closureEvidence: row.closureEvidence,
    metByInspectionId: row.metByInspectionId,
    metFinding: row.metFinding,
  });
  await recordAudit(tx, {
    userId: actor.userId,
    action: input.status !== "open" && !before.closedAt ? "close" : "update",
    entityType: "recommendation",
    entityId: id,
    before: pick(before),
    after: pick(after),
    ipAddress: actor.ipAddress ?? null,
  });
  return after;
}

// ---------------------------------------------------------------------------
// Creating and editing inspections and their recommendations (clerks)
// ---------------------------------------------------------------------------

export interface InspectionInput {
  title: string;
  kind: InspectionKind;
  organisationId: string | null;
  inspectorateId: string | null;
  visitStartOn: string;
  visitEndOn: string | null;
  publishedOn: string | null;
  /** How precisely the sources give the dates; left out, an edit keeps the stored one. */
  datePrecision?: "exact" | "month" | "year";
  overallJudgement: string | null;
  areaJudgements: { area: string; judgement: string }[];
  summary: string;
  documentId: string | null;
  sourceNote: string | null;
}

export async function inspectionChoices(viewer: Viewer) {
  const orgs = await db()
    .select({ id: organisation.id, name: organisation.name, kind: organisation.kind })
    .from(refTable(organisation))
    .orderBy(asc(organisation.name));
  const docs = await db()
    .select({ id: document.id, title: document.title })
    .from(refTable(document))
    .where(documentVisible(viewer))
    .orderBy(sql`${document.documentDate} desc nulls last`);
  return { organisations: orgs, documents: docs };
}

export function slugFor(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/g, "") || "inspection"
  );
}

export async function createInspection(tx: Executor, actor: { userId: string; ipAddress?: string | null }, input: InspectionInput) {
  const base = slugFor(input.title);
  let slug = base;
  for (let n = 2; ; n++) {
    const [clash] = await tx.select({ id: inspections.id }).from(inspections).where(eq(inspections.slug, slug));
    if (!clash) break;
    slug = `${base}-${n}`;
  }
  const [row] = await tx.insert(inspections).values({ ...input, slug, datePrecision: input.datePrecision ?? "exact" }).returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "inspection", entityId: row.id, before: null, after: row, ipAddress: actor.ipAddress ?? null });
  return row;
}

export async function findInspection(slug: string) {
  const [row] = await db().select().from(inspections).where(eq(inspections.slug, slug));
  return row ?? null;
}

export async function updateInspection(tx: Executor, actor: { userId: string; ipAddress?: string | null }, id: string, input: InspectionInput) {
  const [before] = await tx.select().from(inspections).where(eq(inspections.id, id));
  if (!before) return null;
  const [after] = await tx.update(inspections).set({ ...input, updatedAt: new Date() }).where(eq(inspections.id, id)).returning();
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "inspection", entityId: id, before, after, ipAddress: actor.ipAddress ?? null });
  return after;
}

export async function addRecommendation(
  tx: Executor,
  actor: { userId: string; ipAddress?: string | null },
  inspectionId: string,
  input: { reference: string; kind: (typeof recommendations.$inferInsert)["kind"]; text: string; lead: string | null; dueOn: string | null },
) {
  const [clash] = await tx
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.inspectionId, inspectionId), sql`lower(${recommendations.reference}) = lower(${input.reference})`));
  if (clash) throw new TrackingError("reference", `This inspection already has a recommendation ${input.reference}: choose another reference`);
  const [{ n }] = await tx
    .select({ n: sql<number>`coalesce(max(${recommendations.position}), 0)::int` })
    .from(recommendations)
    .where(eq(recommendations.inspectionId, inspectionId));
  const [row] = await tx
    .insert(recommendations)
    .values({ inspectionId, ...input, position: Number(n) + 1 })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "recommendation", entityId: row.id, before: null, after: row, ipAddress: actor.ipAddress ?? null });
  return row;
}

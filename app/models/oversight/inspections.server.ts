/** Inspections and visits, with their recommendations. All inspection records are public. */
import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { INSPECTION_KINDS, inspections, recommendations } from "../../../db/schema/oversight";
import { kindTerm, pointsCountText, RECOMMENDATION_KIND_TERMS, type RecommendationKind } from "../../rules/source-terms.server";
import { recommendationStates } from "./linked-work.server";
import { db } from "../../db.server";
import { describeDate, formatDate } from "../../rules/dates.server";
import { documentVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { document as documentRecord } from "../meetings/refs.server";
import { organisation, organisationRef } from "../people/refs.server";

export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  full_inspection: "Full inspection",
  monitoring_visit: "Monitoring visit",
  focused_visit: "Focused visit",
  assurance_visit: "Assurance visit",
  regulatory_inspection: "Regulatory inspection",
};

const inspectorate = organisationRef("inspectorate");

function countKinds(recs: { kind: RecommendationKind }[]): Partial<Record<RecommendationKind, number>> {
  const out: Partial<Record<RecommendationKind, number>> = {};
  for (const r of recs) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}

/** "Recommendations", "What needs to improve", or both, as the inspection's records are. */
function termFor(recs: { kind: RecommendationKind }[]): string {
  const kinds = [...new Set(recs.map((r) => r.kind))];
  if (kinds.length === 1) return RECOMMENDATION_KIND_TERMS[kinds[0]].plural;
  return "Recommendations and what needs to improve";
}

export function when(i: {
  visitStartOn: string | null;
  visitEndOn: string | null;
  datePrecision: (typeof inspections.$inferSelect)["datePrecision"];
}) {
  if (i.datePrecision === "exact" && i.visitStartOn && i.visitEndOn && i.visitEndOn !== i.visitStartOn) {
    return { text: `${formatDate(i.visitStartOn)} to ${formatDate(i.visitEndOn)}`, approximate: false };
  }
  return describeDate(i.visitStartOn, i.datePrecision);
}

export async function listInspections(_viewer: Viewer, options: { page: number }) {
  const [{ total }] = await db().select({ total: count() }).from(inspections);
  const rows = await db()
    .select({
      slug: inspections.slug,
      title: inspections.title,
      kind: inspections.kind,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      datePrecision: inspections.datePrecision,
      overallJudgement: inspections.overallJudgement,
      organisation: organisation.name,
      inspectorate: inspectorate.name,
      recommendationCount: sql<number>`(select count(*)::int from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id})`,
      kindCounts: sql<Record<string, number> | null>`(select json_object_agg(k.kind, k.n) from (select ${recommendations.kind} as kind, count(*)::int as n from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id} group by ${recommendations.kind}) k)`,
      recommendationsMade: inspections.recommendationsMade,
    })
    .from(inspections)
    .leftJoin(...organisation.on(inspections.organisationId))
    .leftJoin(...inspectorate.on(inspections.inspectorateId))
    .orderBy(sql`${inspections.visitStartOn} desc nulls last`, desc(inspections.publishedOn), asc(inspections.title))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return {
    total,
    inspections: rows.map((r) => {
      const date = when(r);
      return {
        slug: r.slug,
        title: r.title,
        kindLabel: INSPECTION_KIND_LABELS[r.kind],
        date: date.text,
        dateApproximate: date.approximate,
        overallJudgement: r.overallJudgement,
        organisation: r.organisation,
        inspectorate: r.inspectorate,
        recommendationCount: Number(r.recommendationCount),
        pointsCount: pointsCountText(r.kindCounts ?? {}, r.recommendationsMade),
      };
    }),
  };
}

export async function getInspection(viewer: Viewer, slug: string, now: Date = new Date()) {
  const [i] = await db()
    .select({
      id: inspections.id,
      slug: inspections.slug,
      title: inspections.title,
      kind: inspections.kind,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      publishedOn: inspections.publishedOn,
      datePrecision: inspections.datePrecision,
      dateNote: inspections.dateNote,
      overallJudgement: inspections.overallJudgement,
      areaJudgements: inspections.areaJudgements,
      summary: inspections.summary,
      sourceNote: inspections.sourceNote,
      documentId: inspections.documentId,
      recommendationsMade: inspections.recommendationsMade,
      organisation: organisation.name,
      inspectorate: inspectorate.name,
    })
    .from(inspections)
    .leftJoin(...organisation.on(inspections.organisationId))
    .leftJoin(...inspectorate.on(inspections.inspectorateId))
    .where(eq(inspections.slug, slug));
  if (!i) return null;

  const metBy = alias(inspections, "met_by");
  const recs = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      kind: recommendations.kind,
      text: recommendations.text,
      closedAt: recommendations.closedAt,
      dueOn: recommendations.dueOn,
      metFinding: recommendations.metFinding,
      metByInspectionId: recommendations.metByInspectionId,
      metBySlug: metBy.slug,
      metByTitle: metBy.title,
    })
    .from(recommendations)
    .leftJoin(metBy, eq(metBy.id, recommendations.metByInspectionId))
    .where(eq(recommendations.inspectionId, i.id))
    .orderBy(asc(recommendations.position), asc(recommendations.reference));

  const states = await recommendationStates(viewer, recs, now);

  const [document] = i.documentId
    ? await db()
        .select({ slug: documentRecord.slug, title: documentRecord.title, kind: documentRecord.kind, documentDate: documentRecord.documentDate, datePrecision: documentRecord.datePrecision })
        .from(refTable(documentRecord))
        .where(sql`${documentRecord.id} = ${i.documentId} and ${documentVisible(viewer)}`)
    : [];

  const date = when(i);
  return {
    slug: i.slug,
    title: i.title,
    kindLabel: INSPECTION_KIND_LABELS[i.kind],
    date: date.text,
    dateApproximate: date.approximate,
    dateNote: i.dateNote,
    // When the report or letter was published, where a source says; never the letter's own date.
    published: i.publishedOn ? describeDate(i.publishedOn, i.datePrecision).text : "Not given in the sources",
    letterDated: document?.kind === "letter" && document.documentDate ? describeDate(document.documentDate, document.datePrecision).text : null,
    overallJudgement: i.overallJudgement,
    areaJudgements: i.areaJudgements,
    summaryHtml: renderMarkdown(i.summary),
    sourceNote: i.sourceNote,
    organisation: i.organisation,
    inspectorate: i.inspectorate,
    document: document ?? null,
    id: i.id,
    pointsCount: pointsCountText(countKinds(recs), i.recommendationsMade),
    /** The sources' own term for what the inspection asked: "Recommendations", "What needs to improve". */
    pointsTerm: termFor(recs),
    recommendations: recs.map((r) => {
      const state = states.get(r.id)!.state;
      return {
        ...r,
        kindLabel: kindTerm(r.kind),
        status: state.progressLabel,
        statusBasis: state.basis,
        open: !state.done,
        overdue: state.overdue,
        rag: state.rag,
        ragLabel: state.ragLabel,
      };
    }),
  };
}

// ---------------------------------------------------------------------------
// The timeline: the organisation's inspection history, and what is still open
// ---------------------------------------------------------------------------

export async function inspectionTimeline(viewer: Viewer, options: { page: number; openPage: number; now?: Date }) {
  const now = options.now ?? new Date();
  const [{ total }] = await db().select({ total: count() }).from(inspections);
  const rows = await db()
    .select({
      slug: inspections.slug,
      title: inspections.title,
      kind: inspections.kind,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      datePrecision: inspections.datePrecision,
      overallJudgement: inspections.overallJudgement,
      areaJudgements: inspections.areaJudgements,
      organisation: organisation.name,
      open: sql<number>`(select count(*)::int from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id} and ${recommendations.closedAt} is null and ${recommendations.metByInspectionId} is null)`,
      made: sql<number>`(select count(*)::int from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id})`,
      kindCounts: sql<Record<string, number> | null>`(select json_object_agg(k.kind, k.n) from (select ${recommendations.kind} as kind, count(*)::int as n from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id} group by ${recommendations.kind}) k)`,
      recommendationsMade: inspections.recommendationsMade,
    })
    .from(inspections)
    .leftJoin(...organisation.on(inspections.organisationId))
    .orderBy(sql`${inspections.visitStartOn} asc nulls last`, asc(inspections.title))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);

  const openWhere = and(isNull(recommendations.closedAt), isNull(recommendations.metByInspectionId));
  const [{ openTotal }] = await db().select({ openTotal: count() }).from(recommendations).where(openWhere);
  const open = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      kind: recommendations.kind,
      text: recommendations.text,
      dueOn: recommendations.dueOn,
      closedAt: recommendations.closedAt,
      metByInspectionId: recommendations.metByInspectionId,
      inspectionSlug: inspections.slug,
      inspectionTitle: inspections.title,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(openWhere)
    .orderBy(sql`${inspections.visitStartOn} asc nulls last`, asc(recommendations.position))
    .limit(PAGE_SIZE)
    .offset((options.openPage - 1) * PAGE_SIZE);

  const openStates = await recommendationStates(viewer, open, now);

  return {
    total,
    inspections: rows.map((r) => {
      const d = when(r);
      return {
        slug: r.slug,
        title: r.title,
        kindLabel: INSPECTION_KIND_LABELS[r.kind],
        date: d.text,
        dateApproximate: d.approximate,
        overallJudgement: r.overallJudgement,
        areaJudgements: r.areaJudgements,
        organisation: r.organisation,
        open: Number(r.open),
        made: Number(r.made),
        pointsCount: pointsCountText(r.kindCounts ?? {}, r.recommendationsMade),
      };
    }),
    openTotal,
    open: open.map((r) => {
      const state = openStates.get(r.id)!.state;
      return { ...r, kindLabel: kindTerm(r.kind), status: state.progressLabel, statusBasis: state.basis, overdue: state.overdue, rag: state.rag, ragLabel: state.ragLabel };
    }),
  };
}

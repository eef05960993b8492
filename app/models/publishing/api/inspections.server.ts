/** The API's inspections and visits, with their recommendations (public records). */
import { and, asc, count, desc, eq, gte, sql } from "drizzle-orm";
import type { DatePrecision } from "../../../../db/schema/columns";
import { db } from "../../../db.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { inspection } from "../../oversight/refs.server";
import { apiDate } from "../../../rules/date-precision.server";
import { page, type ListParams } from "./envelope.server";
import { pointsCountNote } from "../../../rules/source-terms.server";
import { inspectionRecommendationsApi } from "./recommendations.server";

const inspectionColumns = refFields(inspection);
/** An inspection as the oversight refs offer it (their fields are typed loosely: those used here are said here). */
type InspectionRow = Record<keyof typeof inspectionColumns, unknown> & {
  id: string;
  slug: string;
  visitStartOn: string | null;
  visitEndOn: string | null;
  publishedOn: string | null;
  datePrecision: DatePrecision;
  dateNote: string | null;
  recommendationsMade: number | null;
};

async function inspectionsOut(site: string, rows: InspectionRow[]) {
  const recs = await inspectionRecommendationsApi(site, rows.map((r) => r.id));
  return rows.map((i) => {
    const own = recs.get(i.id) ?? [];
    const known = own.filter((r) => r.kind === "recommendation").length;
    return {
    id: i.id,
    slug: i.slug,
    title: i.title,
    kind: i.kind,
    organization_id: i.organisationId,
    inspectorate_id: i.inspectorateId,
    ...apiDate("start_date", i.visitStartOn, i.datePrecision, i.dateNote),
    ...apiDate("end_date", i.visitEndOn, i.datePrecision, i.dateNote),
    // When the report or letter was published: null (with a note) where no source says.
    ...(i.publishedOn
      ? apiDate("published_date", i.publishedOn, i.datePrecision, i.dateNote)
      : { published_date: null, published_date_precision: "unknown" as const, published_date_note: "The sources do not say when it was published." }),
    date_precision: i.datePrecision,
    date_note: i.dateNote,
    overall_judgement: i.overallJudgement,
    area_judgements: i.areaJudgements,
    summary_markdown: i.summary,
    document_id: i.documentId,
    source_note: i.sourceNote,
    /** Recommendations recorded here, and how many the inspection made when the sources quote only some (null when all are here). */
    recommendation_count: known,
    recommendations_made: i.recommendationsMade,
    recommendation_count_note: pointsCountNote(known, i.recommendationsMade),
    recommendations: own,
    url: `${site}/inspections/${i.slug}`,
    api_url: `${site}/api/v1/inspections/${i.id}`,
    };
  });
}

export async function listInspectionsApi(site: string, url: URL, p: ListParams) {
  const where = and(
    p.since ? gte(inspection.visitStartOn, p.since) : undefined,
    p.until ? sql`${inspection.visitStartOn} <= ${p.until}::date` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(refTable(inspection)).where(where);
  const rows = (await db()
    .select(inspectionColumns)
    .from(refTable(inspection))
    .where(where)
    .orderBy(desc(inspection.visitStartOn), asc(inspection.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage)) as InspectionRow[];
  return page(site, url, p, total, await inspectionsOut(site, rows));
}

export async function getInspectionApi(site: string, id: string) {
  const rows = (await db().select(inspectionColumns).from(refTable(inspection)).where(eq(inspection.id, id))) as InspectionRow[];
  return rows.length ? (await inspectionsOut(site, rows))[0] : null;
}

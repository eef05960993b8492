/** The API's inspection recommendations (public records). */
import { asc, count, desc, eq } from "drizzle-orm";
import { inspections, recommendations } from "../../../../db/schema";
import { db } from "../../../db.server";
import { recommendationStatus } from "../../../rules/status.server";
import { page, type ListParams } from "./envelope.server";
import { iso } from "./shared.server";

export function recommendationOut(site: string, r: typeof recommendations.$inferSelect, inspectionSlug: string) {
  return {
    id: r.id,
    inspection_id: r.inspectionId,
    reference: r.reference,
    kind: r.kind,
    text: r.text,
    order: r.position,
    status: recommendationStatus(r),
    met_by_inspection_id: r.metByInspectionId,
    met_finding: r.metFinding,
    closed_at: iso(r.closedAt),
    closure_evidence: r.closureEvidence,
    lead: r.lead,
    due_on: r.dueOn,
    url: `${site}/inspections/${inspectionSlug}#recommendation-${r.reference}`,
    api_url: `${site}/api/v1/recommendations/${r.id}`,
  };
}

export async function listRecommendationsApi(site: string, url: URL, p: ListParams) {
  const [{ total }] = await db().select({ total: count() }).from(recommendations);
  const rows = await db()
    .select({ r: recommendations, slug: inspections.slug })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .orderBy(desc(inspections.visitStartOn), asc(recommendations.position), asc(recommendations.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((x) => recommendationOut(site, x.r, x.slug)));
}

export async function getRecommendationApi(site: string, id: string) {
  const [x] = await db()
    .select({ r: recommendations, slug: inspections.slug })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(recommendations.id, id));
  return x ? recommendationOut(site, x.r, x.slug) : null;
}

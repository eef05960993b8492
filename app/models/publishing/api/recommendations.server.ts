/** The API's inspection recommendations (public records). */
import { and, asc, count, desc, eq, inArray, or } from "drizzle-orm";
import { db } from "../../../db.server";
import { NO_WORK, recommendationState, type RecommendationState } from "../../../rules/recommendation-state.server";
import { kindTerm } from "../../../rules/source-terms.server";
import { statusBasisFields } from "../../../rules/status-basis.server";
import { questionStatus, recommendationStatus } from "../../../rules/status.server";
import { PUBLIC_VIEWER } from "../../../rules/viewer.server";
import { actionVisible, questionVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { agendaItem, meeting } from "../../meetings/refs.server";
import { inspection, recommendation } from "../../oversight/refs.server";
import { action, question, questionRecommendationOfQuestion } from "../../questions/refs.server";
import { questionFacts } from "../../search";
import { page, type ListParams } from "./envelope.server";
import { iso } from "./shared.server";

const recommendationColumns = refFields(recommendation);
/** A recommendation as the oversight refs offer it. */
type RecommendationRow = Awaited<ReturnType<typeof recommendationRows>>[number]["r"];

/** Recommendations with their inspection's slug. */
function recommendationRows() {
  return db()
    .select({ r: recommendationColumns, slug: inspection.slug })
    .from(refTable(recommendation))
    .innerJoin(...inspection.on(recommendation.inspectionId));
}

/**
 * Each recommendation's state with its linked work as the public sees it, by
 * the rule in app/rules/recommendation-state.server.ts (the pages load the same
 * work through the oversight domain, which the API may not import: it sits above).
 */
export async function publicStates(recs: RecommendationRow[], now: Date = new Date()): Promise<Map<string, RecommendationState>> {
  const ids = recs.map((r) => r.id);
  if (ids.length === 0) return new Map();
  const links = await db()
    .select({ questionId: questionRecommendationOfQuestion.questionId, recommendationId: questionRecommendationOfQuestion.recommendationId })
    .from(refTable(questionRecommendationOfQuestion))
    .innerJoin(...question.on(questionRecommendationOfQuestion.questionId))
    .innerJoin(...agendaItem.on(question.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(inArray(questionRecommendationOfQuestion.recommendationId, ids), questionVisible(PUBLIC_VIEWER)));
  const questionIds = [...new Set(links.map((l) => l.questionId))];
  const facts = await questionFacts(questionIds);
  const as = await db()
    .select({ recommendationId: action.recommendationId, questionId: action.questionId, reference: action.reference, dueOn: action.dueOn, startedAt: action.startedAt, completedAt: action.completedAt, cancelledAt: action.cancelledAt })
    .from(refTable(action))
    .where(and(actionVisible(PUBLIC_VIEWER), or(inArray(action.recommendationId, ids), questionIds.length > 0 ? inArray(action.questionId, questionIds) : undefined)));
  return new Map(
    recs.map((r) => {
      const linked = new Set(links.filter((l) => l.recommendationId === r.id).map((l) => l.questionId));
      const work = {
        actions: as.filter((a) => a.recommendationId === r.id || (a.questionId !== null && linked.has(a.questionId))),
        questions: [...linked].flatMap((q) => (facts.has(q) ? [{ status: questionStatus(facts.get(q)!) }] : [])),
      };
      return [r.id, recommendationState(r, work, now)];
    }),
  );
}

export function recommendationOut(site: string, r: RecommendationRow, inspectionSlug: unknown, state: RecommendationState = recommendationState(r, NO_WORK)) {
  return {
    id: r.id,
    inspection_id: r.inspectionId,
    reference: r.reference,
    kind: r.kind,
    /** The source's own term for it: "Recommendation", "What needs to improve". */
    kind_label: kindTerm(r.kind),
    text: r.text,
    order: r.position,
    status: recommendationStatus(r),
    /** How it stands with the work linked to it: open, in_progress, actions_completed, met, closed. */
    progress: state.progress,
    rag: state.rag,
    ...statusBasisFields(state.basis),
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
  const [{ total }] = await db().select({ total: count() }).from(refTable(recommendation));
  const rows = await recommendationRows()
    .orderBy(desc(inspection.visitStartOn), asc(recommendation.position), asc(recommendation.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage);
  const states = await publicStates(rows.map((x) => x.r));
  return page(site, url, p, total, rows.map((x) => recommendationOut(site, x.r, x.slug, states.get(x.r.id))));
}

export async function getRecommendationApi(site: string, id: string) {
  const [x] = await recommendationRows().where(eq(recommendation.id, id));
  if (!x) return null;
  const states = await publicStates([x.r]);
  return recommendationOut(site, x.r, x.slug, states.get(x.r.id));
}

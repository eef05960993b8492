/**
 * The API's recommendations: an inspectorate's (public records) and the board's own (issue 17),
 * with the source, body, addressee, response clock (app/rules/response-state.server.ts), the
 * response and the board's judgement. Always the public's view (recommendationVisible): one
 * agreed at an exempt item is never here.
 */
import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import { db } from "../../../db.server";
import { NO_WORK, recommendationState, type RecommendationState } from "../../../rules/recommendation-state.server";
import { kindTerm } from "../../../rules/source-terms.server";
import { statusBasisFields } from "../../../rules/status-basis.server";
import { questionStatus, recommendationStatus } from "../../../rules/status.server";
import { PUBLIC_VIEWER } from "../../../rules/viewer.server";
import { actionVisible, questionVisible, recommendationVisible } from "../../../rules/visibility.server";
import { responsePeriodOf } from "../../../rules/deadlines.server";
import { isoDay } from "../../../rules/dates.server";
import { apiDate, type DatePrecision } from "../../../rules/date-precision.server";
import { responseState } from "../../../rules/response-state.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { agendaItem, meeting } from "../../meetings/refs.server";
import { inspection, recommendation, recommendationResponseOf } from "../../oversight/refs.server";
import { body, organisation } from "../../people/refs.server";
import { action, question, questionRecommendationOfQuestion } from "../../questions/refs.server";
import { questionFacts } from "../../search";
import { ApiProblem, page, type ListParams } from "./envelope.server";
import { bodyIdFor, iso, viewer } from "./shared.server";

const recommendationColumns = refFields(recommendation);
/** A recommendation as the oversight refs offer it. */
type RecommendationRow = Awaited<ReturnType<typeof recommendationRows>>[number]["r"];

/** Recommendations with their inspection's slug, or a board's body, addressee and response; only those the public may see. */
function recommendationRows() {
  return db()
    .select({
      r: recommendationColumns,
      slug: inspection.slug,
      /** How precisely the sources give the day agreed: the agreeing meeting's precision. */
      agreedPrecision: sql<DatePrecision>`coalesce(${meeting.datePrecision}, 'exact')`,
      body: { id: body.id, name: body.name, slug: body.slug },
      addressee: { id: organisation.id, name: organisation.name, slug: organisation.slug, statutoryResponseDuty: organisation.statutoryResponseDuty, responseWorkingDays: organisation.responseWorkingDays },
      response: { outcome: recommendationResponseOf.outcome, reasons: recommendationResponseOf.reasons, givenBy: recommendationResponseOf.givenBy, givenOn: recommendationResponseOf.givenOn },
    })
    .from(refTable(recommendation))
    .leftJoin(...inspection.on(recommendation.inspectionId))
    .leftJoin(...body.on(recommendation.bodyId))
    .leftJoin(...meeting.on(recommendation.agreedAtMeetingId))
    .leftJoin(...organisation.on(sql`coalesce(${recommendation.addresseeOrganisationId}, ${inspection.organisationId})`))
    .leftJoin(...recommendationResponseOf.on(recommendation.id));
}
type FullRow = Awaited<ReturnType<typeof recommendationRows>>[number];

/** What a board's recommendation adds: its body, addressee, clock and response (null fields for an inspection's). */
function boardFields(x: Pick<FullRow, "r" | "body" | "addressee" | "response" | "agreedPrecision"> | null, today: string) {
  const r = x?.r;
  const board = r?.source === "board";
  const org = x?.addressee;
  const response = x?.response?.givenOn ? x.response : null;
  const clock =
    board && org
      ? responseState({ receivedOn: r.receivedOn as string | null, period: responsePeriodOf(org), respondedOn: (response?.givenOn as string | null) ?? null }, today)
      : null;
  return {
    /** "inspection" (an inspectorate's) or "board" (the board's own). */
    source: (r?.source as string | undefined) ?? "inspection",
    /** The board or committee that made it (Popolo organization); null for an inspection's. */
    body: board && x?.body?.id ? { id: x.body.id, name: x.body.name, slug: x.body.slug } : null,
    /** Who must respond (a board's addressee) or the inspected organisation. */
    addressee: org?.id ? { id: org.id, name: org.name, slug: org.slug } : null,
    /** The day agreed, null where the sources do not give the day (agreed_on_precision and _note say what they give). */
    ...apiDate("agreed_on", board ? (r.agreedOn as string | null) : null, x?.agreedPrecision ?? "exact"),
    received_on: board ? (r.receivedOn as string | null) : null,
    response_due_on: clock?.dueOn ?? null,
    /** not_sent, awaiting, due_soon, overdue or received; null for an inspection's (no response duty). */
    response_state: clock?.state ?? null,
    response: response
      ? { outcome: response.outcome, reasons: response.reasons || null, given_by: response.givenBy, given_on: response.givenOn, days_late: clock?.daysLate ?? 0 }
      : null,
    /** The board's judgement: implemented, partly_implemented, not_implemented, superseded; null until judged. */
    implementation_state: board ? ((r.implementationState as string | null) ?? null) : null,
  };
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

export function recommendationOut(
  site: string,
  r: RecommendationRow,
  inspectionSlug: unknown,
  state: RecommendationState = recommendationState(r, NO_WORK),
  full: Pick<FullRow, "r" | "body" | "addressee" | "response" | "agreedPrecision"> | null = null,
  today: string = isoDay(new Date()),
) {
  const extra = boardFields(full ?? { r, body: null as never, addressee: null as never, response: null as never, agreedPrecision: "exact" }, today);
  return {
    id: r.id,
    ...extra,
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
    url: extra.source === "board" ? `${site}/recommendations/${r.id}` : `${site}/inspections/${inspectionSlug}#recommendation-${r.reference}`,
    api_url: `${site}/api/v1/recommendations/${r.id}`,
  };
}

export async function listRecommendationsApi(site: string, url: URL, p: ListParams) {
  const source = url.searchParams.get("source");
  if (source && source !== "inspection" && source !== "board") throw new ApiProblem(400, "source must be inspection or board", "source");
  const bodyId = await bodyIdFor(p.body);
  const where = and(recommendationVisible(viewer), source === "inspection" || source === "board" ? eq(recommendation.source, source) : undefined, bodyId ? eq(recommendation.bodyId, bodyId) : undefined);
  const [{ total }] = await db().select({ total: count() }).from(refTable(recommendation)).where(where);
  const rows = await recommendationRows()
    .where(where)
    .orderBy(sql`coalesce(${recommendation.agreedOn}, ${inspection.visitStartOn}) desc nulls last`, asc(recommendation.position), asc(recommendation.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage);
  const states = await publicStates(rows.map((x) => x.r));
  const today = isoDay(new Date());
  return page(site, url, p, total, rows.map((x) => recommendationOut(site, x.r, x.slug, states.get(x.r.id), x, today)));
}

/**
 * The recommendations of these inspections, each as /api/v1/recommendations/{id} gives it
 * (the inspected organisation as addressee), by inspection, in the report's order.
 */
export async function inspectionRecommendationsApi(site: string, inspectionIds: string[]) {
  const byInspection = new Map<string, ReturnType<typeof recommendationOut>[]>();
  if (inspectionIds.length === 0) return byInspection;
  const rows = await recommendationRows()
    .where(and(inArray(recommendation.inspectionId, inspectionIds), recommendationVisible(viewer)))
    .orderBy(asc(recommendation.position), asc(recommendation.id));
  const states = await publicStates(rows.map((x) => x.r));
  const today = isoDay(new Date());
  for (const x of rows) {
    const key = x.r.inspectionId as string;
    byInspection.set(key, [...(byInspection.get(key) ?? []), recommendationOut(site, x.r, x.slug, states.get(x.r.id), x, today)]);
  }
  return byInspection;
}

export async function getRecommendationApi(site: string, id: string) {
  const [x] = await recommendationRows().where(and(eq(recommendation.id, id), recommendationVisible(viewer)));
  if (!x) return null;
  const states = await publicStates([x.r]);
  return recommendationOut(site, x.r, x.slug, states.get(x.r.id), x);
}

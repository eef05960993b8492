/**
 * The tracking report: every recommendation and action made in a date range,
 * and any made earlier that are still open, with reference, origin, date, lead,
 * what was done, status and RAG (app/rules/rag.server.ts). Only what the viewer
 * may see: actions on hidden questions or minutes are left out.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { inspections, recommendationResponses, recommendations } from "../../../db/schema/oversight";
import { db } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { dateText, isoAtPrecision } from "../../rules/date-precision.server";
import { actionRag, actionRagBasis, boardRecommendationRag, RAG_LABELS, type Rag } from "../../rules/rag.server";
import { responseState, responseTimeliness, type TimelinessRow } from "../../rules/response-state.server";
import { recommendationState } from "../../rules/recommendation-state.server";
import { kindTerm } from "../../rules/source-terms.server";
import { STATUS_BASIS_LABELS, type StatusBasis } from "../../rules/status-basis.server";
import { ACTION_STATUS_LABELS, actionStatus, isActionDone, QUESTION_STATUS_LABELS } from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import { actionVisible, recommendationVisible } from "../../rules/visibility.server";
import { readDayFilter } from "../../utils/day-filter";
import { refTable } from "../../utils/refs.server";
import { document, meeting } from "../meetings/refs.server";
import { body, organisation, person } from "../people/refs.server";
import { IMPLEMENTATION_STATE_LABELS, periodOf, RESPONSE_OUTCOME_LABELS } from "./board-recommendation-changes.server";
import { action, actionUpdateOfAction } from "../questions/refs.server";
import { actionOriginColumns } from "../questions";
import { linkedWork } from "./linked-work.server";
import { agreedWhere, boardAgreedPrecision } from "./register.server";

function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A basis as one spreadsheet cell: "Worked out by rule: Amber: open, no due date set". */
export function statusBasisText(b: StatusBasis): string {
  return `${STATUS_BASIS_LABELS[b.kind]}: ${b.note}`;
}

export interface TrackingRow {
  /** The record's kind in its source's own term: "Recommendation", "What needs to improve", "Board recommendation" or "Action". */
  kind: string;
  reference: string;
  /** The recommendation's text, or the action's description. */
  summary: string;
  origin: string;
  date: string;
  isoDate: string;
  lead: string;
  done: string;
  status: string;
  /** How the status and RAG were worked out (app/rules/status-basis.server.ts). */
  statusBasis: StatusBasis;
  rag: Rag;
  ragLabel: string;
  href: string;
  /** A board recommendation's response clock (issue 17); empty for the others. */
  addressee: string;
  responseDue: string;
  responseReceived: string;
  /** The same days as a reader sees them ("13 May 2026"). */
  responseDueText: string;
  responseReceivedText: string;
  response: string;
}

const NO_RESPONSE_FIELDS = { addressee: "", responseDue: "", responseReceived: "", responseDueText: "", responseReceivedText: "", response: "" };

export const REPORT_PAGE_SIZE = 100;

export async function trackingReport(viewer: Viewer, range: { from: string; to: string }, now: Date = new Date()): Promise<TrackingRow[]> {
  const made = sql<string>`coalesce(${inspections.publishedOn}, ${inspections.visitStartOn})`;
  const recs = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      kind: recommendations.kind,
      text: recommendations.text,
      lead: recommendations.lead,
      dueOn: recommendations.dueOn,
      closedAt: recommendations.closedAt,
      closureEvidence: recommendations.closureEvidence,
      metByInspectionId: recommendations.metByInspectionId,
      metFinding: recommendations.metFinding,
      inspectionTitle: inspections.title,
      made,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(sql`${made} <= ${range.to} and (${made} >= ${range.from} or (${recommendations.closedAt} is null and ${recommendations.metByInspectionId} is null))`)
    .orderBy(sql`${made} asc nulls last`, asc(recommendations.position));
  const work = await linkedWork(viewer, recs.map((r) => r.id), now);

  const created = sql<string>`(${action.createdAt} at time zone 'Europe/London')::date`;
  const origins = actionOriginColumns(viewer);
  const as = await db()
    .select({
      id: action.id,
      reference: action.reference,
      description: action.description,
      dueOn: action.dueOn,
      startedAt: action.startedAt,
      completedAt: action.completedAt,
      cancelledAt: action.cancelledAt,
      cancellationReason: action.cancellationReason,
      closureEvidence: action.closureEvidence,
      createdAt: action.createdAt,
      // Named as the viewer may see them: an exempt item by its public title.
      questionId: action.questionId,
      questionText: origins.questionText,
      minuteId: action.minuteId,
      itemTitle: origins.minuteItemTitle,
      recReference: recommendations.reference,
      recKind: recommendations.kind,
      owner: person.name,
      organisation: organisation.name,
    })
    .from(refTable(action))
    .innerJoin(...organisation.on(action.owningOrganisationId))
    .leftJoin(...person.on(action.ownerId))
    .leftJoin(recommendations, eq(recommendations.id, action.recommendationId))
    .where(
      and(
        actionVisible(viewer),
        sql`${created} <= ${range.to} and (${created} >= ${range.from} or (${action.completedAt} is null and ${action.cancelledAt} is null))`,
      ),
    )
    .orderBy(asc(action.createdAt));
  const latestNotes = new Map<string, string>();
  if (as.length > 0) {
    const notes = await db()
      .select({ actionId: actionUpdateOfAction.actionId, note: actionUpdateOfAction.note })
      .from(refTable(actionUpdateOfAction))
      .where(inArray(actionUpdateOfAction.actionId, as.map((a) => a.id)))
      .orderBy(desc(actionUpdateOfAction.createdAt));
    for (const n of notes) if (!latestNotes.has(n.actionId)) latestNotes.set(n.actionId, n.note);
  }

  const rows: TrackingRow[] = [];
  for (const r of recs) {
    const w = work.get(r.id) ?? { actions: [], questions: [] };
    const state = recommendationState(r, w, now);
    const done = [
      r.metFinding ? `Found met: ${r.metFinding}` : "",
      r.closureEvidence ? `Evidence: ${r.closureEvidence}` : "",
      ...w.questions.map((q) => `Question: ${q.text} (${QUESTION_STATUS_LABELS[q.status]}${q.response ? `; response: ${clip(q.response.body)}` : ""})`),
      ...w.actions.map(
        (a) =>
          `Action: ${a.description} (${ACTION_STATUS_LABELS[actionStatus(a)]}${a.recommendationId === r.id ? "" : ", on a linked question"}${a.closureEvidence ? `; evidence: ${a.closureEvidence}` : ""})`,
      ),
    ].filter(Boolean);
    rows.push({
      kind: kindTerm(r.kind),
      reference: r.reference,
      summary: r.text,
      origin: r.inspectionTitle,
      date: r.made ? formatDate(r.made) : "Date not known",
      isoDate: r.made ?? "",
      lead: r.lead ?? "Not recorded",
      done: done.length > 0 ? done.join("; ") : state.done ? "" : "Nothing recorded yet",
      status: state.progressLabel,
      statusBasis: state.basis,
      rag: state.rag,
      ragLabel: state.ragLabel,
      href: `/recommendations/${r.id}`,
      ...NO_RESPONSE_FIELDS,
    });
  }
  rows.push(...(await boardTrackingRows(viewer, range, now)));
  for (const a of as) {
    const rag = actionRag(a, now);
    const origin = a.recReference
      ? `${kindTerm(a.recKind ?? "recommendation")} ${a.recReference}`
      : a.questionId
        ? a.questionText === null ? "Question (not public)" : `Question: ${a.questionText}`
        : a.minuteId
          ? a.itemTitle === null ? "Minute (not yet published)" : `Minute: ${a.itemTitle}`
          : "Not recorded";
    const done = a.closureEvidence ?? (a.cancelledAt ? `Cancelled: ${a.cancellationReason ?? ""}` : latestNotes.get(a.id)) ?? (isActionDone(a) ? "" : "No progress recorded yet");
    rows.push({
      kind: "Action",
      reference: a.reference ?? `A-${a.id.slice(0, 8)}`,
      summary: a.description,
      origin,
      date: formatDate(a.createdAt),
      isoDate: isoDay(a.createdAt),
      lead: a.owner ?? a.organisation,
      done,
      status: `${ACTION_STATUS_LABELS[actionStatus(a)]}, due ${formatDate(a.dueOn)}`,
      statusBasis: actionRagBasis(a, now),
      rag,
      ragLabel: RAG_LABELS[rag],
      href: `/actions/${a.id}`,
      ...NO_RESPONSE_FIELDS,
    });
  }
  return rows;
}

/**
 * The board's own recommendations for the tracker: agreed in the range, or earlier and not yet
 * judged implemented or superseded; with the addressee, the response clock, the response, the
 * actions answering it, and RAG by BOARD_RAG_RULE (app/rules/rag.server.ts).
 */
async function boardTrackingRows(viewer: Viewer, range: { from: string; to: string }, now: Date): Promise<TrackingRow[]> {
  const today = isoDay(now);
  const recs = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      agreedOn: recommendations.agreedOn,
      agreedPrecision: boardAgreedPrecision,
      receivedOn: recommendations.receivedOn,
      implementationState: recommendations.implementationState,
      bodyName: body.name,
      meetingTitle: meeting.title,
      documentTitle: document.title,
      addressee: organisation.name,
      statutoryResponseDuty: organisation.statutoryResponseDuty,
      responseWorkingDays: organisation.responseWorkingDays,
      lead: person.name,
      outcome: recommendationResponses.outcome,
      givenOn: recommendationResponses.givenOn,
    })
    .from(recommendations)
    .innerJoin(...body.on(recommendations.bodyId))
    .innerJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .leftJoin(...person.on(recommendations.leadPersonId))
    .leftJoin(...meeting.on(recommendations.agreedAtMeetingId))
    .leftJoin(...document.on(recommendations.agreedInDocumentId))
    .leftJoin(recommendationResponses, eq(recommendationResponses.recommendationId, recommendations.id))
    .where(
      and(
        eq(recommendations.source, "board"),
        recommendationVisible(viewer),
        sql`${recommendations.agreedOn} <= ${range.to} and (${recommendations.agreedOn} >= ${range.from} or ${recommendations.implementationState} is null or ${recommendations.implementationState} = 'partly_implemented')`,
      ),
    )
    .orderBy(asc(recommendations.agreedOn), asc(recommendations.reference));
  const work = await linkedWork(viewer, recs.map((r) => r.id), now);
  return recs.map((r) => {
    const clock = responseState({ receivedOn: r.receivedOn, period: periodOf(r), respondedOn: r.givenOn }, today);
    const actions = (work.get(r.id) ?? { actions: [] }).actions;
    const { rag, basis } = boardRecommendationRag({ responseState: clock.state, implementationState: r.implementationState, actions }, now);
    const where = agreedWhere(r) ? `, ${agreedWhere(r)}` : "";
    const done = actions.map((a) => `Action: ${a.description} (${ACTION_STATUS_LABELS[actionStatus(a)]}${a.closureEvidence ? `; evidence: ${a.closureEvidence}` : ""})`);
    return {
      kind: "Board recommendation",
      reference: r.reference,
      summary: r.text,
      origin: `Recommendation of ${r.bodyName}${where}`,
      date: dateText(r.agreedOn, r.agreedPrecision),
      isoDate: isoAtPrecision(r.agreedOn, r.agreedPrecision) ?? "",
      lead: r.lead ?? "Not recorded",
      done: done.length > 0 ? done.join("; ") : "No actions recorded yet",
      status: [clock.label, r.implementationState ? `the board judged it ${IMPLEMENTATION_STATE_LABELS[r.implementationState].toLowerCase()}` : ""].filter(Boolean).join("; "),
      statusBasis: basis,
      rag,
      ragLabel: RAG_LABELS[rag],
      href: `/recommendations/${r.id}`,
      addressee: r.addressee,
      responseDue: clock.dueOn ?? "",
      responseReceived: r.givenOn ?? "",
      responseDueText: clock.dueOn ? formatDate(clock.dueOn) : "",
      responseReceivedText: r.givenOn ? formatDate(r.givenOn) : "",
      response: r.outcome ? `${RESPONSE_OUTCOME_LABELS[r.outcome]}${clock.daysLate > 0 && clock.state === "received" ? `, ${clock.daysLate} ${clock.daysLate === 1 ? "day" : "days"} late` : r.givenOn ? ", on time" : ""}` : clock.state === "overdue" ? `None: ${clock.summary}` : "",
    };
  });
}

/**
 * How promptly each addressee responded to the board's recommendations the viewer may see:
 * on time, late, none, median days (responseTimeliness, app/rules/response-state.server.ts).
 */
export async function responseTimelinessReport(viewer: Viewer, now: Date = new Date()): Promise<TimelinessRow[]> {
  const rows = await db()
    .select({
      addressee: organisation.name,
      statutoryResponseDuty: organisation.statutoryResponseDuty,
      responseWorkingDays: organisation.responseWorkingDays,
      receivedOn: recommendations.receivedOn,
      givenOn: recommendationResponses.givenOn,
    })
    .from(recommendations)
    .innerJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .leftJoin(recommendationResponses, eq(recommendationResponses.recommendationId, recommendations.id))
    .where(and(eq(recommendations.source, "board"), isNotNull(recommendations.receivedOn), recommendationVisible(viewer)));
  return responseTimeliness(
    rows.map((r) => ({ addressee: r.addressee, receivedOn: r.receivedOn, period: periodOf(r), respondedOn: r.givenOn })),
    isoDay(now),
  );
}

/** The timeliness table as CSV: one row per addressee and municipal year. */
export function timelinessCsv(rows: TimelinessRow[]): string {
  const header = ["Addressee", "Municipal year", "On time", "Late", "None (overdue)", "Median days to respond"];
  const lines = [header.map(csvCell).join(",")];
  for (const r of rows) lines.push([r.addressee, r.year, String(r.onTime), String(r.late), String(r.none), r.medianDays === null ? "" : String(r.medianDays)].map(csvCell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** One CSV cell: quoted, and a leading = + - @ made harmless for spreadsheets. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function trackingCsv(rows: TrackingRow[], origin: string): string {
  const header = [
    "Type",
    "Reference",
    "Summary",
    "Origin",
    "Date",
    "Lead",
    "Addressee",
    "Response due",
    "Response received",
    "Response",
    "What was done",
    "Status",
    "RAG",
    "How the status was worked out",
    "Link",
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [r.kind, r.reference, r.summary, r.origin, r.isoDate, r.lead, r.addressee, r.responseDue, r.responseReceived, r.response, r.done, r.status, r.ragLabel, statusBasisText(r.statusBasis), `${origin}${r.href}`]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The date range from the query string, or the messages to show beside each field, with
 * what was typed: the GOV.UK date input's boxes (`from-day`, `from-month`, `from-year`) or
 * the old `from=2024-04-01`, so links made before keep working.
 */
export function parseRange(
  url: URL,
): { ok: true; from: string; to: string } | { ok: false; errors: Record<string, string>; asked: boolean; typed: { from: string; to: string } } {
  const from = readDayFilter(url.searchParams, "from", "The first day");
  const to = readDayFilter(url.searchParams, "to", "The last day");
  const asked = [...url.searchParams.keys()].some((k) => /^(from|to)(-day|-month|-year)?$/.test(k));
  const errors: Record<string, string> = {};
  if (!from.typed) errors.from = "Enter the first day of the report";
  else if (from.error) errors.from = from.error;
  if (!to.typed) errors.to = "Enter the last day of the report";
  else if (to.error) errors.to = to.error;
  if (!errors.from && !errors.to && to.value! < from.value!) errors.to = "The last day must be the same as or after the first day";
  if (Object.keys(errors).length > 0 || !from.value || !to.value) return { ok: false, errors, asked, typed: { from: from.typed, to: to.typed } };
  return { ok: true, from: from.value, to: to.value };
}

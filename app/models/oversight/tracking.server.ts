/**
 * The tracking report: every recommendation and action made in a date range,
 * and any made earlier that are still open, with reference, origin, date, lead,
 * what was done, status and RAG (app/rules/rag.server.ts). Only what the viewer
 * may see: actions on hidden questions or minutes are left out.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { inspections, recommendations } from "../../../db/schema/oversight";
import { db } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { actionRag, actionRagBasis, RAG_LABELS, type Rag } from "../../rules/rag.server";
import { recommendationState } from "../../rules/recommendation-state.server";
import { kindTerm } from "../../rules/source-terms.server";
import { STATUS_BASIS_LABELS, type StatusBasis } from "../../rules/status-basis.server";
import { ACTION_STATUS_LABELS, actionStatus, isActionDone, QUESTION_STATUS_LABELS } from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import { actionVisible } from "../../rules/visibility.server";
import { parseIsoDay } from "../../utils/day-field";
import { refTable } from "../../utils/refs.server";
import { organisation, person } from "../people/refs.server";
import { action, actionUpdateOfAction } from "../questions/refs.server";
import { actionOriginColumns } from "../questions";
import { linkedWork } from "./linked-work.server";

function clip(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A basis as one spreadsheet cell: "Worked out by rule: Amber: open, no due date set". */
export function statusBasisText(b: StatusBasis): string {
  return `${STATUS_BASIS_LABELS[b.kind]}: ${b.note}`;
}

export interface TrackingRow {
  /** The record's kind in its source's own term: "Recommendation", "What needs to improve" or "Action". */
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
}

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
    });
  }
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
    });
  }
  return rows;
}

/** One CSV cell: quoted, and a leading = + - @ made harmless for spreadsheets. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function trackingCsv(rows: TrackingRow[], origin: string): string {
  const header = ["Type", "Reference", "Summary", "Origin", "Date", "Lead", "What was done", "Status", "RAG", "How the status was worked out", "Link"];
  const lines = [header.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push([r.kind, r.reference, r.summary, r.origin, r.isoDate, r.lead, r.done, r.status, r.ragLabel, statusBasisText(r.statusBasis), `${origin}${r.href}`].map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The date range from the query string, or the messages to show beside each field. */
export function parseRange(url: URL): { ok: true; from: string; to: string } | { ok: false; errors: Record<string, string>; asked: boolean } {
  const from = (url.searchParams.get("from") ?? "").trim();
  const to = (url.searchParams.get("to") ?? "").trim();
  const asked = url.searchParams.has("from") || url.searchParams.has("to");
  const errors: Record<string, string> = {};
  if (!from) errors.from = "Enter the first day of the report";
  else if (!parseIsoDay(from)) errors.from = "The first day must be a real date, for example 2024-04-01";
  if (!to) errors.to = "Enter the last day of the report";
  else if (!parseIsoDay(to)) errors.to = "The last day must be a real date, for example 2024-09-30";
  if (!errors.from && !errors.to && to < from) errors.to = "The last day must be the same as or after the first day";
  if (Object.keys(errors).length > 0) return { ok: false, errors, asked };
  return { ok: true, from, to };
}

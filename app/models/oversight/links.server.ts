/**
 * Links from agenda items (and their minutes), questions, actions,
 * recommendations and documents to strategic priorities and inspection
 * recommendations: the record references and summaries the link pages use, and
 * the trail helpers the priority, recommendation and report pages share.
 * Making and removing links is in link-changes.server.ts; a record's links and
 * the candidates to link it to are in record-links.server.ts.
 *
 * A link is refused with a clear message when it would link a record to itself,
 * when it already exists, or when the pair cannot be linked.
 */
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { inspections, priorities, recommendations } from "../../../db/schema/oversight";
import { db, type Executor } from "../../db.server";
import { isActionDone, isQuestionOverdue, questionStatus, type QuestionFacts } from "../../rules/status.server";
import { questionStatusBasis } from "../../rules/question-status-basis.server";
import type { Viewer } from "../../rules/viewer.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  meetingVisible,
  minutesVisible,
  questionVisible,
} from "../../rules/visibility.server";
import { refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, document, meeting, minute } from "../meetings/refs.server";
import { action, question, response } from "../questions/refs.server";

export const SOURCE_TYPES = ["agenda_item", "minute", "question", "action", "recommendation", "document"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export const TARGET_TYPES = ["priority", "recommendation"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];
export type RecordType = SourceType | TargetType;

export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  agenda_item: "Agenda item",
  minute: "Minute",
  question: "Question",
  action: "Action",
  recommendation: "Recommendation",
  document: "Document",
  priority: "Priority",
};

export interface RecordRef {
  type: RecordType;
  id: string;
}

export { isUuid };

/** "question:<uuid>" to a reference, or null when malformed. */
export function parseRef(value: string | null | undefined): RecordRef | null {
  if (!value) return null;
  const [type, id] = value.split(":");
  if (!id || !isUuid(id)) return null;
  if (!(SOURCE_TYPES as readonly string[]).includes(type) && !(TARGET_TYPES as readonly string[]).includes(type)) return null;
  return { type: type as RecordType, id: id.toLowerCase() };
}

export function refString(ref: RecordRef): string {
  return `${ref.type}:${ref.id}`;
}

export class LinkError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Use in a query that joins agenda_items and meetings: an item the viewer sees in full. */
export function itemSeen(viewer: Viewer): SQL {
  return and(meetingVisible(viewer), agendaItemVisible(viewer), agendaItemContentVisible(viewer))!;
}

// ---------------------------------------------------------------------------
// Describing records
// ---------------------------------------------------------------------------

export interface RecordSummary {
  type: RecordType;
  id: string;
  label: string;
  href: string;
}

function clip(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A record as the viewer may see it, or null when missing or hidden. */
export async function describeRecord(viewer: Viewer, ref: RecordRef, executor: Executor = db()): Promise<RecordSummary | null> {
  switch (ref.type) {
    case "priority": {
      const [p] = await executor.select({ slug: priorities.slug, title: priorities.title }).from(priorities).where(eq(priorities.id, ref.id));
      return p ? { ...ref, label: p.title, href: `/priorities/${p.slug}` } : null;
    }
    case "recommendation": {
      const [r] = await executor
        .select({ reference: recommendations.reference, text: recommendations.text, inspection: inspections.title })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
        .where(eq(recommendations.id, ref.id));
      return r ? { ...ref, label: `${r.reference}: ${clip(r.text)} (${r.inspection})`, href: `/recommendations/${ref.id}` } : null;
    }
    case "agenda_item": {
      const [i] = await executor
        .select({ title: agendaItem.title, meeting: meeting.title })
        .from(refTable(agendaItem))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(eq(agendaItem.id, ref.id), itemSeen(viewer)));
      return i ? { ...ref, label: `${i.title} (${i.meeting})`, href: `/agenda-items/${ref.id}` } : null;
    }
    case "minute": {
      const [m] = await executor
        .select({ itemId: agendaItem.id, title: agendaItem.title, meeting: meeting.title })
        .from(refTable(minute))
        .innerJoin(...agendaItem.on(minute.agendaItemId))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(eq(minute.id, ref.id), itemSeen(viewer), minutesVisible(viewer)));
      return m ? { ...ref, label: `Minute: ${m.title} (${m.meeting})`, href: `/agenda-items/${m.itemId}` } : null;
    }
    case "question": {
      const [q] = await executor
        .select({ text: question.text })
        .from(refTable(question))
        .innerJoin(...agendaItem.on(question.agendaItemId))
        .innerJoin(...meeting.on(agendaItem.meetingId))
        .where(and(eq(question.id, ref.id), questionVisible(viewer)));
      return q ? { ...ref, label: clip(q.text), href: `/questions/${ref.id}` } : null;
    }
    case "action": {
      const [a] = await executor
        .select({ reference: action.reference, description: action.description })
        .from(refTable(action))
        .where(and(eq(action.id, ref.id), actionVisible(viewer)));
      return a ? { ...ref, label: `${a.reference ? `${a.reference}: ` : ""}${clip(a.description)}`, href: `/actions/${ref.id}` } : null;
    }
    case "document": {
      const [d] = await executor
        .select({ slug: document.slug, title: document.title, kind: document.kind })
        .from(refTable(document))
        .where(and(eq(document.id, ref.id), documentVisible(viewer)));
      return d
        ? { ...ref, label: d.title, href: d.kind === "annual_review" ? `/annual-reviews/${d.slug}` : `/documents/${d.slug}` }
        : null;
    }
  }
}

export type Pair = { source: RecordRef; target: RecordRef };

/** The agenda item a minute belongs to (links of a minute are its item's). */
export async function normalise(executor: Executor, ref: RecordRef): Promise<RecordRef> {
  if (ref.type !== "minute") return ref;
  const [m] = await executor.select({ itemId: minute.agendaItemId }).from(refTable(minute)).where(eq(minute.id, ref.id));
  if (!m) throw new LinkError("source", "The minute no longer exists");
  return { type: "agenda_item", id: m.itemId };
}

// ---------------------------------------------------------------------------
// Trail helpers: questions with their status, for a list of question ids
// ---------------------------------------------------------------------------

export async function questionFacts(ids: string[]) {
  const out = new Map<string, Pick<QuestionFacts, "responseKinds" | "actions"> & { currentResponse: { kind: string; body: string; respondedAt: Date; attributionNote: string | null } | null }>();
  if (ids.length === 0) return out;
  const rs = await db()
    .select({ questionId: response.questionId, id: response.id, kind: response.kind, supersedesId: response.supersedesId, body: response.body, respondedAt: response.respondedAt, attributionNote: response.attributionNote })
    .from(refTable(response))
    .where(inArray(response.questionId, ids))
    .orderBy(asc(response.respondedAt), asc(response.createdAt));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const as = await db()
    .select({ questionId: action.questionId, dueOn: action.dueOn, startedAt: action.startedAt, completedAt: action.completedAt, cancelledAt: action.cancelledAt })
    .from(refTable(action))
    .where(inArray(action.questionId, ids));
  for (const id of ids) {
    const current = rs.filter((r) => r.questionId === id && !superseded.has(r.id));
    const latest = current.at(-1) ?? null;
    out.set(id, {
      responseKinds: current.map((r) => r.kind),
      actions: as.filter((a) => a.questionId === id),
      currentResponse: latest ? { kind: latest.kind, body: latest.body, respondedAt: latest.respondedAt, attributionNote: latest.attributionNote } : null,
    });
  }
  return out;
}

export function questionState(
  q: { acceptedAt: Date | null; rejectedAt: Date | null; closedAt: Date | null; dueOn: string | null; sourceStatus: string | null; sourceStatusNote: string | null },
  facts: Pick<QuestionFacts, "responseKinds" | "actions">,
  now: Date,
) {
  const f: QuestionFacts = { ...q, ...facts };
  const status = questionStatus(f);
  const basis = questionStatusBasis({
    status,
    closedByClerk: q.closedAt !== null,
    sourceStatusNote: q.sourceStatusNote,
    openActions: f.actions.filter((a) => !isActionDone(a)).length,
  });
  return { status, overdue: isQuestionOverdue(f, now), basis };
}

/** One question's page: the question, its responses and actions, and its timeline, as the viewer may see them. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { actions, actionUpdates, questionPriorities, questionRecommendations, questions, responses } from "../../../db/schema/questions";
import { db } from "../../db.server";
import { describeDate, formatDate } from "../../rules/dates.server";
import { knownToTheDay, precisionOfLatest } from "../../rules/date-precision.server";
import {
  ACTION_STATUS_LABELS,
  actionDaysLate,
  actionStatus,
  daysOpen,
  isActionOverdue,
  isActionDone,
  isQuestionOverdue,
  QUESTION_STATUS_LABELS,
  QUESTION_UNCOUNTED_STATUSES,
  questionClosedAt,
  questionDaysLate,
  questionStatus,
} from "../../rules/status.server";
import { questionStatusBasis } from "../../rules/question-status-basis.server";
import { actionVisible, questionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { cancellationRequestsFor, cancellationTimeline } from "./action-cancellations.server";
import { chaseLabel, chasesOf } from "./chases.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { fromRef, refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, documentFileOfDocument, meeting } from "../meetings/refs.server";
import { inspection, priority, recommendation } from "../oversight/refs.server";
import { body, organisation, person, user } from "../people/refs.server";
import { auditEntryOf } from "../records/refs.server";

export type TimelineEvent = {
  at: string;
  date: string;
  approximate: boolean;
  label: string;
  who: string | null;
  /** The source does not name who did this step: why it is recorded as `who` (responses.attribution_note). */
  attributionNote?: string | null;
  html?: string;
  link?: { to: string; label: string };
  superseded?: boolean;
};

/** Who did a step, from the audit log (the question's accept, reject, close, due-date changes). */
async function auditTrail(entityType: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db()
    .select({ entityId: auditEntryOf.entityId, action: auditEntryOf.action, at: auditEntryOf.at, after: auditEntryOf.after, who: user.name })
    .from(refTable(auditEntryOf))
    .leftJoin(...user.on(auditEntryOf.userId))
    .where(and(eq(auditEntryOf.entityType, entityType), inArray(auditEntryOf.entityId, ids)))
    .orderBy(asc(auditEntryOf.at), asc(auditEntryOf.id));
}

/** A response's heading on the timeline (the page and the preview before publishing). */
export function responseLabel(r: { kind: string; expectedOn: string | null; supersedesId: string | null }, superseded = false) {
  const label = r.supersedesId ? "Corrected response" : r.kind === "holding" ? "Holding response" : "Response";
  const expected = r.kind === "holding" && r.expectedOn ? ` (full response expected by ${formatDate(r.expectedOn)})` : "";
  return `${label}${expected}${superseded ? " (superseded by a correction)" : ""}`;
}

export async function getQuestion(viewer: Viewer, id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [q] = await db()
    .select({
      id: questions.id,
      text: questions.text,
      isSummarised: questions.isSummarised,
      raisedAtMeeting: questions.raisedAtMeeting,
      enteredAfterTheFact: questions.enteredAfterTheFact,
      tabledOn: questions.tabledOn,
      dueOn: questions.dueOn,
      dueChangeReason: questions.dueChangeReason,
      submittedAt: questions.submittedAt,
      acceptedAt: questions.acceptedAt,
      rejectedAt: questions.rejectedAt,
      rejectionReason: questions.rejectionReason,
      closedAt: questions.closedAt,
      closureReason: questions.closureReason,
      sourceNote: questions.sourceNote,
      sourceStatus: questions.sourceStatus,
      sourceStatusNote: questions.sourceStatusNote,
      parentQuestionId: questions.parentQuestionId,
      askedById: questions.askedById,
      addressedToId: questions.addressedToId,
      datePrecision: questions.tabledOnPrecision,
      askedBy: person.name,
      addressedTo: organisation.name,
      agendaItemId: agendaItem.id,
      agendaItemTitle: agendaItem.title,
      meetingSlug: meeting.slug,
      meetingTitle: meeting.title,
      bodyName: body.name,
    })
    .from(questions)
    .innerJoin(...agendaItem.on(questions.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .innerJoin(...body.on(meeting.bodyId))
    .innerJoin(...organisation.on(questions.addressedToId))
    .leftJoin(...person.on(questions.askedById))
    .where(and(eq(questions.id, id), questionVisible(viewer)));
  if (!q) return null;

  // The question's own precision, never its meeting's (a question raised today is dated today).
  const precision = q.datePrecision;
  const rs = await db()
    .select({
      id: responses.id,
      kind: responses.kind,
      body: responses.body,
      respondedAt: responses.respondedAt,
      respondedAtPrecision: responses.respondedAtPrecision,
      expectedOn: responses.expectedOn,
      supersedesId: responses.supersedesId,
      satisfactoryAt: responses.satisfactoryAt,
      attributionNote: responses.attributionNote,
      sourceNote: responses.sourceNote,
      respondedBy: person.name,
      organisation: organisation.name,
    })
    .from(responses)
    .leftJoin(...person.on(responses.respondedById))
    .leftJoin(...organisation.on(responses.organisationId))
    .where(eq(responses.questionId, id))
    .orderBy(asc(responses.respondedAt), asc(responses.createdAt));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const file = documentFileOfDocument;
  const as = await db()
    .select({
      id: actions.id,
      description: actions.description,
      dueOn: actions.dueOn,
      createdAt: actions.createdAt,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      closureEvidence: actions.closureEvidence,
      // The evidence document's current file (seen with the action: app/rules/visibility.server.ts).
      evidenceFile: sql<{ id: string; fileName: string } | null>`(select json_build_object('id', ${file.id}, 'fileName', ${file.fileName}) ${fromRef(file.on(actions.closureEvidenceDocumentId))}
        where ${file.documentId} = ${actions.closureEvidenceDocumentId} and ${file.supersededAt} is null order by ${file.createdAt} desc limit 1)`,
      cancelledAt: actions.cancelledAt,
      cancellationReason: actions.cancellationReason,
      owner: person.name,
      organisation: organisation.name,
    })
    .from(actions)
    .innerJoin(...organisation.on(actions.owningOrganisationId))
    .leftJoin(...person.on(actions.ownerId))
    .where(and(eq(actions.questionId, id), actionVisible(viewer)))
    .orderBy(asc(actions.dueOn), asc(actions.createdAt));
  const notes = as.length
    ? await db()
        .select({ actionId: actionUpdates.actionId, note: actionUpdates.note, createdAt: actionUpdates.createdAt, who: user.name })
        .from(actionUpdates)
        .leftJoin(...user.on(actionUpdates.authorId))
        .where(inArray(actionUpdates.actionId, as.map((a) => a.id)))
        .orderBy(asc(actionUpdates.createdAt))
    : [];
  const supplementaries = await db()
    .select({ id: questions.id, text: questions.text, submittedAt: questions.submittedAt, tabledOn: questions.tabledOn })
    .from(questions)
    .innerJoin(...agendaItem.on(questions.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(eq(questions.parentQuestionId, id), questionVisible(viewer)))
    .orderBy(asc(questions.submittedAt));
  const linkedPriorities = await db()
    .select({ slug: priority.slug, title: priority.title })
    .from(questionPriorities)
    .innerJoin(...priority.on(questionPriorities.priorityId))
    .where(eq(questionPriorities.questionId, id))
    .orderBy(asc(priority.position));
  const linkedRecommendations = await db()
    .select({ reference: recommendation.reference, text: recommendation.text, inspectionSlug: inspection.slug, inspection: inspection.title })
    .from(questionRecommendations)
    .innerJoin(...recommendation.on(questionRecommendations.recommendationId))
    .innerJoin(...inspection.on(recommendation.inspectionId))
    .where(eq(questionRecommendations.questionId, id))
    .orderBy(asc(recommendation.position));
  const trail = await auditTrail("question", [id]);
  const actionTrail = await auditTrail("action", as.map((a) => a.id));
  const by = (action: string, entries = trail) => entries.find((e) => e.action === action)?.who ?? null;

  const current = rs.filter((r) => !superseded.has(r.id));
  const facts = {
    ...q,
    responseKinds: current.map((r) => r.kind),
    fullResponseAt: rs.find((r) => r.kind === "full")?.respondedAt ?? null,
    actions: as,
  };
  const status = questionStatus(facts);
  const dated = (d: Date | string, p = precision) => {
    const shown = describeDate(d, p);
    return { at: typeof d === "string" ? `${d}T00:00:00.000Z` : d.toISOString(), date: shown.text, approximate: shown.approximate };
  };
  const exact = (d: Date | string) => dated(d, "exact");
  // Imported questions carry the meeting's (possibly approximate) date; new ones exact times.
  const imported = q.isSummarised || q.sourceNote !== null;
  const stepDate = (d: Date | string) => (imported ? dated(d) : exact(d));

  const timeline: TimelineEvent[] = [];
  timeline.push({
    ...(q.raisedAtMeeting || imported ? dated(q.tabledOn) : exact(q.submittedAt)),
    label: q.raisedAtMeeting ? "Raised at the meeting" : q.parentQuestionId ? "Supplementary question raised" : "Question raised",
    who: q.askedBy,
  });
  if (q.acceptedAt && !imported) timeline.push({ ...exact(q.acceptedAt), label: "Accepted by the clerk", who: by("accept") });
  if (q.rejectedAt) {
    timeline.push({ ...exact(q.rejectedAt), label: "Rejected", who: by("reject"), html: renderMarkdown(q.rejectionReason ?? "") });
  }
  for (const e of trail.filter((t) => t.action === "update" && (t.after as { dueOn?: string } | null)?.dueOn)) {
    const after = e.after as { dueOn: string; dueChangeReason?: string };
    timeline.push({
      ...exact(e.at),
      label: `Due date changed to ${formatDate(after.dueOn)}`,
      who: e.who,
      html: after.dueChangeReason ? renderMarkdown(after.dueChangeReason) : undefined,
    });
  }
  for (const r of rs) {
    timeline.push({
      ...dated(r.respondedAt, r.respondedAtPrecision),
      label: responseLabel(r, superseded.has(r.id)),
      who: [r.respondedBy, r.organisation].filter(Boolean).join(", ") || null,
      attributionNote: r.attributionNote,
      html: renderMarkdown(r.body),
      superseded: superseded.has(r.id),
    });
    if (r.satisfactoryAt) timeline.push({ ...exact(r.satisfactoryAt), label: "Answer marked satisfactory", who: q.askedBy });
  }
  for (const s of supplementaries) {
    timeline.push({ ...exact(s.submittedAt), label: "Supplementary question", who: q.askedBy, link: { to: `/questions/${s.id}`, label: s.text } });
  }
  for (const c of await chasesOf([id], as.map((a) => a.id))) {
    const a = as.find((x) => x.id === c.actionId);
    timeline.push({ ...exact(c.createdAt), label: chaseLabel(c, a ? "Action chased" : "Chased"), who: null, link: a ? { to: `/actions/${a.id}`, label: a.description } : undefined });
  }
  const cancellations = await cancellationRequestsFor(as.map((a) => a.id));
  for (const a of as) {
    const mine = actionTrail.filter((t) => t.entityId === a.id);
    const link = { to: `/actions/${a.id}`, label: a.description };
    timeline.push({
      ...stepDate(a.createdAt),
      label: `Action agreed, due ${formatDate(a.dueOn)}`,
      who: [a.owner, a.organisation].filter(Boolean).join(", "),
      link,
    });
    if (a.startedAt) timeline.push({ ...exact(a.startedAt), label: "Action started", who: by("start", mine), link });
    for (const n of notes.filter((x) => x.actionId === a.id)) {
      timeline.push({ ...exact(n.createdAt), label: "Action progress", who: n.who, html: renderMarkdown(n.note), link });
    }
    if (a.completedAt) {
      const evidence = [a.closureEvidence ?? "", a.evidenceFile ? `[Evidence document: ${a.evidenceFile.fileName}](/files/${a.evidenceFile.id})` : ""];
      timeline.push({ ...stepDate(a.completedAt), label: "Action completed", who: by("complete", mine), html: renderMarkdown(evidence.filter(Boolean).join("\n\n")), link });
    }
    if (a.cancelledAt) {
      timeline.push({ ...exact(a.cancelledAt), label: "Action cancelled", who: by("cancel", mine), html: renderMarkdown(a.cancellationReason ?? ""), link });
    }
    for (const e of cancellationTimeline(cancellations.filter((c) => c.actionId === a.id))) {
      timeline.push({ at: e.at, date: e.date, approximate: false, label: `Action: ${e.label.charAt(0).toLowerCase()}${e.label.slice(1)}`, who: e.who, html: e.html, link });
    }
  }
  const closedAt = questionClosedAt(facts);
  if (q.closedAt) {
    timeline.push({ ...stepDate(q.closedAt), label: "Closed by the clerk", who: by("close"), html: renderMarkdown(q.closureReason ?? "") });
  } else if (closedAt && !imported) {
    timeline.push({ ...exact(closedAt), label: "Closed: answered, and every action completed or cancelled", who: null });
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  return {
    id: q.id,
    text: q.text,
    isSummarised: q.isSummarised,
    raisedAtMeeting: q.raisedAtMeeting,
    enteredAfterTheFact: q.enteredAfterTheFact,
    /** When a question entered after the fact was recorded here. */
    recordedOn: q.enteredAfterTheFact ? formatDate(q.submittedAt) : null,
    sourceNote: q.sourceNote,
    askedBy: q.askedBy,
    askedById: q.askedById,
    addressedTo: q.addressedTo,
    addressedToId: q.addressedToId,
    body: q.bodyName,
    tabled: dated(q.tabledOn),
    tabledOn: q.tabledOn,
    dueOn: q.dueOn,
    due: q.dueOn ? formatDate(q.dueOn) : null,
    dueChangeReason: q.dueChangeReason,
    status,
    statusLabel: QUESTION_STATUS_LABELS[status],
    statusBasis: questionStatusBasis({
      status,
      closedByClerk: q.closedAt !== null,
      sourceStatusNote: q.sourceStatusNote,
      openActions: as.filter((a) => !isActionDone(a)).length,
    }),
    overdue: isQuestionOverdue(facts, now),
    daysLate: questionDaysLate(facts, now),
    daysOpen: QUESTION_UNCOUNTED_STATUSES.includes(status) ? null : daysOpen(q.tabledOn, closedAt, now),
    /** Set when the days open cannot be counted: the sources do not give its dates to the day. */
    daysOpenUnknown:
      !QUESTION_UNCOUNTED_STATUSES.includes(status) && !knownToTheDay(precision)
        ? `Not known: the sources give the date it was raised only as ${dated(q.tabledOn).date}`
        : null,
    closedAt: closedAt ? dated(closedAt, q.closedAt
            ? "exact"
            : precisionOfLatest([
                ...current.filter((r) => r.kind === "full").map((r) => ({ at: r.respondedAt, precision: r.respondedAtPrecision })),
                ...as.map((a) => ({ at: a.completedAt ?? a.cancelledAt, precision: "exact" as const })),
              ])) : null,
    rejectionReason: q.rejectedAt ? q.rejectionReason : null,
    closureReason: q.closedAt ? q.closureReason : null,
    agendaItem: { id: q.agendaItemId, title: q.agendaItemTitle },
    meeting: { slug: q.meetingSlug, title: q.meetingTitle },
    parentQuestionId: q.parentQuestionId,
    priorities: linkedPriorities,
    recommendations: linkedRecommendations,
    responses: rs.map((r) => ({
      id: r.id,
      kind: r.kind,
      body: r.body,
      bodyHtml: renderMarkdown(r.body),
      respondedBy: r.respondedBy,
      organisation: r.organisation,
      attributionNote: r.attributionNote,
      sourceNote: r.sourceNote,
      date: dated(r.respondedAt, r.respondedAtPrecision).date,
      superseded: superseded.has(r.id),
      satisfactory: r.satisfactoryAt !== null,
    })),
    actions: as.map((a) => {
      const s = actionStatus(a);
      return {
        id: a.id,
        description: a.description,
        owner: a.owner,
        organisation: a.organisation,
        due: formatDate(a.dueOn),
        status: s,
        statusLabel: ACTION_STATUS_LABELS[s],
        overdue: isActionOverdue(a, now),
        daysLate: actionDaysLate(a, now),
      };
    }),
    supplementaries: supplementaries.map((s) => ({ id: s.id, text: s.text })),
    timeline,
  };
}

/** Questions, their responses and actions, as a viewer may see them. */
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { actions, agendaItems, meetings, organisations, people, questions, responses } from "../../db/schema";
import { db } from "../db.server";
import { describeDate } from "../rules/dates.server";
import {
  ACTION_STATUS_LABELS,
  actionStatus,
  isActionOverdue,
  isQuestionOverdue,
  QUESTION_STATUS_LABELS,
  questionStatus,
  type QuestionFacts,
} from "../rules/status.server";
import { questionVisible } from "../rules/visibility.server";
import type { Viewer } from "../rules/viewer.server";
import { PAGE_SIZE } from "../utils/http.server";
import { renderMarkdown } from "../utils/markdown.server";

async function factsFor(ids: string[]) {
  if (ids.length === 0) return new Map<string, Pick<QuestionFacts, "responseKinds" | "actions">>();
  const rs = await db()
    .select({ questionId: responses.questionId, id: responses.id, kind: responses.kind, supersedesId: responses.supersedesId })
    .from(responses)
    .where(inArray(responses.questionId, ids));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const as = await db()
    .select({
      questionId: actions.questionId,
      dueOn: actions.dueOn,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      cancelledAt: actions.cancelledAt,
    })
    .from(actions)
    .where(inArray(actions.questionId, ids));
  const out = new Map<string, Pick<QuestionFacts, "responseKinds" | "actions">>();
  for (const id of ids) {
    out.set(id, {
      responseKinds: rs.filter((r) => r.questionId === id && !superseded.has(r.id)).map((r) => r.kind),
      actions: as.filter((a) => a.questionId === id),
    });
  }
  return out;
}

export async function listQuestions(viewer: Viewer, options: { page: number; agendaItemId?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const where = and(
    questionVisible(viewer),
    options.agendaItemId ? eq(questions.agendaItemId, options.agendaItemId) : undefined,
  );
  const base = () =>
    db()
      .select({ total: count() })
      .from(questions)
      .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(where);
  const [{ total }] = await base();
  const rows = await db()
    .select({
      id: questions.id,
      text: questions.text,
      isSummarised: questions.isSummarised,
      tabledOn: questions.tabledOn,
      dueOn: questions.dueOn,
      acceptedAt: questions.acceptedAt,
      rejectedAt: questions.rejectedAt,
      closedAt: questions.closedAt,
      datePrecision: meetings.datePrecision,
      askedBy: people.name,
      addressedTo: organisations.name,
      agendaItemId: agendaItems.id,
      agendaItemTitle: agendaItems.title,
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
    })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(organisations, eq(organisations.id, questions.addressedToId))
    .leftJoin(people, eq(people.id, questions.askedById))
    .where(where)
    .orderBy(desc(questions.tabledOn), asc(questions.position), asc(questions.id))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  const facts = await factsFor(rows.map((r) => r.id));
  return {
    total,
    questions: rows.map((r) => {
      const f = { ...r, ...facts.get(r.id)! };
      const status = questionStatus(f);
      return {
        id: r.id,
        text: r.text,
        isSummarised: r.isSummarised,
        tabled: describeDate(r.tabledOn, r.datePrecision === "exact" ? "exact" : r.datePrecision).text,
        askedBy: r.askedBy,
        addressedTo: r.addressedTo,
        agendaItem: { id: r.agendaItemId, title: r.agendaItemTitle },
        meeting: { slug: r.meetingSlug, title: r.meetingTitle },
        status,
        statusLabel: QUESTION_STATUS_LABELS[status],
        overdue: isQuestionOverdue(f, now),
      };
    }),
  };
}

export type TimelineEvent = { at: string; date: string; approximate: boolean; label: string; who: string | null; html?: string };

export async function getQuestion(viewer: Viewer, id: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [q] = await db()
    .select({
      id: questions.id,
      text: questions.text,
      isSummarised: questions.isSummarised,
      raisedAtMeeting: questions.raisedAtMeeting,
      tabledOn: questions.tabledOn,
      dueOn: questions.dueOn,
      submittedAt: questions.submittedAt,
      acceptedAt: questions.acceptedAt,
      rejectedAt: questions.rejectedAt,
      rejectionReason: questions.rejectionReason,
      closedAt: questions.closedAt,
      closureReason: questions.closureReason,
      sourceNote: questions.sourceNote,
      parentQuestionId: questions.parentQuestionId,
      datePrecision: meetings.datePrecision,
      askedBy: people.name,
      addressedTo: organisations.name,
      agendaItemId: agendaItems.id,
      agendaItemTitle: agendaItems.title,
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
    })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(organisations, eq(organisations.id, questions.addressedToId))
    .leftJoin(people, eq(people.id, questions.askedById))
    .where(and(eq(questions.id, id), questionVisible(viewer)));
  if (!q) return null;

  const precision = q.datePrecision;
  const rs = await db()
    .select({
      id: responses.id,
      kind: responses.kind,
      body: responses.body,
      respondedAt: responses.respondedAt,
      expectedOn: responses.expectedOn,
      supersedesId: responses.supersedesId,
      respondedBy: people.name,
      organisation: organisations.name,
    })
    .from(responses)
    .leftJoin(people, eq(people.id, responses.respondedById))
    .leftJoin(organisations, eq(organisations.id, responses.organisationId))
    .where(eq(responses.questionId, id))
    .orderBy(asc(responses.respondedAt), asc(responses.createdAt));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const as = await db()
    .select({
      id: actions.id,
      description: actions.description,
      dueOn: actions.dueOn,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      cancelledAt: actions.cancelledAt,
      owner: people.name,
      organisation: organisations.name,
    })
    .from(actions)
    .innerJoin(organisations, eq(organisations.id, actions.owningOrganisationId))
    .leftJoin(people, eq(people.id, actions.ownerId))
    .where(eq(actions.questionId, id))
    .orderBy(asc(actions.dueOn));
  const supplementaries = await db()
    .select({ id: questions.id, text: questions.text })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(questions.parentQuestionId, id), questionVisible(viewer)));

  const facts: QuestionFacts = {
    ...q,
    responseKinds: rs.filter((r) => !superseded.has(r.id)).map((r) => r.kind),
    actions: as,
  };
  const status = questionStatus(facts);
  const dated = (d: Date | string) => {
    const shown = describeDate(d, precision === "exact" ? "exact" : precision);
    return { at: typeof d === "string" ? d : d.toISOString(), date: shown.text, approximate: shown.approximate };
  };

  const timeline: TimelineEvent[] = [];
  timeline.push({
    ...dated(q.tabledOn),
    label: q.raisedAtMeeting ? "Raised at the meeting" : "Question tabled",
    who: q.askedBy,
  });
  if (q.acceptedAt && !q.raisedAtMeeting) timeline.push({ ...dated(q.acceptedAt), label: "Accepted", who: null });
  for (const r of rs) {
    const label = r.supersedesId
      ? "Corrected response"
      : r.kind === "holding"
        ? "Holding response"
        : "Response";
    timeline.push({
      ...dated(r.respondedAt),
      label: superseded.has(r.id) ? `${label} (superseded)` : label,
      who: r.respondedBy ?? r.organisation,
      html: renderMarkdown(r.body),
    });
  }
  for (const a of as) {
    timeline.push({ ...dated(a.completedAt ?? a.cancelledAt ?? a.dueOn), label: `Action: ${a.description}`, who: a.owner ?? a.organisation });
  }
  if (q.closedAt) timeline.push({ ...dated(q.closedAt), label: "Closed", who: null, html: renderMarkdown(q.closureReason) });

  return {
    id: q.id,
    text: q.text,
    isSummarised: q.isSummarised,
    sourceNote: q.sourceNote,
    askedBy: q.askedBy,
    addressedTo: q.addressedTo,
    tabled: dated(q.tabledOn),
    due: q.dueOn ? describeDate(q.dueOn, "exact").text : null,
    status,
    statusLabel: QUESTION_STATUS_LABELS[status],
    overdue: isQuestionOverdue(facts, now),
    agendaItem: { id: q.agendaItemId, title: q.agendaItemTitle },
    meeting: { slug: q.meetingSlug, title: q.meetingTitle },
    parentQuestionId: q.parentQuestionId,
    responses: rs.map((r) => ({
      id: r.id,
      kind: r.kind,
      bodyHtml: renderMarkdown(r.body),
      respondedBy: r.respondedBy,
      organisation: r.organisation,
      date: dated(r.respondedAt).date,
      superseded: superseded.has(r.id),
    })),
    actions: as.map((a) => {
      const s = actionStatus(a);
      return {
        id: a.id,
        description: a.description,
        owner: a.owner,
        organisation: a.organisation,
        due: describeDate(a.dueOn, "exact").text,
        status: ACTION_STATUS_LABELS[s],
        overdue: isActionOverdue(a, now),
      };
    }),
    supplementaries,
    timeline,
  };
}

/** Public questions raised on one agenda item (for the item page). */
export async function questionsForAgendaItem(viewer: Viewer, agendaItemId: string) {
  const result = await listQuestions(viewer, { page: 1, agendaItemId });
  return result;
}



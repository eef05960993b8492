/** A question's status facts, and the choices and agenda item offered when one is raised. */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { actions, questions, responses } from "../../../db/schema/questions";
import { db, type Executor } from "../../db.server";
import type { QuestionState } from "../../rules/question-transitions.server";
import type { QuestionFacts } from "../../rules/status.server";
import { agendaItemVisible, meetingVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { kindTerm } from "../../rules/source-terms.server";
import { refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, meeting } from "../meetings/refs.server";
import { inspection, priority, recommendation } from "../oversight/refs.server";
import { body, person, user } from "../people/refs.server";

export { isUuid };

type Facts = Pick<QuestionFacts, "responseKinds" | "actions"> & {
  fullResponseAt: Date | null;
  satisfactory: boolean;
  actions: (QuestionFacts["actions"][number] & { id: string; description: string })[];
};

/** The responses and actions a question's derived status is computed from. */
export async function factsFor(executor: Executor, ids: string[]) {
  const out = new Map<string, Facts>();
  if (ids.length === 0) return out;
  const rs = await executor
    .select({
      questionId: responses.questionId,
      id: responses.id,
      kind: responses.kind,
      supersedesId: responses.supersedesId,
      respondedAt: responses.respondedAt,
      satisfactoryAt: responses.satisfactoryAt,
    })
    .from(responses)
    .where(inArray(responses.questionId, ids));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const as = await executor
    .select({
      id: actions.id,
      description: actions.description,
      questionId: actions.questionId,
      dueOn: actions.dueOn,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      cancelledAt: actions.cancelledAt,
    })
    .from(actions)
    .where(inArray(actions.questionId, ids));
  for (const id of ids) {
    const current = rs.filter((r) => r.questionId === id && !superseded.has(r.id));
    const fulls = rs.filter((r) => r.questionId === id && r.kind === "full");
    out.set(id, {
      responseKinds: current.map((r) => r.kind),
      fullResponseAt: fulls.length ? fulls.map((r) => r.respondedAt).sort((a, b) => a.getTime() - b.getTime())[0] : null,
      satisfactory: current.some((r) => r.kind === "full" && r.satisfactoryAt !== null),
      actions: as.filter((a) => a.questionId === id),
    });
  }
  return out;
}

/** What the transition rules need to know about one question (no visibility check: callers check first). */
export async function questionState(executor: Executor, id: string): Promise<(QuestionState & typeof questions.$inferSelect) | null> {
  if (!isUuid(id)) return null;
  const [q] = await executor.select().from(questions).where(eq(questions.id, id));
  if (!q) return null;
  const facts = (await factsFor(executor, [id])).get(id)!;
  return { ...q, ...facts };
}

/** Inspection recommendations (public records) for pickers and filters. */
export async function recommendationChoices(limit?: number) {
  const query = db()
    .select({ id: recommendation.id, reference: recommendation.reference, kind: recommendation.kind, text: recommendation.text, inspection: inspection.title })
    .from(refTable(recommendation))
    .innerJoin(...inspection.on(recommendation.inspectionId))
    .orderBy(desc(inspection.visitStartOn), asc(recommendation.position));
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map((r) => ({
    id: r.id,
    label: `${r.reference} (${kindTerm(r.kind)}): ${r.text.length > 90 ? `${r.text.slice(0, 88)}…` : r.text} (${r.inspection})`,
  }));
}

/** Pickers for raising a question: priorities and recommendations. */
export async function questionLinkChoices() {
  const prios = await db().select({ id: priority.id, title: priority.title }).from(refTable(priority)).orderBy(asc(priority.position));
  return { priorities: prios, recommendations: await recommendationChoices() };
}

/** The people of an organisation (action owners). */
export async function peopleOf(organisationId: string) {
  return db()
    .select({ id: person.id, name: person.name })
    .from(refTable(person))
    .where(eq(person.organisationId, organisationId))
    .orderBy(asc(person.name));
}

/** Members who may be recorded as asking (anyone with a member account and a person record). */
export async function memberChoices() {
  return db()
    .selectDistinct({ id: person.id, name: person.name })
    .from(refTable(user))
    .innerJoin(...person.on(user.personId))
    .where(eq(user.role, "member"))
    .orderBy(asc(person.name));
}

/** Questions per viewer's own agenda item: the item a question may be raised on. */
export async function raisableAgendaItem(viewer: Viewer, agendaItemId: string) {
  if (!isUuid(agendaItemId)) return null;
  const [row] = await db()
    .select({
      id: agendaItem.id,
      title: agendaItem.title,
      isExempt: agendaItem.isExempt,
      publishedAt: agendaItem.publishedAt,
      agendaPublishedAt: meeting.agendaPublishedAt,
      meetingTitle: meeting.title,
      meetingSlug: meeting.slug,
      startsAt: meeting.startsAt,
      datePrecision: meeting.datePrecision,
      responseWorkingDays: body.responseWorkingDays,
      questionWindowDays: body.questionWindowDays,
      leadOrganisationId: person.organisationId,
      bodyOrganisationId: body.organisationId,
    })
    .from(refTable(agendaItem))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .innerJoin(...body.on(meeting.bodyId))
    .leftJoin(...person.on(agendaItem.leadOfficerId))
    .where(and(eq(agendaItem.id, agendaItemId), meetingVisible(viewer), agendaItemVisible(viewer)));
  if (!row) return null;
  return { ...row, published: row.publishedAt !== null && row.agendaPublishedAt !== null };
}

/**
 * Members and clerks at work on the work programme (docs/decisions/043-work-programme.md):
 * a member proposes a topic; a clerk accepts it onto the programme (planned for a meeting of
 * the same body not yet held, or "to be scheduled"), edits it, defers or drops it with a
 * reason, and links it to the agenda item where it is taken. Every rule is checked here, so
 * no route can skip one, and every write is recorded in the audit log.
 */
import { and, eq } from "drizzle-orm";
import { priorities, recommendations, TOPIC_KINDS, TOPIC_REASONS, workProgrammeTopics } from "../../../db/schema/oversight";
import type { Executor } from "../../db.server";
import { MUNICIPAL_YEAR_RANGE, municipalYearOf } from "../../rules/municipal-year.server";
import { refTable } from "../../utils/refs.server";
import { agendaItem, meeting } from "../meetings/refs.server";
import { body, peopleByName, person } from "../people/refs.server";
import { recordAudit } from "../records";
import type { Actor } from "./link-changes.server";

/** A rule broken by a write, with the field it belongs beside. */
export class WorkProgrammeError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TopicInput {
  bodyId: string;
  /** The municipal year by its first calendar year; a planned meeting's year wins. */
  year: number;
  title: string;
  description: string;
  reason: (typeof TOPIC_REASONS)[number];
  priorityId: string | null;
  recommendationId: string | null;
  kind: (typeof TOPIC_KINDS)[number];
}

export interface PlanInput {
  /** Null: to be scheduled. */
  plannedMeetingId: string | null;
  leadOfficerId: string | null;
}

async function checkTopic(tx: Executor, input: TopicInput) {
  const [b] = await tx.select({ id: body.id }).from(refTable(body)).where(eq(body.id, input.bodyId));
  if (!b) throw new WorkProgrammeError("bodyId", "Select the board or committee whose programme it is for");
  if (!Number.isInteger(input.year) || input.year < MUNICIPAL_YEAR_RANGE.min || input.year > MUNICIPAL_YEAR_RANGE.max) {
    throw new WorkProgrammeError("year", "Select the municipal year from the list");
  }
  if (input.reason === "priority" && !input.priorityId) throw new WorkProgrammeError("priorityId", "Select the strategic priority it comes from");
  if ((input.reason === "inspection_finding" || input.reason === "recommendation_review") && !input.recommendationId) {
    throw new WorkProgrammeError("recommendationId", "Select the recommendation it comes from");
  }
  if (input.priorityId) {
    const [p] = await tx.select({ id: priorities.id }).from(priorities).where(eq(priorities.id, input.priorityId));
    if (!p) throw new WorkProgrammeError("priorityId", "Select a strategic priority from the list");
  }
  if (input.recommendationId) {
    const [r] = await tx.select({ source: recommendations.source }).from(recommendations).where(eq(recommendations.id, input.recommendationId));
    if (!r) throw new WorkProgrammeError("recommendationId", "Select a recommendation from the list");
    if (input.reason === "inspection_finding" && r.source !== "inspection") throw new WorkProgrammeError("recommendationId", "Select an inspection's recommendation for an inspection finding");
  }
}

/** A planned meeting: of the topic's body, not yet held, not cancelled; its municipal year. */
async function checkMeeting(tx: Executor, bodyId: string, meetingId: string, now: Date) {
  const [m] = await tx
    .select({ bodyId: meeting.bodyId, startsAt: meeting.startsAt, status: meeting.status })
    .from(refTable(meeting))
    .where(eq(meeting.id, meetingId));
  if (!m) throw new WorkProgrammeError("plannedMeetingId", "Select a meeting from the list, or “To be scheduled”");
  if (m.bodyId !== bodyId) throw new WorkProgrammeError("plannedMeetingId", "Select a meeting of the board or committee whose programme this is");
  if (m.startsAt.getTime() < now.getTime()) throw new WorkProgrammeError("plannedMeetingId", "Select a meeting that has not yet been held, or “To be scheduled”");
  if (m.status === "cancelled") throw new WorkProgrammeError("plannedMeetingId", "That meeting is cancelled: select another, or “To be scheduled”");
  return municipalYearOf(m.startsAt);
}

async function checkLead(tx: Executor, leadOfficerId: string | null) {
  if (!leadOfficerId) return;
  const [p] = await tx.select({ id: person.id }).from(refTable(person)).where(eq(person.id, leadOfficerId));
  if (!p) throw new WorkProgrammeError("leadOfficerId", "Select the lead officer from the list");
}

function topicFields(input: TopicInput) {
  return {
    bodyId: input.bodyId,
    municipalYear: input.year,
    title: input.title,
    description: input.description,
    reason: input.reason,
    priorityId: input.priorityId,
    recommendationId: input.recommendationId,
    kind: input.kind,
  };
}

async function audit(tx: Executor, actor: Actor, action: string, id: string, before: unknown, after: unknown) {
  await recordAudit(tx, { userId: actor.userId, action, entityType: "work_programme_topic", entityId: id, before, after, ipAddress: actor.ipAddress ?? null });
}

async function loadTopic(tx: Executor, id: string) {
  const [row] = await tx.select().from(workProgrammeTopics).where(eq(workProgrammeTopics.id, id));
  return row ?? null;
}

/** A member's (or a clerk's) proposal: not on the programme, nor public, until a clerk accepts it. */
export async function proposeTopic(tx: Executor, actor: Actor & { personId: string | null }, input: TopicInput) {
  await checkTopic(tx, input);
  const [row] = await tx
    .insert(workProgrammeTopics)
    .values({ ...topicFields(input), decision: "proposed", proposedByUserId: actor.userId, proposedByPersonId: actor.personId })
    .returning();
  await audit(tx, actor, "propose", row.id, null, row);
  return row;
}

/** A clerk's topic put straight onto the programme. */
export async function addPlannedTopic(tx: Executor, actor: Actor, input: TopicInput, plan: PlanInput, now = new Date()) {
  await checkTopic(tx, input);
  await checkLead(tx, plan.leadOfficerId);
  const year = plan.plannedMeetingId ? await checkMeeting(tx, input.bodyId, plan.plannedMeetingId, now) : input.year;
  const [row] = await tx
    .insert(workProgrammeTopics)
    .values({ ...topicFields(input), municipalYear: year, ...plan, decision: "planned", proposedByUserId: actor.userId })
    .returning();
  await audit(tx, actor, "create", row.id, null, row);
  return row;
}

/**
 * A clerk's edit, and acceptance: the topic's fields and its plan. A proposed topic becomes
 * planned (accepted onto the programme); a deferred one is planned again. The year follows
 * the planned meeting's.
 */
export async function planTopic(tx: Executor, actor: Actor, id: string, input: TopicInput, plan: PlanInput, now = new Date()) {
  const before = await loadTopic(tx, id);
  if (!before) return null;
  await checkTopic(tx, { ...input, bodyId: before.bodyId });
  await checkLead(tx, plan.leadOfficerId);
  const meetingUnchanged = plan.plannedMeetingId !== null && plan.plannedMeetingId === before.plannedMeetingId;
  const year = meetingUnchanged ? before.municipalYear : plan.plannedMeetingId ? await checkMeeting(tx, before.bodyId, plan.plannedMeetingId, now) : input.year;
  const decision = before.decision === "dropped" ? "dropped" : "planned";
  const [after] = await tx
    .update(workProgrammeTopics)
    .set({
      ...topicFields({ ...input, bodyId: before.bodyId }),
      municipalYear: year,
      ...plan,
      decision,
      decisionReason: decision === "planned" ? null : before.decisionReason,
      updatedAt: new Date(),
    })
    .where(eq(workProgrammeTopics.id, id))
    .returning();
  await audit(tx, actor, before.decision === "proposed" ? "accept" : "update", id, before, after);
  return after;
}

/** Defer (to a later year or meeting) or drop a topic: the reason is required and shown with it. */
export async function setTopicAside(tx: Executor, actor: Actor, id: string, decision: "deferred" | "dropped", reason: string) {
  const before = await loadTopic(tx, id);
  if (!before) return null;
  const text = reason.trim();
  if (!text) throw new WorkProgrammeError("decisionReason", decision === "deferred" ? "Say why the topic is deferred" : "Say why the topic is dropped");
  const [after] = await tx
    .update(workProgrammeTopics)
    .set({ decision, decisionReason: text, updatedAt: new Date() })
    .where(eq(workProgrammeTopics.id, id))
    .returning();
  await audit(tx, actor, decision === "deferred" ? "defer" : "drop", id, before, after);
  return after;
}

/**
 * The agenda item where a topic is taken (null: none). The item must be on an agenda of the
 * topic's body; the topic is then planned for that meeting. A proposed topic is accepted first.
 */
export async function linkTopicToAgendaItem(tx: Executor, actor: Actor, id: string, agendaItemId: string | null) {
  const before = await loadTopic(tx, id);
  if (!before) return null;
  let plannedMeetingId = before.plannedMeetingId;
  let year = before.municipalYear;
  if (agendaItemId) {
    if (before.decision === "proposed") throw new WorkProgrammeError("agendaItemId", "Accept the topic onto the programme before adding it to an agenda");
    if (before.decision === "dropped") throw new WorkProgrammeError("agendaItemId", "This topic was dropped: plan it again before adding it to an agenda");
    const [item] = await tx
      .select({ meetingId: meeting.id, bodyId: meeting.bodyId, startsAt: meeting.startsAt })
      .from(refTable(agendaItem))
      .innerJoin(...meeting.on(agendaItem.meetingId))
      .where(eq(agendaItem.id, agendaItemId));
    if (!item) throw new WorkProgrammeError("agendaItemId", "Select an agenda item from the list");
    if (item.bodyId !== before.bodyId) throw new WorkProgrammeError("agendaItemId", "Select an item on an agenda of the board or committee whose programme this is");
    plannedMeetingId = item.meetingId;
    year = municipalYearOf(item.startsAt);
  }
  const [after] = await tx
    .update(workProgrammeTopics)
    .set({ agendaItemId, plannedMeetingId, municipalYear: year, decision: agendaItemId ? "planned" : before.decision, decisionReason: agendaItemId ? null : before.decisionReason, updatedAt: new Date() })
    .where(and(eq(workProgrammeTopics.id, id)))
    .returning();
  await audit(tx, actor, agendaItemId ? "add_to_agenda" : "remove_from_agenda", id, before, after);
  return after;
}

/** The meetings a topic of this body may be planned for: not yet held, not cancelled. */
export async function plannableMeetings(executor: Executor, bodyId: string, now = new Date()) {
  const rows = await executor
    .select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, status: meeting.status })
    .from(refTable(meeting))
    .where(eq(meeting.bodyId, bodyId))
    .orderBy(meeting.startsAt);
  return rows.filter((m) => m.startsAt.getTime() >= now.getTime() && m.status !== "cancelled").slice(0, 100);
}

/** The agenda items a topic may be linked to: items of its body's meetings in its year and later. */
export async function linkableAgendaItems(executor: Executor, bodyId: string, fromYear: number) {
  const rows = await executor
    .select({ id: agendaItem.id, title: agendaItem.title, parentId: agendaItem.parentId, meetingTitle: meeting.title, startsAt: meeting.startsAt })
    .from(refTable(agendaItem))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(eq(meeting.bodyId, bodyId))
    .orderBy(meeting.startsAt, agendaItem.position);
  return rows.filter((r) => municipalYearOf(r.startsAt) >= fromYear).slice(0, 300);
}

/** What the clerk's plan and agenda forms offer for a topic: meetings, agenda items and people. */
export async function topicPlanOptions(executor: Executor, bodyId: string, fromYear: number, now = new Date()) {
  const [meetings, items, people] = await Promise.all([plannableMeetings(executor, bodyId, now), linkableAgendaItems(executor, bodyId, fromYear), peopleByName(executor)]);
  return { meetings, items, people };
}

/**
 * Clerks' work on meetings: create, edit, postpone or cancel; publish the agenda
 * (with the statutory clock), a supplementary agenda and the minutes; approve an
 * earlier meeting's minutes as a correct record. Every write is one transaction
 * (the caller's `tx`) and is recorded in the audit log.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import {
  agendaItemDocuments,
  agendaItems,
  bodies,
  documents,
  meetings,
  minuteAmendments,
  minutes,
  ATTENDANCE_MODES,
} from "../../../db/schema";
import { db, type Executor } from "../../db.server";
import { formatDate, formatDateTime, isoDay } from "../../rules/dates.server";
import { clearDaysBetween, isLatePublication, latestPublicationDay, type ClockRule } from "../../rules/deadlines.server";
import { MEETING_STATUS_LABELS, meetingStatus, minutesState } from "../../rules/meeting-status.server";
import { numberAgendaItems } from "../../rules/numbering.server";
import { EXEMPT_PARAGRAPH_WORDING } from "../../rules/visibility.server";
import { slugify } from "../../utils/markdown.server";
import { recordAudit } from "../records";
import { ClerkError, ConflictError, type Actor } from "../../utils/clerk-errors.server";
import { keepRevision } from "../records";
import { getClockRule } from "../records";
import { isUuid } from "../../utils/uuid";

export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** A London wall-clock date and time ("2026-03-16", "18:00") as an instant. */
export function londonTime(day: string, time: string): Date {
  const guess = new Date(`${day}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

/** The London time of an instant as "HH:MM". */
export function londonClock(value: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(value);
}

export interface MeetingInput {
  bodyId: string;
  title: string;
  day: string;
  startTime: string;
  endTime: string;
  venue: string;
  attendanceMode: AttendanceMode;
}

function meetingFields(m: typeof meetings.$inferSelect) {
  return {
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    venue: m.venue,
    attendanceMode: m.attendanceMode,
    status: m.status,
    statusReason: m.statusReason,
  };
}

function checkTimes(input: MeetingInput) {
  const startsAt = londonTime(input.day, input.startTime);
  const endsAt = input.endTime ? londonTime(input.day, input.endTime) : null;
  if (Number.isNaN(startsAt.getTime())) throw new ClerkError("day", "Enter a real date");
  if (endsAt && endsAt <= startsAt) throw new ClerkError("endTime", "The end time must be after the start time");
  const year = Number(input.day.slice(0, 4));
  if (year < 2018 || year > 2035) {
    throw new ClerkError("day", "The date must be between 2018 and 2035 (the years the bank holiday list covers)");
  }
  return { startsAt, endsAt };
}

async function uniqueSlug(tx: Executor, base: string) {
  let slug = base;
  for (let n = 2; ; n++) {
    const [taken] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.slug, slug));
    if (!taken) return slug;
    slug = `${base}-${n}`;
  }
}

export async function createMeeting(tx: Executor, actor: Actor, input: MeetingInput, now = new Date()) {
  const [body] = await tx.select().from(bodies).where(eq(bodies.id, input.bodyId));
  if (!body) throw new ClerkError("bodyId", "Select the board or committee");
  const { startsAt, endsAt } = checkTimes(input);
  if (startsAt <= now) throw new ClerkError("day", "A new meeting must be in the future");
  const slug = await uniqueSlug(tx, `${input.day}-${slugify(input.title).slice(0, 60) || "meeting"}`);
  const [row] = await tx
    .insert(meetings)
    .values({
      slug,
      bodyId: body.id,
      title: input.title,
      startsAt,
      endsAt,
      venue: input.venue || null,
      attendanceMode: input.attendanceMode,
    })
    .returning();
  await keepRevision(tx, { entityType: "meeting", entityId: row.id, version: 1, data: meetingFields(row), authorId: actor.userId });
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "meeting", entityId: row.id, after: meetingFields(row), ipAddress: actor.ipAddress });
  return row;
}

async function lockMeeting(tx: Executor, id: string) {
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for("update");
  if (!m) throw new ClerkError("form", "This meeting no longer exists");
  return m;
}

export async function updateMeeting(tx: Executor, actor: Actor, id: string, version: number, input: Omit<MeetingInput, "bodyId">, reason: string) {
  const before = await lockMeeting(tx, id);
  if (before.version !== version) throw new ConflictError(meetingFields(before), before.version);
  const { startsAt, endsAt } = checkTimes({ ...input, bodyId: before.bodyId });
  const [after] = await tx
    .update(meetings)
    .set({
      title: input.title,
      startsAt,
      endsAt,
      venue: input.venue || null,
      attendanceMode: input.attendanceMode,
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(meetings.id, id), eq(meetings.version, version)))
    .returning();
  await keepRevision(tx, {
    entityType: "meeting",
    entityId: id,
    version: after.version,
    data: meetingFields(after),
    reason: reason || null,
    authorId: actor.userId,
    previous: { version: before.version, data: meetingFields(before) },
  });
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "meeting", entityId: id, before: meetingFields(before), after: meetingFields(after), ipAddress: actor.ipAddress });
  return after;
}

/** Postpone or cancel (a reason is required and shown publicly), or confirm / reinstate as scheduled. */
export async function setMeetingStatus(
  tx: Executor,
  actor: Actor,
  id: string,
  status: "scheduled" | "confirmed" | "postponed" | "cancelled",
  reason: string,
) {
  const before = await lockMeeting(tx, id);
  if ((status === "postponed" || status === "cancelled") && !reason) {
    throw new ClerkError("statusReason", `Enter the reason the meeting is ${status}`);
  }
  const [after] = await tx
    .update(meetings)
    .set({
      status,
      statusReason: status === "postponed" || status === "cancelled" ? reason : null,
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(meetings.id, id))
    .returning();
  const action = status === "postponed" ? "postpone" : status === "cancelled" ? "cancel" : "update";
  await keepRevision(tx, {
    entityType: "meeting",
    entityId: id,
    version: after.version,
    data: meetingFields(after),
    reason: reason || null,
    authorId: actor.userId,
    previous: { version: before.version, data: meetingFields(before) },
  });
  await recordAudit(tx, {
    userId: actor.userId,
    action,
    entityType: "meeting",
    entityId: id,
    before: { status: before.status, statusReason: before.statusReason },
    after: { status, statusReason: after.statusReason },
    ipAddress: actor.ipAddress,
  });
  return after;
}

/** The statutory deadline for a meeting under a rule, or null for a date outside the bank holiday list. */
export function deadlineFor(startsAt: Date, rule: ClockRule) {
  try {
    return latestPublicationDay(isoDay(startsAt), rule);
  } catch {
    return null;
  }
}

/** Publishes documents attached to the given items (so the public can read them with the item). */
async function publishAttachedDocuments(tx: Executor, itemIds: string[], now: Date) {
  if (itemIds.length === 0) return;
  const attached = tx
    .select({ id: agendaItemDocuments.documentId })
    .from(agendaItemDocuments)
    .where(inArray(agendaItemDocuments.agendaItemId, itemIds));
  await tx.update(documents).set({ publishedAt: now }).where(and(inArray(documents.id, attached), isNull(documents.publishedAt)));
}

/**
 * Publishes the agenda: the meeting and every item so far. After the statutory
 * deadline an urgency reason is required (s100B(4)(b)); it is shown on the public agenda.
 */
export async function publishAgenda(tx: Executor, actor: Actor, id: string, urgencyReason: string, now = new Date()) {
  const m = await lockMeeting(tx, id);
  if (m.agendaPublishedAt) throw new ClerkError("form", "The agenda has already been published");
  const items = await tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, id));
  if (items.length === 0) throw new ClerkError("form", "Add at least one agenda item before publishing the agenda");
  const rule = await getClockRule(tx);
  const late = isLatePublication(now, m.startsAt, rule);
  if (late && !urgencyReason) {
    throw new ClerkError(
      "urgencyReason",
      "The statutory deadline has passed: enter the reason the agenda is published late (Local Government Act 1972 s100B(4)(b))",
    );
  }
  await tx
    .update(meetings)
    .set({ agendaPublishedAt: now, urgencyReason: late ? urgencyReason : null, updatedAt: now })
    .where(eq(meetings.id, id));
  await tx.update(agendaItems).set({ publishedAt: now }).where(and(eq(agendaItems.meetingId, id), isNull(agendaItems.publishedAt)));
  await publishAttachedDocuments(tx, items.map((i) => i.id), now);
  await recordAudit(tx, {
    userId: actor.userId,
    action: "publish_agenda",
    entityType: "meeting",
    entityId: id,
    after: { agendaPublishedAt: now, late, urgencyReason: late ? urgencyReason : null, items: items.length },
    ipAddress: actor.ipAddress,
  });
}

/** Publishes the items added since the agenda: a supplementary agenda with its own publication date. */
export async function publishSupplementary(tx: Executor, actor: Actor, id: string, urgencyReason: string, now = new Date()) {
  const m = await lockMeeting(tx, id);
  if (!m.agendaPublishedAt) throw new ClerkError("form", "Publish the agenda first");
  const drafts = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, id), isNull(agendaItems.publishedAt)));
  if (drafts.length === 0) throw new ClerkError("form", "There are no new items to publish");
  const late = isLatePublication(now, m.startsAt, await getClockRule(tx));
  if (late && !urgencyReason) {
    throw new ClerkError(
      "supplementaryReason",
      "The statutory deadline has passed: enter the reason the supplementary agenda is published late",
    );
  }
  if (late) {
    const note = `Supplementary agenda published ${formatDate(now)}: ${urgencyReason}`;
    await tx
      .update(meetings)
      .set({ urgencyReason: m.urgencyReason ? `${m.urgencyReason}\n\n${note}` : note, updatedAt: now })
      .where(eq(meetings.id, id));
  }
  await tx.update(agendaItems).set({ publishedAt: now }).where(inArray(agendaItems.id, drafts.map((d) => d.id)));
  await publishAttachedDocuments(tx, drafts.map((d) => d.id), now);
  await recordAudit(tx, {
    userId: actor.userId,
    action: "publish_supplementary",
    entityType: "meeting",
    entityId: id,
    after: { publishedAt: now, items: drafts.map((d) => d.id), late, urgencyReason: late ? urgencyReason : null },
    ipAddress: actor.ipAddress,
  });
}

/** Publishes the minutes as draft minutes ("draft, not yet approved"). */
export async function publishMinutes(tx: Executor, actor: Actor, id: string, now = new Date()) {
  const m = await lockMeeting(tx, id);
  if (!m.agendaPublishedAt) throw new ClerkError("form", "Publish the agenda before the minutes");
  if (m.minutesPublishedAt) throw new ClerkError("form", "The minutes have already been published");
  const [{ n }] = await tx
    .select({ n: count() })
    .from(minutes)
    .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
    .where(eq(agendaItems.meetingId, id));
  if (n === 0) throw new ClerkError("form", "Write at least one minute before publishing the minutes");
  await tx.update(meetings).set({ minutesPublishedAt: now, updatedAt: now }).where(eq(meetings.id, id));
  await recordAudit(tx, { userId: actor.userId, action: "publish_minutes", entityType: "meeting", entityId: id, after: { minutesPublishedAt: now }, ipAddress: actor.ipAddress });
}

/** Earlier meetings of the same body whose published minutes await approval. */
export async function minutesAwaitingApproval(executor: Executor, meeting: { id: string; bodyId: string; startsAt: Date }) {
  return executor
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, meeting.bodyId),
        lt(meetings.startsAt, meeting.startsAt),
        ne(meetings.id, meeting.id),
        isNotNull(meetings.minutesPublishedAt),
        isNull(meetings.minutesApprovedAt),
        eq(meetings.minutesApprovalUnknown, false),
      ),
    )
    .orderBy(desc(meetings.startsAt))
    .limit(10);
}

export async function minutesOfMeeting(executor: Executor, meetingId: string) {
  const rows = await executor
    .select({
      id: minutes.id,
      agendaItemId: agendaItems.id,
      parentId: agendaItems.parentId,
      position: agendaItems.position,
      title: agendaItems.title,
      body: minutes.body,
      decisions: minutes.decisions,
      version: minutes.version,
    })
    .from(minutes)
    .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
    .where(eq(agendaItems.meetingId, meetingId));
  return numberAgendaItems(rows.map((r) => ({ ...r, id: r.agendaItemId, minuteId: r.id })));
}

/**
 * Approves an earlier meeting's minutes as a correct record at this meeting. Any
 * amendment (a minute whose text differs from what was published) is recorded
 * with its text before and after; then the minutes are locked.
 */
export async function approveMinutes(
  tx: Executor,
  actor: Actor,
  approvingMeetingId: string,
  approvedMeetingId: string,
  amendments: { minuteId: string; body: string; decisions: string }[],
  now = new Date(),
) {
  const approving = await lockMeeting(tx, approvingMeetingId);
  const approved = await lockMeeting(tx, approvedMeetingId);
  if (approved.bodyId !== approving.bodyId) throw new ClerkError("approvedMeetingId", "Minutes are approved at a meeting of the same board or committee");
  if (approved.startsAt >= approving.startsAt) throw new ClerkError("approvedMeetingId", "Minutes are approved at a later meeting");
  if (!approved.minutesPublishedAt) throw new ClerkError("approvedMeetingId", "Those minutes have not been published");
  if (approved.minutesApprovedAt) throw new ClerkError("approvedMeetingId", "Those minutes have already been approved");
  const current = await minutesOfMeeting(tx, approvedMeetingId);
  const amended: string[] = [];
  for (const change of amendments) {
    const minute = current.find((c) => c.minuteId === change.minuteId);
    if (!minute) continue;
    if (minute.body === change.body && minute.decisions === change.decisions) continue;
    const beforeText = `${minute.body}\n\nResolved:\n${minute.decisions}`;
    const afterText = `${change.body}\n\nResolved:\n${change.decisions}`;
    await tx.insert(minuteAmendments).values({
      minuteId: minute.minuteId,
      approvedAtMeetingId: approving.id,
      before: beforeText,
      after: afterText,
      createdById: actor.userId,
    });
    const [saved] = await tx
      .update(minutes)
      .set({ body: change.body, decisions: change.decisions, version: minute.version + 1, updatedAt: now })
      .where(eq(minutes.id, minute.minuteId))
      .returning();
    await keepRevision(tx, {
      entityType: "minute",
      entityId: minute.minuteId,
      version: saved.version,
      data: { body: saved.body, decisions: saved.decisions },
      reason: `Amended on approval at ${approving.title} (${formatDate(approving.startsAt)})`,
      authorId: actor.userId,
      previous: { version: minute.version, data: { body: minute.body, decisions: minute.decisions } },
    });
    amended.push(minute.minuteId);
  }
  await tx
    .update(meetings)
    .set({ minutesApprovedAt: now, minutesApprovedAtMeetingId: approving.id, updatedAt: now })
    .where(eq(meetings.id, approved.id));
  await recordAudit(tx, {
    userId: actor.userId,
    action: "approve_minutes",
    entityType: "meeting",
    entityId: approved.id,
    after: { minutesApprovedAt: now, approvedAtMeetingId: approving.id, amendedMinutes: amended },
    ipAddress: actor.ipAddress,
  });
  return { amended: amended.length };
}

/** The clerk's dashboard: upcoming meetings with their deadline and what is still missing; minutes to do. */
export async function clerkDashboard(now = new Date()) {
  const rule = await getClockRule();
  const today = isoDay(now);
  const upcoming = await db()
    .select({
      id: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      status: meetings.status,
      agendaPublishedAt: meetings.agendaPublishedAt,
      minutesPublishedAt: meetings.minutesPublishedAt,
      minutesApprovedAt: meetings.minutesApprovedAt,
      minutesApprovalUnknown: meetings.minutesApprovalUnknown,
      body: bodies.name,
      items: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id})`,
      draftItems: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id} and ai.published_at is null)`,
      noLeadOfficer: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id} and ai.lead_officer_id is null and ai.parent_id is null)`,
      exemptNoSummary: sql<number>`(select count(*)::int from agenda_items ai where ai.meeting_id = ${meetings.id} and ai.is_exempt and coalesce(ai.public_summary, '') = '')`,
      minuteCount: sql<number>`(select count(*)::int from minutes mi join agenda_items ai on ai.id = mi.agenda_item_id where ai.meeting_id = ${meetings.id})`,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(
      or(
        gte(meetings.startsAt, new Date(now.getTime() - 24 * 3600 * 1000)),
        and(isNull(meetings.minutesApprovedAt), eq(meetings.minutesApprovalUnknown, false), gte(meetings.startsAt, new Date(now.getTime() - 365 * 24 * 3600 * 1000))),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(50);
  return upcoming.map((m) => {
    const deadline = deadlineFor(m.startsAt, rule);
    const past = m.startsAt < now;
    const status = meetingStatus(m, now);
    const missing: string[] = [];
    if (Number(m.items) === 0) missing.push("No agenda items yet");
    if (!m.agendaPublishedAt) missing.push("Agenda not published");
    if (m.agendaPublishedAt && Number(m.draftItems) > 0) missing.push(`${m.draftItems} new item(s) not yet published (supplementary agenda)`);
    if (Number(m.noLeadOfficer) > 0) missing.push(`${m.noLeadOfficer} item(s) without a lead officer`);
    if (past && Number(m.exemptNoSummary) > 0) missing.push(`${m.exemptNoSummary} exempt item(s) without a public summary`);
    if (past && !m.minutesPublishedAt) missing.push(Number(m.minuteCount) === 0 ? "No minutes written" : "Minutes not published");
    if (m.minutesPublishedAt && !m.minutesApprovedAt) missing.push("Minutes awaiting approval");
    return {
      id: m.id,
      slug: m.slug,
      title: m.title,
      body: m.body,
      when: formatDateTime(m.startsAt),
      statusLabel: MEETING_STATUS_LABELS[status],
      past,
      deadline: deadline ? formatDate(deadline) : "Outside the bank holiday list",
      deadlinePassed: deadline ? today > deadline : false,
      clearDaysLeft: deadline && !past ? clearDaysBetween(today, isoDay(m.startsAt), rule) : null,
      agendaPublished: m.agendaPublishedAt ? formatDateTime(m.agendaPublishedAt) : null,
      minutesState: minutesState(m),
      missing,
    };
  });
}

/** One meeting as the clerk works on it: every item (drafts and exempt too), numbered. */
export async function getClerkMeeting(id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [m] = await db()
    .select({ meeting: meetings, bodyName: bodies.name, bodySlug: bodies.slug })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(eq(meetings.id, id));
  if (!m) return null;
  const rows = await db()
    .select({
      id: agendaItems.id,
      parentId: agendaItems.parentId,
      position: agendaItems.position,
      title: agendaItems.title,
      isExempt: agendaItems.isExempt,
      exemptParagraph: agendaItems.exemptParagraph,
      publishedAt: agendaItems.publishedAt,
      hasMinute: sql<boolean>`exists (select 1 from minutes mi where mi.agenda_item_id = ${agendaItems.id})`,
    })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, id));
  const numbered = numberAgendaItems(rows);
  const rule = await getClockRule();
  const deadline = deadlineFor(m.meeting.startsAt, rule);
  const siblings = (item: (typeof numbered)[number]) => numbered.filter((o) => o.parentId === item.parentId);
  return {
    meeting: m.meeting,
    bodyName: m.bodyName,
    bodySlug: m.bodySlug,
    status: meetingStatus(m.meeting, now),
    deadline,
    deadlineText: deadline ? formatDate(deadline) : null,
    lateNow: deadline ? isoDay(now) > deadline : false,
    minutesState: minutesState(m.meeting),
    items: numbered.map((i) => {
      const sibs = siblings(i).sort((a, b) => a.position - b.position);
      const index = sibs.findIndex((s) => s.id === i.id);
      return {
        id: i.id,
        number: i.number,
        depth: i.depth,
        parentId: i.parentId,
        title: i.title,
        isExempt: i.isExempt,
        exemptParagraph: i.exemptParagraph,
        exemptWording: i.exemptParagraph ? EXEMPT_PARAGRAPH_WORDING[i.exemptParagraph] : null,
        published: i.publishedAt !== null,
        supplementary: Boolean(i.publishedAt && m.meeting.agendaPublishedAt && i.publishedAt > m.meeting.agendaPublishedAt),
        hasMinute: Boolean(i.hasMinute),
        canMoveUp: index > 0,
        canMoveDown: index < sibs.length - 1,
      };
    }),
  };
}

export async function clerkBodies(executor: Executor = db()) {
  return executor.select({ id: bodies.id, name: bodies.name, slug: bodies.slug }).from(bodies).orderBy(asc(bodies.name));
}

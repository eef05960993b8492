/**
 * Clerks' publishing of a meeting: the agenda (with the statutory clock), a
 * supplementary agenda and the minutes; and approving an earlier meeting's
 * minutes as a correct record. Every write is one transaction (the caller's
 * `tx`) and is recorded in the audit log.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, ne } from "drizzle-orm";
import { agendaItemDocuments, agendaItems, documents, meetings, minuteAmendments, minutes } from "../../../db/schema/meetings";
import type { Executor } from "../../db.server";
import { formatDate } from "../../rules/dates.server";
import { isLatePublication } from "../../rules/deadlines.server";
import { approvalDate, approvalProblem, recordingProblem } from "../../rules/minutes-approval.server";
import { numberAgendaItems } from "../../rules/numbering.server";
import { isUuid } from "../../utils/uuid";
import { recordAudit } from "../records";
import { ClerkError, type Actor } from "../../utils/clerk-errors.server";
import { keepRevision } from "../records";
import { getClockRule } from "../records";
import { lockMeeting } from "./meeting-changes.server";

/** Publishes documents attached to the given items (so the public can read them with the item). */
async function publishAttachedDocuments(tx: Executor, itemIds: string[], now: Date) {
  if (itemIds.length === 0) return;
  const attached = tx
    .select({ id: agendaItemDocuments.documentId })
    .from(agendaItemDocuments)
    .where(inArray(agendaItemDocuments.agendaItemId, itemIds));
  await tx.update(documents).set({ publishedAt: now, publishedPrecision: "exact" }).where(and(inArray(documents.id, attached), isNull(documents.publishedAt)));
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
    .set({ agendaPublishedAt: now, agendaPublishedPrecision: "exact", urgencyReason: late ? urgencyReason : null, updatedAt: now })
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
  return { publishedAt: now, itemIds: items.map((i) => i.id) };
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
  return { publishedAt: now, itemIds: drafts.map((d) => d.id) };
}

/** Publishes the minutes as draft minutes ("draft, not yet approved"). */
export async function publishMinutes(tx: Executor, actor: Actor, id: string, now = new Date()) {
  const m = await lockMeeting(tx, id);
  if (!m.agendaPublishedAt) throw new ClerkError("form", "Publish the agenda before the minutes");
  if (m.minutesPublishedAt) throw new ClerkError("form", "The minutes have already been published");
  const notYet = recordingProblem(m, now);
  if (notYet) throw new ClerkError("form", notYet);
  const [{ n }] = await tx
    .select({ n: count() })
    .from(minutes)
    .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
    .where(eq(agendaItems.meetingId, id));
  if (n === 0) throw new ClerkError("form", "Write at least one minute before publishing the minutes");
  await tx.update(meetings).set({ minutesPublishedAt: now, minutesPublishedPrecision: "exact", updatedAt: now }).where(eq(meetings.id, id));
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

/**
 * The minutes of a meeting, numbered as its agenda is (app/rules/numbering.server.ts):
 * every item takes its place, so an item without a minute leaves its number unused.
 */
export async function minutesOfMeeting(executor: Executor, meetingId: string) {
  const rows = await executor
    .select({
      agendaItemId: agendaItems.id,
      parentId: agendaItems.parentId,
      position: agendaItems.position,
      title: agendaItems.title,
      minuteId: minutes.id,
      body: minutes.body,
      decisions: minutes.decisions,
      version: minutes.version,
    })
    .from(agendaItems)
    .leftJoin(minutes, eq(minutes.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.meetingId, meetingId));
  return numberAgendaItems(rows.map((r) => ({ ...r, id: r.agendaItemId })))
    .filter((r) => r.minuteId !== null)
    .map((r) => ({ ...r, minuteId: r.minuteId as string, body: r.body ?? "", decisions: r.decisions ?? "", version: r.version ?? 1 }));
}

/**
 * Approves an earlier meeting's minutes as a correct record at this meeting (held, same
 * body: app/rules/minutes-approval.server.ts), at one of its agenda items, dated to it. Any
 * amendment (a minute whose text differs from what was published) is recorded
 * with its text before and after; then the minutes are locked.
 */
export async function approveMinutes(
  tx: Executor,
  actor: Actor,
  approvingMeetingId: string,
  approvedMeetingId: string,
  atItemId: string,
  amendments: { minuteId: string; body: string; decisions: string }[],
  now = new Date(),
) {
  const approving = await lockMeeting(tx, approvingMeetingId);
  if (!isUuid(approvedMeetingId)) throw new ClerkError("approvedMeetingId", "Choose the meeting whose minutes are approved");
  const approved = await lockMeeting(tx, approvedMeetingId);
  const problem = approvalProblem(approved, approving, now);
  if (problem) throw new ClerkError("approvedMeetingId", problem);
  const [item] = isUuid(atItemId)
    ? await tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, atItemId), eq(agendaItems.meetingId, approving.id)))
    : [];
  if (!item) throw new ClerkError("atItemId", "Select the item of this meeting's agenda at which the minutes are approved");
  const approvedOn = approvalDate(approving);
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
    .set({ minutesApprovedAt: approvedOn, minutesApprovedAtMeetingId: approving.id, minutesApprovedAtItemId: item.id, updatedAt: now })
    .where(eq(meetings.id, approved.id));
  await recordAudit(tx, {
    userId: actor.userId,
    action: "approve_minutes",
    entityType: "meeting",
    entityId: approved.id,
    after: { minutesApprovedAt: approvedOn, approvedAtMeetingId: approving.id, approvedAtItemId: item.id, amendedMinutes: amended },
    ipAddress: actor.ipAddress,
  });
  return { amended: amended.length };
}

/**
 * Clerks' work on meetings: create, edit, postpone or cancel. Publishing the
 * agenda, a supplementary agenda and the minutes, and approving minutes, are in
 * publication-changes.server.ts. Every write is one transaction (the caller's
 * `tx`) and is recorded in the audit log.
 */
import { and, eq } from "drizzle-orm";
import { meetings, ATTENDANCE_MODES } from "../../../db/schema/meetings";
import { bodyById } from "../people/refs.server";
import { isUuid } from "../../utils/uuid";
import type { Executor } from "../../db.server";
import { slugify } from "../../utils/markdown.server";
import { recordAudit } from "../records";
import { ClerkError, ConflictError, type Actor } from "../../utils/clerk-errors.server";
import { keepRevision } from "../records";

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
  const body = isUuid(input.bodyId) ? await bodyById(tx, input.bodyId) : null;
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

export async function lockMeeting(tx: Executor, id: string) {
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

/**
 * A meeting's attendance register (issue 16, item 6): the body's members on the meeting's
 * day (memberships and their terms: app/rules/attendance.server.ts), each marked present,
 * apologies, absent or substitute, saved in one submit. Saving the same register again
 * changes nothing (one row per person and meeting, enforced by a unique index).
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { meetingAttendance } from "../../../db/schema/meetings";
import { bodyMembershipsWithPeople, peopleNamed, personNames } from "../people/refs.server";
import { db, type Executor } from "../../db.server";
import { markOf, registerMembers, substitutesOn, type RegisterMark } from "../../rules/attendance.server";
import { isoDay } from "../../rules/dates.server";
import { recordingProblem } from "../../rules/minutes-approval.server";
import { recordAudit } from "../records";
import { ClerkError, type Actor } from "../../utils/clerk-errors.server";
import { isUuid } from "../../utils/uuid";
import { lockMeeting } from "./meeting-changes.server";

const fullName = (p: { name: string; honorific: string | null }) => [p.honorific, p.name].filter(Boolean).join(" ");

/** The register of a meeting as the clerk marks it: members with their mark, and who may substitute. */
export async function attendanceRegister(meeting: { id: string; bodyId: string; startsAt: Date }, executor: Executor = db()) {
  const day = isoDay(meeting.startsAt);
  const memberships = await bodyMembershipsWithPeople(executor, meeting.bodyId);
  const recorded = await executor
    .select({ personId: meetingAttendance.personId, role: meetingAttendance.role, status: meetingAttendance.status, substituteForId: meetingAttendance.substituteForId })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, meeting.id));
  const members = registerMembers(memberships, day).map((m) => ({ personId: m.personId, name: fullName(m), role: m.role, ...markOf(m.personId, recorded) }));
  const memberIds = new Set(members.map((m) => m.personId));
  const subIds = new Set(substitutesOn(memberships, day).map((s) => s.personId));
  // A substitute recorded from elsewhere (found by name) stays choosable.
  for (const r of recorded) if (r.role === "substitute" && r.personId) subIds.add(r.personId);
  for (const id of memberIds) subIds.delete(id);
  const substitutes = (await personNames(executor, [...subIds])).sort((a, b) => a.name.localeCompare(b.name));
  return { day, members, substitutes };
}

export interface RegisterEntry {
  personId: string;
  mark: RegisterMark;
  substituteId: string | null;
}

/** Upserts one person's row; records it in the audit log only when something changed. */
async function putRow(
  tx: Executor,
  actor: Actor,
  meetingId: string,
  row: { personId: string; role: "member" | "substitute"; status: "present" | "apologies" | "absent"; substituteForId: string | null },
) {
  const [before] = await tx
    .select()
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, row.personId)));
  if (before && before.role === row.role && before.status === row.status && before.substituteForId === row.substituteForId) return false;
  const [after] = await tx
    .insert(meetingAttendance)
    .values({ meetingId, ...row })
    .onConflictDoUpdate({ target: [meetingAttendance.meetingId, meetingAttendance.personId], set: { role: row.role, status: row.status, substituteForId: row.substituteForId } })
    .returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: before ? "update" : "create",
    entityType: "meeting_attendance",
    entityId: after.id,
    before: before ?? undefined,
    after,
    ipAddress: actor.ipAddress,
  });
  return true;
}

/**
 * Saves the marks of a register in one transaction. Only members on the register for the
 * meeting's day may be marked; a substitute must be named, and is recorded as present in
 * the member's place (the member with apologies). Returns how many rows changed.
 */
export async function saveRegister(tx: Executor, actor: Actor, meetingId: string, entries: RegisterEntry[], now = new Date()) {
  const meeting = await lockMeeting(tx, meetingId);
  const notYet = recordingProblem(meeting, now);
  if (notYet) throw new ClerkError("form", notYet);
  if (entries.length === 0) throw new ClerkError("form", "Mark at least one member present, apologies, absent or substitute");
  const { members, substitutes } = await attendanceRegister(meeting, tx);
  const onRegister = new Set(members.map((m) => m.personId));
  const mayStandIn = new Set(substitutes.map((s) => s.id));
  for (const e of entries) {
    if (!onRegister.has(e.personId)) throw new ClerkError("form", "Someone marked is not a member of this body on the meeting's day: reload the page");
    if (e.mark === "substitute" && (!e.substituteId || !isUuid(e.substituteId) || !mayStandIn.has(e.substituteId))) {
      throw new ClerkError(`substitute-${e.personId}`, "Select who attended as the substitute");
    }
  }
  const subs = entries.filter((e) => e.mark === "substitute").map((e) => e.substituteId as string);
  if (new Set(subs).size !== subs.length) throw new ClerkError("form", "One person cannot substitute for two members");
  let changed = 0;
  for (const e of entries) {
    const status = e.mark === "substitute" ? "apologies" : e.mark;
    if (await putRow(tx, actor, meetingId, { personId: e.personId, role: "member", status, substituteForId: null })) changed += 1;
    // A substitute recorded for this member before, and not chosen now, is taken off.
    const stale = await tx
      .delete(meetingAttendance)
      .where(
        and(
          eq(meetingAttendance.meetingId, meetingId),
          eq(meetingAttendance.role, "substitute"),
          eq(meetingAttendance.substituteForId, e.personId),
          e.mark === "substitute" ? ne(meetingAttendance.personId, e.substituteId as string) : sql`true`,
        ),
      )
      .returning();
    for (const s of stale) {
      await recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "meeting_attendance", entityId: s.id, before: s, ipAddress: actor.ipAddress });
      changed += 1;
    }
    if (e.mark === "substitute") {
      if (await putRow(tx, actor, meetingId, { personId: e.substituteId as string, role: "substitute", status: "present", substituteForId: e.personId })) changed += 1;
    }
  }
  return { changed };
}

/** "Add someone else": people in the record whose name has the words typed (at most 10). */
export async function attendanceCandidates(query: string, executor: Executor = db()) {
  return peopleNamed(executor, query.slice(0, 100), 10);
}

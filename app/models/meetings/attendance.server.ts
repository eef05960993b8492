/** Attendance at a meeting and declarations of interest per agenda item (both shown in the minutes). */
import { and, asc, eq } from "drizzle-orm";
import { agendaItems, interestDeclarations, meetingAttendance, ATTENDANCE_ROLES, ATTENDANCE_STATUSES, INTEREST_KINDS } from "../../../db/schema/meetings";
import { person, personExists, personNames } from "../people/refs.server";
import { db, type Executor } from "../../db.server";
import { recordAudit } from "../records";
import { ClerkError, type Actor } from "../../utils/clerk-errors.server";
import { isUuid } from "../../utils/uuid";
import { recordingProblem } from "../../rules/minutes-approval.server";
import { lockMeeting } from "./meeting-changes.server";

/** The roles and statuses a clerk chooses from when recording attendance. */
export { ATTENDANCE_ROLES, ATTENDANCE_STATUSES };

export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type InterestKind = (typeof INTEREST_KINDS)[number];

export const ATTENDANCE_ROLE_LABELS: Record<AttendanceRole, string> = {
  member: "Member",
  substitute: "Substitute",
  officer: "Officer in attendance",
  other: "Also present",
};
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: "Present",
  apologies: "Apologies",
  absent: "Absent",
};

export async function addAttendance(
  tx: Executor,
  actor: Actor,
  meetingId: string,
  input: { personId: string | null; name: string; role: AttendanceRole; status: AttendanceStatus; substituteForId: string | null },
  now = new Date(),
) {
  const notYet = recordingProblem(await lockMeeting(tx, meetingId), now);
  if (notYet) throw new ClerkError("form", notYet);
  if (!input.personId && !input.name) throw new ClerkError("personId", "Select a person or enter a name");
  if (input.personId) {
    if (!isUuid(input.personId) || !(await personExists(tx, input.personId))) throw new ClerkError("personId", "Select a person from the list");
    const [already] = await tx
      .select({ id: meetingAttendance.id })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, input.personId)));
    if (already) throw new ClerkError("personId", "This person is already recorded for the meeting");
  }
  if (input.role === "substitute" && !isUuid(input.substituteForId)) throw new ClerkError("substituteForId", "Select the member the substitute attends for");
  const [row] = await tx
    .insert(meetingAttendance)
    .values({
      meetingId,
      personId: input.personId,
      name: input.personId ? null : input.name,
      role: input.role,
      status: input.status,
      substituteForId: input.role === "substitute" ? input.substituteForId : null,
    })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "meeting_attendance", entityId: row.id, after: row, ipAddress: actor.ipAddress });
  return row;
}

export async function removeAttendance(tx: Executor, actor: Actor, meetingId: string, id: string) {
  if (!isUuid(id)) throw new ClerkError("form", "Choose the attendance record to remove");
  const [row] = await tx
    .delete(meetingAttendance)
    .where(and(eq(meetingAttendance.id, id), eq(meetingAttendance.meetingId, meetingId)))
    .returning();
  if (!row) throw new ClerkError("form", "That attendance record no longer exists");
  await recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "meeting_attendance", entityId: id, before: row, ipAddress: actor.ipAddress });
}

export async function addDeclaration(
  tx: Executor,
  actor: Actor,
  agendaItemId: string,
  input: { personId: string; kind: InterestKind; nature: string; leftRoom: boolean },
) {
  if (!isUuid(input.personId) || !(await personExists(tx, input.personId))) throw new ClerkError("declarationPersonId", "Select the member who declared the interest");
  const [present] = await tx
    .select({ id: meetingAttendance.id })
    .from(meetingAttendance)
    .innerJoin(agendaItems, eq(agendaItems.meetingId, meetingAttendance.meetingId))
    .where(and(eq(agendaItems.id, agendaItemId), eq(meetingAttendance.personId, input.personId), eq(meetingAttendance.status, "present")));
  if (!present) throw new ClerkError("declarationPersonId", "Select someone recorded as present at the meeting (record attendance first)");
  const [row] = await tx.insert(interestDeclarations).values({ agendaItemId, ...input }).returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "interest_declaration", entityId: row.id, after: row, ipAddress: actor.ipAddress });
  return row;
}

export async function removeDeclaration(tx: Executor, actor: Actor, agendaItemId: string, id: string) {
  if (!isUuid(id)) throw new ClerkError("form", "Choose the declaration to remove");
  const [row] = await tx
    .delete(interestDeclarations)
    .where(and(eq(interestDeclarations.id, id), eq(interestDeclarations.agendaItemId, agendaItemId)))
    .returning();
  if (!row) throw new ClerkError("form", "That declaration no longer exists");
  await recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "interest_declaration", entityId: id, before: row, ipAddress: actor.ipAddress });
}

/** The attendance list of a meeting (no visibility filter: callers decide who may see it). */
export async function attendanceList(meetingId: string, executor: Executor = db()) {
  const rows = await executor
    .select({
      id: meetingAttendance.id,
      personId: meetingAttendance.personId,
      personName: person.name,
      honorific: person.honorific,
      name: meetingAttendance.name,
      role: meetingAttendance.role,
      status: meetingAttendance.status,
      substituteForId: meetingAttendance.substituteForId,
    })
    .from(meetingAttendance)
    .leftJoin(...person.on(meetingAttendance.personId))
    .where(eq(meetingAttendance.meetingId, meetingId))
    .orderBy(asc(meetingAttendance.createdAt));
  const subIds = rows.map((r) => r.substituteForId).filter((x): x is string => Boolean(x));
  const subs = await personNames(executor, subIds);
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    name: r.personName ? [r.honorific, r.personName].filter(Boolean).join(" ") : (r.name ?? ""),
    role: r.role,
    roleLabel: ATTENDANCE_ROLE_LABELS[r.role],
    status: r.status,
    statusLabel: ATTENDANCE_STATUS_LABELS[r.status],
    substituteFor: r.substituteForId ? (subs.find((s) => s.id === r.substituteForId)?.name ?? null) : null,
  }));
}


/** The people recorded as present at an agenda item's meeting (those who may declare an interest at it). */
export async function presentAtItemMeeting(agendaItemId: string, executor: Executor = db()) {
  const rows = await executor
    .select({ id: person.id, name: person.name, honorific: person.honorific })
    .from(meetingAttendance)
    .innerJoin(agendaItems, eq(agendaItems.meetingId, meetingAttendance.meetingId))
    .innerJoin(...person.on(meetingAttendance.personId))
    .where(and(eq(agendaItems.id, agendaItemId), eq(meetingAttendance.status, "present")))
    .orderBy(asc(person.name));
  return rows.map((r) => ({ id: r.id, name: [r.honorific, r.name].filter(Boolean).join(" ") }));
}

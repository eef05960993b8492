/**
 * What the public record says about one person (issue 18, item 1): the people
 * list, a person's roles on each body with their terms, their attendance at
 * meetings, and the interests they declared. Only people the viewer may see
 * (personVisible: never a demo login) and only meetings and items the viewer
 * may see are read.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { bodies, memberships, organisations, people } from "../../../db/schema/people";
import { db } from "../../db.server";
import { summariseAttendance, type AttendanceFact } from "../../rules/attendance.server";
import { describeDate, isoDay } from "../../rules/dates.server";
import { termCoversDay } from "../../rules/terms.server";
import { agendaItemContentVisible, agendaItemTitleSeen, agendaItemVisible, meetingVisible, personVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { agendaItem, attendanceOfPerson, declarationOfPerson, meeting } from "../meetings/refs.server";
import { MEMBERSHIP_ROLE_LABELS } from "./bodies.server";

const currentRoleSql = (today: string) => sql<string | null>`(
  select string_agg(case ${memberships.role}
      when 'chair' then 'Chair' when 'vice_chair' then 'Vice-chair' when 'co_opted' then 'Co-opted member'
      when 'substitute' then 'Substitute' when 'officer' then 'Officer' else 'Member' end || ', ' || ${bodies.name}, '; '
    order by ${bodies.name})
  from ${memberships} join ${bodies} on ${bodies.id} = ${memberships.bodyId}
  where ${memberships.personId} = ${people.id} and ${termCoversDay(memberships, today)})`;

/** Everyone in the public record: current members of a body first, then officers and others, by name. */
export async function listPublicPeople(viewer: Viewer, options: { page: number; now?: Date }) {
  const today = isoDay(options.now ?? new Date());
  const currentRole = currentRoleSql(today);
  const [{ total }] = await db().select({ total: count() }).from(people).where(personVisible(viewer));
  const rows = await db()
    .select({
      slug: people.slug,
      name: people.name,
      honorific: people.honorific,
      jobTitle: people.jobTitle,
      organisation: organisations.name,
      currentRole,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(personVisible(viewer))
    .orderBy(sql`(${currentRole}) is null`, asc(people.name), asc(people.slug))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return { total, people: rows };
}

export async function getPublicPerson(viewer: Viewer, slug: string) {
  const [row] = await db()
    .select({
      id: people.id,
      slug: people.slug,
      name: people.name,
      honorific: people.honorific,
      jobTitle: people.jobTitle,
      organisation: organisations.name,
      sourceNote: people.sourceNote,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(and(eq(people.slug, slug), personVisible(viewer)));
  return row ?? null;
}

/** A person's roles on each body, current first, with their terms as recorded. */
export async function personRoles(personId: string, now = new Date()) {
  const today = isoDay(now);
  const rows = await db()
    .select({
      bodySlug: bodies.slug,
      bodyName: bodies.name,
      role: memberships.role,
      startOn: memberships.startOn,
      endOn: memberships.endOn,
      current: sql<boolean>`${termCoversDay(memberships, today)}`,
    })
    .from(memberships)
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(eq(memberships.personId, personId))
    .orderBy(desc(sql`${termCoversDay(memberships, today)}`), asc(bodies.name), desc(memberships.startOn));
  return rows.map((r) => ({ ...r, current: Boolean(r.current), roleLabel: MEMBERSHIP_ROLE_LABELS[r.role] ?? r.role }));
}

/** Each meeting the viewer may see at which the person's attendance is recorded, newest first, and the summary. */
export async function personAttendance(viewer: Viewer, personId: string) {
  // From the person: attendance is the meetings domain's record, joined through its ref.
  const rows = await db()
    .select({
      meetingId: meeting.id,
      meetingSlug: meeting.slug,
      meetingTitle: meeting.title,
      startsAt: meeting.startsAt,
      datePrecision: meeting.datePrecision,
      bodyId: bodies.id,
      bodyName: bodies.name,
      status: attendanceOfPerson.status,
      role: attendanceOfPerson.role,
      // The substitute under a name of its own: the query is already from the person who attended.
      substituteFor: sql<string | null>`(select s.name from ${people} s where s.id = ${attendanceOfPerson.substituteForId})`,
    })
    .from(people)
    .innerJoin(...attendanceOfPerson.on(people.id))
    .innerJoin(...meeting.on(attendanceOfPerson.meetingId))
    .innerJoin(bodies, eq(bodies.id, meeting.bodyId))
    .where(and(eq(attendanceOfPerson.personId, personId), meetingVisible(viewer)))
    .orderBy(desc(meeting.startsAt));
  const listed = rows.map((r) => ({
    ...r,
    asSubstitute: r.role === "substitute",
    // The day, only where the sources give it: a meeting known only to the year is never put in a municipal year.
    day: r.datePrecision === "exact" ? isoDay(r.startsAt) : null,
    date: describeDate(r.startsAt, r.datePrecision),
  }));
  const facts: AttendanceFact[] = listed
    .filter((r) => r.role === "member" || r.role === "substitute")
    .map((r) => ({ bodyId: r.bodyId, bodyName: r.bodyName, meetingDay: r.day, status: r.status, asSubstitute: r.asSubstitute }));
  return { meetings: listed, summary: summariseAttendance(facts) };
}

/** Interests the person declared on items whose content the viewer may see (as personVisible counts them), newest first. */
export async function personDeclarations(viewer: Viewer, personId: string) {
  // From the person: declarations are the meetings domain's record, joined through its ref.
  const rows = await db()
    .select({
      agendaItemId: agendaItem.id,
      itemTitle: agendaItemTitleSeen(viewer),
      meetingId: meeting.id,
      meetingSlug: meeting.slug,
      meetingTitle: meeting.title,
      startsAt: meeting.startsAt,
      datePrecision: meeting.datePrecision,
      kind: declarationOfPerson.kind,
      nature: declarationOfPerson.nature,
      leftRoom: declarationOfPerson.leftRoom,
    })
    .from(people)
    .innerJoin(...declarationOfPerson.on(people.id))
    .innerJoin(...agendaItem.on(declarationOfPerson.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(eq(declarationOfPerson.personId, personId), agendaItemVisible(viewer), agendaItemContentVisible(viewer)))
    .orderBy(desc(meeting.startsAt));
  return rows.map((r) => ({ ...r, date: describeDate(r.startsAt, r.datePrecision) }));
}

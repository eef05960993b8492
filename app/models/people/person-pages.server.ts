/**
 * What the public record says about one person (issue 18, item 1): the people
 * list, a person's roles on each body with their terms, their attendance at
 * meetings, and the interests they declared. Only people the viewer may see
 * (personVisible: never a demo login) and only meetings and items the viewer
 * may see are read.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { agendaItems, bodies, interestDeclarations, meetingAttendance, meetings, memberships, organisations, people } from "../../../db/schema";
import { db } from "../../db.server";
import { summariseAttendance, type AttendanceFact } from "../../rules/attendance.server";
import { describeDate, isoDay } from "../../rules/dates.server";
import { termCoversDay } from "../../rules/terms.server";
import { agendaItemContentVisible, agendaItemTitleSeen, agendaItemVisible, meetingVisible, personVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
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
  const rows = await db()
    .select({
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      datePrecision: meetings.datePrecision,
      bodyId: bodies.id,
      bodyName: bodies.name,
      status: meetingAttendance.status,
      role: meetingAttendance.role,
      substituteFor: sql<string | null>`(select ${people.name} from ${people} where ${people.id} = ${meetingAttendance.substituteForId})`,
    })
    .from(meetingAttendance)
    .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(eq(meetingAttendance.personId, personId), meetingVisible(viewer)))
    .orderBy(desc(meetings.startsAt));
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
  const rows = await db()
    .select({
      agendaItemId: agendaItems.id,
      itemTitle: agendaItemTitleSeen(viewer),
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      datePrecision: meetings.datePrecision,
      kind: interestDeclarations.kind,
      nature: interestDeclarations.nature,
      leftRoom: interestDeclarations.leftRoom,
    })
    .from(interestDeclarations)
    .innerJoin(agendaItems, eq(agendaItems.id, interestDeclarations.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(interestDeclarations.personId, personId), agendaItemVisible(viewer), agendaItemContentVisible(viewer)))
    .orderBy(desc(meetings.startsAt));
  return rows.map((r) => ({ ...r, date: describeDate(r.startsAt, r.datePrecision) }));
}

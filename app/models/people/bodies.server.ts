/** Boards and committees, their members and terms. Bodies themselves are always public. */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { bodies, memberships, organisations, people } from "../../../db/schema/people";
import { db } from "../../db.server";
import { isoDay } from "../../rules/dates.server";
import { termCoversDay } from "../../rules/terms.server";
import { meetingVisible, personVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { fromWhere } from "../../utils/refs.server";
import { meetingOfBody } from "../meetings/refs.server";

export const MEMBERSHIP_ROLE_LABELS: Record<string, string> = {
  chair: "Chair",
  vice_chair: "Vice-chair",
  member: "Member",
  co_opted: "Co-opted member",
  substitute: "Substitute",
  officer: "Officer",
};

export async function listBodies(viewer: Viewer, options: { page: number }) {
  const [{ total }] = await db().select({ total: count() }).from(bodies);
  const rows = await db()
    .select({
      id: bodies.id,
      slug: bodies.slug,
      name: bodies.name,
      kind: bodies.kind,
      description: bodies.description,
      organisation: organisations.name,
      meetingCount: sql<number>`(select count(*)::int ${fromWhere(meetingOfBody.on(bodies.id))} and ${meetingVisible(viewer)})`,
    })
    .from(bodies)
    .leftJoin(organisations, eq(organisations.id, bodies.organisationId))
    .orderBy(asc(bodies.name))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return { total, bodies: rows.map((r) => ({ ...r, meetingCount: Number(r.meetingCount) })) };
}

export async function getBody(slug: string) {
  const [body] = await db()
    .select({
      id: bodies.id,
      slug: bodies.slug,
      name: bodies.name,
      kind: bodies.kind,
      description: bodies.description,
      sourceNote: bodies.sourceNote,
      organisation: organisations.name,
    })
    .from(bodies)
    .leftJoin(organisations, eq(organisations.id, bodies.organisationId))
    .where(eq(bodies.slug, slug));
  return body ?? null;
}

/** Members whose term covers today (or has no end), chair first: those the viewer may see (a public person). */
export async function currentMembers(viewer: Viewer, bodyId: string, now = new Date()) {
  const today = isoDay(now);
  return db()
    .select({
      slug: people.slug,
      name: people.name,
      honorific: people.honorific,
      role: memberships.role,
      startOn: memberships.startOn,
      endOn: memberships.endOn,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(eq(memberships.bodyId, bodyId), termCoversDay(memberships, today), personVisible(viewer)),
    )
    .orderBy(
      sql`case ${memberships.role} when 'chair' then 0 when 'vice_chair' then 1 else 2 end`,
      asc(people.name),
    );
}

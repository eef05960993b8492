/** The API's people (Popolo persons), with their memberships. */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { memberships, people } from "../../../../db/schema";
import { db } from "../../../db.server";
import { personVisible } from "../../../rules/visibility.server";
import { page, type ListParams } from "./envelope.server";
import { bodyIdFor, viewer } from "./shared.server";

async function personOut(site: string, rows: (typeof people.$inferSelect)[]) {
  const ms = rows.length
    ? await db().select().from(memberships).where(inArray(memberships.personId, rows.map((r) => r.id)))
    : [];
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    honorific_prefix: p.honorific,
    job_title: p.jobTitle,
    organization_id: p.organisationId,
    memberships: ms
      .filter((m) => m.personId === p.id)
      .map((m) => ({ id: m.id, organization_id: m.bodyId, role: m.role, start_date: m.startOn, end_date: m.endOn })),
    api_url: `${site}/api/v1/people/${p.id}`,
  }));
}

export async function listPeopleApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(
    personVisible(viewer),
    bodyId ? sql`exists (select 1 from memberships m where m.person_id = ${people.id} and m.body_id = ${bodyId})` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(people).where(where);
  const rows = await db().select().from(people).where(where).orderBy(asc(people.name), asc(people.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, await personOut(site, rows));
}

export async function getPersonApi(site: string, id: string) {
  const rows = await db().select().from(people).where(and(eq(people.id, id), personVisible(viewer)));
  return rows.length ? (await personOut(site, rows))[0] : null;
}

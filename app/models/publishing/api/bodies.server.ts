/** The API's bodies: boards and committees (Popolo organizations), with memberships. */
import { and, asc, count, eq } from "drizzle-orm";
import { bodies, memberships, people } from "../../../../db/schema";
import { db } from "../../../db.server";
import { personVisible } from "../../../rules/visibility.server";
import { page, type ListParams } from "./envelope.server";
import { viewer } from "./shared.server";

function bodyOut(site: string, b: typeof bodies.$inferSelect) {
  return {
    id: b.id,
    slug: b.slug,
    name: b.name,
    classification: b.kind,
    description: b.description,
    parent_id: b.organisationId,
    source_note: b.sourceNote,
    url: `${site}/bodies/${b.slug}`,
    api_url: `${site}/api/v1/bodies/${b.id}`,
  };
}

export async function listBodiesApi(site: string, url: URL, p: ListParams) {
  const [{ total }] = await db().select({ total: count() }).from(bodies);
  const rows = await db().select().from(bodies).orderBy(asc(bodies.name), asc(bodies.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((b) => bodyOut(site, b)));
}

export async function getBodyApi(site: string, id: string) {
  const [b] = await db().select().from(bodies).where(eq(bodies.id, id));
  if (!b) return null;
  const members = await db()
    .select({ m: memberships, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, id), personVisible(viewer)))
    .orderBy(asc(people.name));
  return {
    ...bodyOut(site, b),
    memberships: members.map(({ m, name }) => ({
      id: m.id,
      person_id: m.personId,
      person_name: name,
      organization_id: m.bodyId,
      role: m.role,
      start_date: m.startOn,
      end_date: m.endOn,
    })),
  };
}

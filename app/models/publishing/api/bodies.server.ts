/** The API's bodies: boards and committees (Popolo organizations), with memberships. */
import { and, asc, count, eq } from "drizzle-orm";
import { db } from "../../../db.server";
import { personVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { body, membership, person } from "../../people/refs.server";
import { page, type ListParams } from "./envelope.server";
import { viewer } from "./shared.server";

const bodyColumns = refFields(body);
/** A body as the people refs offer it (their fields are typed loosely: the API only serialises them). */
type BodyRow = Record<keyof typeof bodyColumns, unknown>;

function bodyOut(site: string, b: BodyRow) {
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
  const [{ total }] = await db().select({ total: count() }).from(refTable(body));
  const rows = await db().select(bodyColumns).from(refTable(body)).orderBy(asc(body.name), asc(body.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((b) => bodyOut(site, b)));
}

export async function getBodyApi(site: string, id: string) {
  const [b] = await db().select(bodyColumns).from(refTable(body)).where(eq(body.id, id));
  if (!b) return null;
  const membershipColumns = refFields(membership);
  const members = await db()
    .select({ m: membershipColumns, name: person.name })
    .from(refTable(membership))
    .innerJoin(...person.on(membership.personId))
    .where(and(eq(membership.bodyId, id), personVisible(viewer)))
    .orderBy(asc(person.name));
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

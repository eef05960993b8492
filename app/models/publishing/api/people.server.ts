/** The API's people (Popolo persons), with their memberships. */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../../db.server";
import { personVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { membership, person } from "../../people/refs.server";
import { page, type ListParams } from "./envelope.server";
import { bodyIdFor, viewer } from "./shared.server";

const personColumns = refFields(person);
const membershipColumns = refFields(membership);
/** A person as the people refs offer them (their fields are typed loosely: the API only serialises them). */
type PersonRow = Record<keyof typeof personColumns, unknown>;

async function personOut(site: string, rows: PersonRow[]) {
  const ms = rows.length
    ? await db().select(membershipColumns).from(refTable(membership)).where(inArray(membership.personId, rows.map((r) => r.id as string)))
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
    bodyId ? sql`exists (select 1 from ${refTable(membership)} where ${membership.personId} = ${person.id} and ${membership.bodyId} = ${bodyId})` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(refTable(person)).where(where);
  const rows = await db().select(personColumns).from(refTable(person)).where(where).orderBy(asc(person.name), asc(person.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, await personOut(site, rows));
}

export async function getPersonApi(site: string, id: string) {
  const rows = await db().select(personColumns).from(refTable(person)).where(and(eq(person.id, id), personVisible(viewer)));
  return rows.length ? (await personOut(site, rows))[0] : null;
}

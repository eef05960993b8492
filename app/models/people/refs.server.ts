/**
 * What other domains may read of bodies, people, organisations and user accounts, and
 * how they join them (app/utils/refs.server.ts; ADR 025). Only this domain names its tables.
 */
import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { bodies, memberships, organisations, people, users } from "../../../db/schema/people";
import type { Executor } from "../../db.server";
import { tableOrAlias, tableRef, type ColumnsOf } from "../../utils/refs.server";

const bodyFields = <T extends ColumnsOf<typeof bodies>>(t: T) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  kind: t.kind,
  description: t.description,
  organisationId: t.organisationId,
  sourceNote: t.sourceNote,
  responseWorkingDays: t.responseWorkingDays,
  questionWindowDays: t.questionWindowDays,
  updatedAt: t.updatedAt,
});

/** A board or committee; `bodyRef("other_body")` for a second one in the same query. */
export function bodyRef(as?: string) {
  return tableRef(tableOrAlias(bodies, as), bodyFields, (t) => t.id);
}
export const body = bodyRef();

const personFields = <T extends ColumnsOf<typeof people>>(t: T) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  honorific: t.honorific,
  jobTitle: t.jobTitle,
  organisationId: t.organisationId,
  sourceNote: t.sourceNote,
});

/** A person in the record; `personRef("owner")` names a second person in one query. */
export function personRef(as?: string) {
  return tableRef(tableOrAlias(people, as), personFields, (t) => t.id);
}
export const person = personRef();

const organisationFields = <T extends ColumnsOf<typeof organisations>>(t: T) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  kind: t.kind,
  statutoryResponseDuty: t.statutoryResponseDuty,
  responseWorkingDays: t.responseWorkingDays,
});

/** An organisation (the Trust, the council, an inspectorate); `organisationRef("inspectorate")` for a second. */
export function organisationRef(as?: string) {
  return tableRef(tableOrAlias(organisations, as), organisationFields, (t) => t.id);
}
export const organisation = organisationRef();

const userFields = <T extends ColumnsOf<typeof users>>(t: T) => ({
  id: t.id,
  name: t.name,
  email: t.email,
  role: t.role,
  personId: t.personId,
  organisationId: t.organisationId,
  disabledAt: t.disabledAt,
  createdAt: t.createdAt,
});

/** A sign-in account (never its password or sessions); `userRef("decider")` for a second. */
export function userRef(as?: string) {
  return tableRef(tableOrAlias(users, as), userFields, (t) => t.id);
}
export const user = userRef();

/** True where some person in the record has this slug (a filter that takes a slug or a name). */
export function personWithSlugExists(slug: string): SQL {
  return sql`exists (select 1 from ${people} p2 where p2.slug = ${slug})`;
}

/** A membership of a body (for counts and lists in other domains). */
export const membership = tableRef(
  memberships,
  (t) => ({ id: t.id, bodyId: t.bodyId, personId: t.personId, role: t.role, startOn: t.startOn, endOn: t.endOn }),
  (t) => t.id,
);

/** Whether a person with this id is in the record (a form's chosen person still exists). */
export async function personExists(executor: Executor, id: string): Promise<boolean> {
  const [row] = await executor.select({ id: people.id }).from(people).where(eq(people.id, id));
  return Boolean(row);
}

/** Names of these people, by id (for lists that show who). */
export async function personNames(executor: Executor, ids: string[]): Promise<{ id: string; name: string }[]> {
  return ids.length ? executor.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)) : [];
}

/** Everyone in the record, by name: a select of people (a lead officer, someone attending). */
export async function peopleByName(executor: Executor): Promise<{ id: string; name: string; jobTitle: string | null }[]> {
  return executor.select({ id: people.id, name: people.name, jobTitle: people.jobTitle }).from(people).orderBy(asc(people.name));
}

/** One board or committee by id, or null. */
export async function bodyById(executor: Executor, id: string) {
  const [row] = await executor.select(bodyFields(bodies)).from(bodies).where(eq(bodies.id, id));
  return row ?? null;
}

/** Every board and committee by name: a select of bodies. */
export async function bodiesByName(executor: Executor): Promise<{ id: string; name: string; slug: string }[]> {
  return executor.select({ id: bodies.id, name: bodies.name, slug: bodies.slug }).from(bodies).orderBy(asc(bodies.name));
}

/**
 * A person's record as their page shows it, for the open data API: the publishing domain
 * cannot use this domain's index (the index's e-mail links import publishing: a cycle).
 */
export { personAttendance, personDeclarations } from "./person-pages.server";
export { MEMBERSHIP_ROLE_LABELS } from "./bodies.server";
/** Memberships of a body with their person (every term: the caller decides which cover a day, app/rules/terms.server.ts). */
export async function bodyMembershipsWithPeople(executor: Executor, bodyId: string) {
  return executor
    .select({
      personId: people.id,
      name: people.name,
      honorific: people.honorific,
      role: memberships.role,
      startOn: memberships.startOn,
      endOn: memberships.endOn,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.bodyId, bodyId))
    .orderBy(asc(people.name));
}

/** People whose name contains the words typed, by name (at most `limit`): "add someone else" on a register. */
export async function peopleNamed(executor: Executor, query: string, limit: number): Promise<{ id: string; name: string; jobTitle: string | null }[]> {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return [];
  const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return executor
    .select({ id: people.id, name: people.name, jobTitle: people.jobTitle })
    .from(people)
    .where(sql.join(words.map((w) => sql`${people.name} ilike ${like(w)}`), sql` and `))
    .orderBy(asc(people.name))
    .limit(limit);
}

/** Sign-in addresses of these people (enabled accounts only): where e-mail to a member or officer goes. */
export async function addressesOfPeople(executor: Executor, personIds: string[]): Promise<{ personId: string; email: string; name: string }[]> {
  if (personIds.length === 0) return [];
  const rows = await executor
    .select({ personId: users.personId, email: users.email, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(inArray(users.personId, personIds));
  return rows.filter((r) => r.personId && !r.disabledAt).map((r) => ({ personId: r.personId as string, email: r.email, name: r.name }));
}

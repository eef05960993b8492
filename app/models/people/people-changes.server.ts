/**
 * Clerks' work on boards and committees and on people (issue 4, item 1); their
 * memberships and terms are in membership-changes.server.ts.
 * Bodies and people are public records; so are memberships and their terms.
 * Every write is one transaction (the caller's `tx`) and is recorded in the
 * audit log, which also clears the public page cache (docs/decisions/006-page-cache.md).
 * None of these tables has a version column: a stale form is recognised by
 * `contentVersion` of the fields it edits.
 */
import { and, asc, count, eq, ilike, inArray, ne, sql } from "drizzle-orm";
import { bodies, memberships, organisations, people } from "../../../db/schema/people";
import { db, type Executor } from "../../db.server";
import { isoDay } from "../../rules/dates.server";
import { termCoversDay } from "../../rules/terms.server";
import { slugify } from "../../utils/markdown.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { recordAudit } from "../records";
import { ClerkError, ConflictError, contentVersion, type Actor } from "../../utils/clerk-errors.server";
import { escapeLike, isUuid, uniquePersonSlug } from "./users.server";

type BodyRow = typeof bodies.$inferSelect;
type PersonRow = typeof people.$inferSelect;

// ---------------------------------------------------------------------------
// Shared checks
// ---------------------------------------------------------------------------

/** The organisation chosen from the list, or null for none; an unknown id is refused. */
async function chosenOrganisation(tx: Executor, id: string): Promise<string | null> {
  if (!id) return null;
  const [org] = isUuid(id) ? await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)) : [];
  if (!org) throw new ClerkError("organisationId", "Select an organisation from the list");
  return org.id;
}

/** Refuses a save whose form was opened before someone else's save. */
export function checkVersion(current: Record<string, string>, version: number) {
  const currentVersion = contentVersion(current);
  if (currentVersion !== version) throw new ConflictError(current, currentVersion);
}

/** The organisations a body or person can belong to. */
export async function organisationChoices(executor: Executor = db()) {
  return executor
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

// ---------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------

export interface BodyInput {
  name: string;
  /** "" on a new body: made from the name. */
  slug: string;
  kind: BodyRow["kind"];
  description: string;
  organisationId: string;
  responseWorkingDays: number;
  questionWindowDays: number;
  sourceNote: string;
}

/** A body as its edit form shows it. */
export function bodyFormValues(b: BodyRow): Record<string, string> {
  return {
    name: b.name,
    slug: b.slug,
    kind: b.kind,
    description: b.description,
    organisationId: b.organisationId ?? "",
    responseWorkingDays: String(b.responseWorkingDays),
    questionWindowDays: String(b.questionWindowDays),
    sourceNote: b.sourceNote ?? "",
  };
}

async function slugTaken(tx: Executor, slug: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: bodies.id })
    .from(bodies)
    .where(exceptId ? and(eq(bodies.slug, slug), ne(bodies.id, exceptId)) : eq(bodies.slug, slug));
  return Boolean(taken);
}

async function freeSlug(tx: Executor, typed: string, name: string, exceptId?: string): Promise<string> {
  // Two clerks choosing the same address at once take turns (until their transactions end), so the
  // second is told the address is taken instead of meeting the unique index.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bodies.slug'))`);
  if (typed) {
    if (await slugTaken(tx, typed, exceptId)) {
      throw new ClerkError("slug", "Another board or committee already has this web address (slug): choose a different one");
    }
    return typed;
  }
  const base = slugify(name).replace(/-+$/, "") || "body";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(tx, slug, exceptId))) return slug;
  }
}

function bodyValues(input: BodyInput, organisationId: string | null) {
  return {
    name: input.name,
    kind: input.kind,
    description: input.description,
    organisationId,
    responseWorkingDays: input.responseWorkingDays,
    questionWindowDays: input.questionWindowDays,
    sourceNote: input.sourceNote || null,
  };
}

export async function createBody(tx: Executor, actor: Actor, input: BodyInput) {
  const organisationId = await chosenOrganisation(tx, input.organisationId);
  const slug = await freeSlug(tx, input.slug, input.name);
  const [row] = await tx.insert(bodies).values({ ...bodyValues(input, organisationId), slug }).returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "body", entityId: row.id, after: row, ipAddress: actor.ipAddress });
  return row;
}

export async function updateBody(tx: Executor, actor: Actor, id: string, version: number, input: BodyInput) {
  const [before] = await tx.select().from(bodies).where(eq(bodies.id, id)).for("update");
  if (!before) throw new ClerkError("form", "This board or committee no longer exists");
  checkVersion(bodyFormValues(before), version);
  const organisationId = await chosenOrganisation(tx, input.organisationId);
  const slug = await freeSlug(tx, input.slug, input.name, id);
  const [after] = await tx
    .update(bodies)
    .set({ ...bodyValues(input, organisationId), slug, updatedAt: new Date() })
    .where(eq(bodies.id, id))
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "body", entityId: id, before, after, ipAddress: actor.ipAddress });
  return after;
}

/** Current members per body, for the bodies on one page. */
async function currentMemberCounts(bodyIds: string[], today: string) {
  if (bodyIds.length === 0) return new Map<string, number>();
  const rows = await db()
    .select({ bodyId: memberships.bodyId, n: count() })
    .from(memberships)
    .where(and(inArray(memberships.bodyId, bodyIds), termCoversDay(memberships, today)))
    .groupBy(memberships.bodyId);
  return new Map(rows.map((r) => [r.bodyId, Number(r.n)]));
}

export async function listClerkBodies(options: { page: number }, now = new Date()) {
  const [{ total }] = await db().select({ total: count() }).from(bodies);
  const rows = await db()
    .select({ id: bodies.id, slug: bodies.slug, name: bodies.name, kind: bodies.kind })
    .from(bodies)
    .orderBy(asc(bodies.name), asc(bodies.id))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  const counts = await currentMemberCounts(rows.map((r) => r.id), isoDay(now));
  return { total, bodies: rows.map((r) => ({ ...r, currentMembers: counts.get(r.id) ?? 0 })) };
}

export async function getClerkBody(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db().select().from(bodies).where(eq(bodies.id, id));
  return row ?? null;
}

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

export interface PersonInput {
  name: string;
  honorific: string;
  jobTitle: string;
  organisationId: string;
}

export function personFormValues(p: PersonRow): Record<string, string> {
  return { name: p.name, honorific: p.honorific ?? "", jobTitle: p.jobTitle ?? "", organisationId: p.organisationId ?? "" };
}

function personValues(input: PersonInput, organisationId: string | null) {
  return { name: input.name, honorific: input.honorific || null, jobTitle: input.jobTitle || null, organisationId };
}

export async function createPerson(tx: Executor, actor: Actor, input: PersonInput) {
  const organisationId = await chosenOrganisation(tx, input.organisationId);
  const slug = await uniquePersonSlug(tx, input.name);
  const [row] = await tx.insert(people).values({ ...personValues(input, organisationId), slug }).returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "person", entityId: row.id, after: row, ipAddress: actor.ipAddress });
  return row;
}

export async function updatePerson(tx: Executor, actor: Actor, id: string, version: number, input: PersonInput) {
  const [before] = await tx.select().from(people).where(eq(people.id, id)).for("update");
  if (!before) throw new ClerkError("form", "This person no longer exists");
  checkVersion(personFormValues(before), version);
  const organisationId = await chosenOrganisation(tx, input.organisationId);
  const [after] = await tx
    .update(people)
    .set({ ...personValues(input, organisationId), updatedAt: new Date() })
    .where(eq(people.id, id))
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "person", entityId: id, before, after, ipAddress: actor.ipAddress });
  return after;
}

/** People by name (a search matches any part of the name), with their organisation. */
export async function listPeople(options: { page: number; q?: string }) {
  const where = options.q ? ilike(people.name, `%${escapeLike(options.q)}%`) : undefined;
  const [{ total }] = await db().select({ total: count() }).from(people).where(where);
  const rows = await db()
    .select({
      id: people.id,
      name: people.name,
      honorific: people.honorific,
      jobTitle: people.jobTitle,
      organisation: organisations.name,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(where)
    .orderBy(asc(people.name), asc(people.id))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return { total, people: rows };
}

/** A person as lists name them: honorific and name, and job title; null if there is none. */
export async function personSummary(id: string): Promise<{ name: string; jobTitle: string | null } | null> {
  const person = await getPerson(id);
  return person ? { name: `${person.honorific ? `${person.honorific} ` : ""}${person.name}`, jobTitle: person.jobTitle } : null;
}

export async function getPerson(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db().select().from(people).where(eq(people.id, id));
  return row ?? null;
}

/** Everyone who can be given a membership, for the select. */
export async function personChoices() {
  const rows = await db()
    .select({ id: people.id, name: people.name, honorific: people.honorific, jobTitle: people.jobTitle })
    .from(people)
    .orderBy(asc(people.name), asc(people.id));
  return rows.map((p) => ({
    value: p.id,
    label: `${p.honorific ? `${p.honorific} ` : ""}${p.name}${p.jobTitle ? ` (${p.jobTitle})` : ""}`,
  }));
}

/**
 * Clerks' work on memberships of boards and committees: adding, changing,
 * ending and removing terms (issue 4, item 1). Memberships and their terms are
 * public records. Every write is one transaction (the caller's `tx`) and is
 * recorded in the audit log, which also clears the public page cache
 * (docs/decisions/006-page-cache.md). A stale form is recognised by
 * `contentVersion` of the fields it edits (checkVersion, people-changes.server.ts).
 */
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { bodies, memberships, people, type MEMBERSHIP_ROLES } from "../../../db/schema/people";
import { db, type Executor } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { termCoversDay, termsOverlap, termStatus, TERM_STATUS_LABELS, type Term } from "../../rules/terms.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { recordAudit } from "../records";
import { MEMBERSHIP_ROLE_LABELS } from "./bodies.server";
import { ClerkError, type Actor } from "../../utils/clerk-errors.server";
import { checkVersion } from "./people-changes.server";
import { isUuid } from "./users.server";

type MembershipRow = typeof memberships.$inferSelect;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

function termText(term: Term): string {
  const from = term.startOn ? `from ${formatDate(term.startOn)}` : "";
  const to = term.endOn ? `to ${formatDate(term.endOn)}` : "";
  return [from, to].filter(Boolean).join(" ");
}

export interface TermInput {
  role: MembershipRole;
  startOn: string | null;
  endOn: string | null;
}

export function membershipFormValues(m: MembershipRow): Record<string, string> {
  return { role: m.role, startOn: m.startOn ?? "", endOn: m.endOn ?? "" };
}

/**
 * The term must end on or after its start, and must not overlap another term of
 * the same person on the same body. The person's row is locked first, so two
 * clerks adding the same person at once cannot both pass the check.
 */
async function checkTerm(tx: Executor, personId: string, bodyId: string, term: TermInput, exceptId?: string) {
  if (term.startOn && term.endOn && term.endOn < term.startOn) {
    throw new ClerkError("endOn", "The end of term must be the same as or after the start of term");
  }
  const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, personId)).for("update");
  if (!person) throw new ClerkError("personId", "Select a person from the list");
  const others = await tx
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.personId, personId),
        eq(memberships.bodyId, bodyId),
        exceptId ? ne(memberships.id, exceptId) : undefined,
      ),
    );
  const clash = others.find((o) => termsOverlap(o, term));
  if (clash) {
    const when = termText(clash);
    throw new ClerkError(
      "startOn",
      `${person.name} is already ${MEMBERSHIP_ROLE_LABELS[clash.role].toLowerCase()} of this body${when ? ` ${when}` : ""}: terms of the same person on the same body cannot overlap. End or change that term first.`,
    );
  }
}

export async function addMembership(tx: Executor, actor: Actor, bodyId: string, input: TermInput & { personId: string }) {
  const [body] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, bodyId));
  if (!body) throw new ClerkError("form", "This board or committee no longer exists");
  if (!isUuid(input.personId)) throw new ClerkError("personId", "Select a person from the list");
  await checkTerm(tx, input.personId, bodyId, input);
  const [row] = await tx
    .insert(memberships)
    .values({ personId: input.personId, bodyId, role: input.role, startOn: input.startOn, endOn: input.endOn })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "membership", entityId: row.id, after: row, ipAddress: actor.ipAddress });
  return row;
}

async function lockMembership(tx: Executor, id: string) {
  const [m] = await tx.select().from(memberships).where(eq(memberships.id, id)).for("update");
  if (!m) throw new ClerkError("form", "This membership no longer exists");
  return m;
}

/** Changes the role or term (ending a term is setting its end). */
export async function updateMembership(tx: Executor, actor: Actor, id: string, version: number, term: TermInput, action = "update") {
  const before = await lockMembership(tx, id);
  checkVersion(membershipFormValues(before), version);
  await checkTerm(tx, before.personId, before.bodyId, term, id);
  const [after] = await tx
    .update(memberships)
    .set({ role: term.role, startOn: term.startOn, endOn: term.endOn })
    .where(eq(memberships.id, id))
    .returning();
  await recordAudit(tx, { userId: actor.userId, action, entityType: "membership", entityId: id, before, after, ipAddress: actor.ipAddress });
  return after;
}

/** Ends a term on the given day, keeping its role and start. */
export async function endMembership(tx: Executor, actor: Actor, id: string, version: number, endOn: string | null) {
  const [current] = await tx.select().from(memberships).where(eq(memberships.id, id));
  if (!current) throw new ClerkError("form", "This membership no longer exists");
  if (!endOn) throw new ClerkError("lastDay", "Enter the last day of the term");
  if (current.startOn && endOn < current.startOn) {
    throw new ClerkError("lastDay", `The last day of the term must be the same as or after its start, ${formatDate(current.startOn)}`);
  }
  return updateMembership(tx, actor, id, version, { role: current.role, startOn: current.startOn, endOn }, "end_term");
}

/** Removes a membership entered by mistake (a term that ended is ended, not removed). */
export async function removeMembership(tx: Executor, actor: Actor, id: string) {
  const before = await lockMembership(tx, id);
  await tx.delete(memberships).where(eq(memberships.id, id));
  await recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "membership", entityId: id, before, ipAddress: actor.ipAddress });
  return before;
}

export async function getMembership(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db()
    .select({ membership: memberships, personName: people.name, bodyName: bodies.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(eq(memberships.id, id));
  return row ?? null;
}

/**
 * One page of memberships of a body or of a person: current terms first, then
 * those starting later, then ended ones (latest first); chair before vice-chair
 * before everyone else.
 */
export async function listMemberships(of: { bodyId: string } | { personId: string }, options: { page: number }, now = new Date()) {
  const today = isoDay(now);
  const where = "bodyId" in of ? eq(memberships.bodyId, of.bodyId) : eq(memberships.personId, of.personId);
  const [{ total }] = await db().select({ total: count() }).from(memberships).where(where);
  const rows = await db()
    .select({
      id: memberships.id,
      role: memberships.role,
      startOn: memberships.startOn,
      endOn: memberships.endOn,
      personId: people.id,
      personName: people.name,
      honorific: people.honorific,
      bodyId: bodies.id,
      bodyName: bodies.name,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(where)
    .orderBy(
      sql`case when ${termCoversDay(memberships, today)} then 0 when ${memberships.endOn} is null or ${memberships.endOn} >= ${today} then 1 else 2 end`,
      sql`${memberships.endOn} desc nulls first`,
      sql`case ${memberships.role} when 'chair' then 0 when 'vice_chair' then 1 else 2 end`,
      asc(people.name),
      asc(bodies.name),
      asc(memberships.id),
    )
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return {
    total,
    memberships: rows.map((r) => {
      const status = termStatus(r, today);
      return {
        ...r,
        roleLabel: MEMBERSHIP_ROLE_LABELS[r.role] ?? r.role,
        status,
        statusLabel: TERM_STATUS_LABELS[status],
        term: termText(r) || "Dates not recorded",
      };
    }),
  };
}

/**
 * Accounts: finding and listing them, creating people, roles and disabling.
 * Invitations, one-time links and passwords are in one-time-links.server.ts.
 * Every write records an audit row in the same transaction; password hashes and
 * tokens are never logged.
 */
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import { bodies, memberships, organisations, people, users, type Role } from "../../../db/schema/people";
import { now as clockNow } from "../../auth/clock.server";
import { invalidateUserSessions } from "../../auth/lucia.server";
import { sqlState, type Executor } from "../../db.server";
import { slugify } from "../../utils/markdown.server";
import { recordAudit } from "../records";
import { isUuid } from "../../utils/uuid";

export type UserRow = typeof users.$inferSelect;

/** Who made a change, for the audit log. `userId` null: the system or the command line. */
export interface Actor {
  userId: string | null;
  ipAddress?: string | null;
}


/** What the audit log keeps of a user: never the password hash. */
export function auditableUser(user: UserRow) {
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class AccountError extends Error {
  constructor(
    message: string,
    /** The form field the message belongs beside. */
    readonly field: string,
  ) {
    super(message);
  }
}

export async function findUserByEmail(executor: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await executor.select().from(users).where(eq(users.email, normaliseEmail(email)));
  return row;
}

export { isUuid };

export async function findUserById(executor: Executor, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await executor.select().from(users).where(eq(users.id, id));
  return row;
}

/** A user for the admin pages, with organisation and bodies; no password hash. */
export async function getUserDetail(executor: Executor, id: string) {
  const user = await findUserById(executor, id);
  if (!user) return undefined;
  const organisation = user.organisationId
    ? (await executor.select().from(organisations).where(eq(organisations.id, user.organisationId)))[0]
    : undefined;
  const bodiesOfPerson = user.personId
    ? await executor
        .select({ id: bodies.id, name: bodies.name, slug: bodies.slug, role: memberships.role })
        .from(memberships)
        .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
        .where(eq(memberships.personId, user.personId))
        .orderBy(asc(bodies.name))
    : [];
  const { passwordHash, ...rest } = user;
  return {
    ...rest,
    hasPassword: passwordHash !== null,
    organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
    bodies: bodiesOfPerson,
  };
}

export async function listUsers(
  executor: Executor,
  options: { page: number; pageSize: number; role?: Role; q?: string },
) {
  const conditions = [
    options.role ? eq(users.role, options.role) : undefined,
    options.q
      ? or(ilike(users.name, `%${escapeLike(options.q)}%`), ilike(users.email, `%${escapeLike(options.q)}%`))
      : undefined,
  ].filter((c) => c !== undefined);
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ total }] = await executor.select({ total: count() }).from(users).where(where);
  const rows = await executor
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      organisationName: organisations.name,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
    .orderBy(asc(users.name), asc(users.email))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return { rows, total };
}

export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Bodies and organisations an admin can attach a new account to. */
export async function accountChoices(executor: Executor) {
  const bodyRows = await executor.select({ id: bodies.id, name: bodies.name }).from(bodies).orderBy(asc(bodies.name));
  const organisationRows = await executor
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name));
  return { bodies: bodyRows, organisations: organisationRows };
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** An officer's organisation (required for officers). */
  organisationId?: string | null;
  /** A member's board or committee (optional). */
  bodyId?: string | null;
  passwordHash?: string | null;
  isDemo?: boolean;
  /** Only the demo accounts create an officer before any organisation exists. */
  allowOfficerWithoutOrganisation?: boolean;
}

export async function uniquePersonSlug(executor: Executor, name: string): Promise<string> {
  const base = slugify(name) || "person";
  for (;;) {
    const slug = `${base}-${randomBytes(3).toString("hex")}`;
    const [taken] = await executor.select({ id: people.id }).from(people).where(eq(people.slug, slug));
    if (!taken) return slug;
  }
}

/**
 * Creates an account. Members and officers get a person record (their public
 * identity on questions and responses); a member with a body gets a membership.
 */
export async function createUser(tx: Executor, actor: Actor, input: NewUser): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(tx, email)) throw new AccountError("An account with this email address already exists", "email");
  if (input.role === "officer" && !input.organisationId && !input.allowOfficerWithoutOrganisation) {
    throw new AccountError("Select the officer's organisation", "organisationId");
  }
  if (input.organisationId) {
    if (!isUuid(input.organisationId)) throw new AccountError("Select an organisation from the list", "organisationId");
    const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId));
    if (!org) throw new AccountError("Select an organisation from the list", "organisationId");
  }
  if (input.bodyId) {
    if (!isUuid(input.bodyId)) throw new AccountError("Select a board or committee from the list", "bodyId");
    const [body] = await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, input.bodyId));
    if (!body) throw new AccountError("Select a board or committee from the list", "bodyId");
  }
  let personId: string | null = null;
  if (input.role === "member" || input.role === "officer") {
    const [person] = await tx
      .insert(people)
      .values({
        slug: await uniquePersonSlug(tx, input.name),
        name: input.name,
        honorific: input.role === "member" ? "Councillor" : null,
        organisationId: input.role === "officer" ? (input.organisationId ?? null) : null,
      })
      .returning();
    personId = person.id;
    await recordAudit(tx, { ...actor, action: "create", entityType: "person", entityId: person.id, after: person });
    if (input.role === "member" && input.bodyId) {
      const [membership] = await tx.insert(memberships).values({ personId, bodyId: input.bodyId, role: "member" }).returning();
      await recordAudit(tx, {
        ...actor,
        action: "create",
        entityType: "membership",
        entityId: membership.id,
        after: membership,
      });
    }
  }
  const [user] = await tx
    .insert(users)
    .values({
      email,
      name: input.name,
      role: input.role,
      personId,
      organisationId: input.role === "officer" ? (input.organisationId ?? null) : null,
      passwordHash: input.passwordHash ?? null,
      passwordChangedAt: input.passwordHash ? clockNow() : null,
      isDemo: input.isDemo ?? false,
    })
    .returning();
  await recordAudit(tx, { ...actor, action: "create", entityType: "user", entityId: user.id, after: auditableUser(user) });
  return user;
}

async function enabledAdminCount(executor: Executor, exceptUserId: string) {
  const [{ total }] = await executor
    .select({ total: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, exceptUserId)));
  return total;
}

/** Changes a user's role (and an officer's organisation). */
export async function changeRole(
  tx: Executor,
  actor: Actor,
  userId: string,
  input: { role: Role; organisationId?: string | null },
): Promise<UserRow> {
  const before = await findUserById(tx, userId);
  if (!before) throw new AccountError("This account no longer exists", "role");
  if (actor.userId === userId) throw new AccountError("You cannot change your own role", "role");
  if (before.role === "admin" && input.role !== "admin" && (await enabledAdminCount(tx, userId)) === 0) {
    throw new AccountError("There must be at least one administrator", "role");
  }
  const organisationId = input.role === "officer" ? (input.organisationId ?? before.organisationId) : null;
  if (input.role === "officer") {
    if (!organisationId) throw new AccountError("Select the officer's organisation", "organisationId");
    if (!isUuid(organisationId)) throw new AccountError("Select an organisation from the list", "organisationId");
    const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
    if (!org) throw new AccountError("Select an organisation from the list", "organisationId");
  }
  let personId = before.personId;
  if (!personId && (input.role === "member" || input.role === "officer")) {
    const [person] = await tx
      .insert(people)
      .values({ slug: await uniquePersonSlug(tx, before.name), name: before.name, organisationId })
      .returning();
    personId = person.id;
    await recordAudit(tx, { ...actor, action: "create", entityType: "person", entityId: person.id, after: person });
  }
  const [after] = await tx
    .update(users)
    .set({ role: input.role, organisationId, personId, updatedAt: clockNow() })
    .where(eq(users.id, userId))
    .returning();
  // A new role, a new session: the person signs in again (docs/decisions/028-two-step-verification.md).
  const roleChanged = before.role !== after.role;
  if (roleChanged) await invalidateUserSessions(userId, { executor: tx });
  await recordAudit(tx, {
    ...actor,
    action: "change_role",
    entityType: "user",
    entityId: userId,
    before: { role: before.role, organisationId: before.organisationId },
    after: { role: after.role, organisationId: after.organisationId, sessionsEnded: roleChanged },
  });
  return after;
}

/** Disables (ending every session) or re-enables an account. */
export async function setDisabled(tx: Executor, actor: Actor, userId: string, disabled: boolean): Promise<UserRow> {
  const before = await findUserById(tx, userId);
  if (!before) throw new AccountError("This account no longer exists", "disabled");
  if (actor.userId === userId) throw new AccountError("You cannot disable your own account", "disabled");
  if (disabled && before.role === "admin" && (await enabledAdminCount(tx, userId)) === 0) {
    throw new AccountError("There must be at least one administrator", "disabled");
  }
  const at = clockNow();
  const [after] = await tx
    .update(users)
    .set({ disabledAt: disabled ? (before.disabledAt ?? at) : null, updatedAt: at })
    .where(eq(users.id, userId))
    .returning();
  if (disabled) await invalidateUserSessions(userId, { executor: tx });
  await recordAudit(tx, {
    ...actor,
    action: disabled ? "disable" : "enable",
    entityType: "user",
    entityId: userId,
    before: { disabledAt: before.disabledAt },
    after: { disabledAt: after.disabledAt, sessionsEnded: disabled },
  });
  return after;
}

/** A unique constraint refused the write (two people inviting the same address at once). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}

/**
 * Sessions. The only module that imports lucia (docs/decisions/005-sessions-lucia.md):
 * everything else goes through the small API below, so lucia v3 (no longer
 * developed) can be swapped for the author's session guide by rewriting this file.
 *
 * What lucia does here: random session ids, the drizzle adapter that stores
 * sessions in PostgreSQL (the `sessions` table) and the session cookie.
 * What this module adds: lucia's own `validateSession` reads `Date.now()` and
 * extends a session only at half its lifetime, and it has no absolute limit, so
 * expiry is decided here with the injectable clock (app/auth/clock.server.ts):
 * - idle: a session ends SESSION_IDLE_MINUTES after its last request;
 * - absolute: it ends SESSION_ABSOLUTE_HOURS after sign-in (`absoluteExpiresAt`,
 *   a session attribute), however active.
 */
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { and, eq, lte, ne, or } from "drizzle-orm";
import { Lucia, TimeSpan, generateIdFromEntropySize, type DatabaseSession } from "lucia";
import { sessions, users, type Role, type SessionStage } from "../../db/schema";
import { db, type Executor } from "../db.server";
import { getEnv } from "../env.server";
import { siteAddress } from "../utils/site-url.server";
import { now as clockNow } from "./clock.server";

interface DatabaseSessionAttributes {
  absoluteExpiresAt: Date;
  createdAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  stage: SessionStage;
}

interface DatabaseUserAttributes {
  email: string;
  name: string;
  role: Role;
  personId: string | null;
  organisationId: string | null;
  disabledAt: Date | null;
}

declare module "lucia" {
  interface Register {
    DatabaseSessionAttributes: DatabaseSessionAttributes;
    DatabaseUserAttributes: DatabaseUserAttributes;
  }
}

export interface SessionInfo {
  id: string;
  userId: string;
  createdAt: Date;
  /** Idle expiry: moves forward with each request. */
  expiresAt: Date;
  absoluteExpiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  /** Only `signed_in` signs anyone in (docs/decisions/028-two-step-verification.md). */
  stage: SessionStage;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  personId: string | null;
  organisationId: string | null;
}

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  cookieName: string;
  secure: boolean;
}

/** The idle expiry is written back at most this often (not on every request). */
const REFRESH_GRANULARITY_MS = 60_000;

/** How long a session waits for the second step after the password (then sign in again). */
export const SECOND_STEP_MS = 10 * 60_000;

export function sessionSettings(): SessionSettings {
  const env = getEnv();
  // The cookie is Secure when the site's address is https, whatever the mode:
  // `npm start` on a fresh machine serves plain http://localhost and must still sign in
  // (docs/decisions/017-site-address-and-production-mode.md).
  const secure = siteAddress().https;
  return {
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    // `__Host-` makes the browser insist on Secure, Path=/ and no Domain.
    cookieName: secure ? "__Host-session" : "session",
    secure,
  };
}

function adapter(executor: Executor = db()) {
  return new DrizzlePostgreSQLAdapter(executor, sessions, users);
}

function lucia(executor: Executor = db()) {
  const settings = sessionSettings();
  return new Lucia(adapter(executor), {
    // Used only for the cookie's Max-Age: the cookie lives no longer than the absolute limit.
    sessionExpiresIn: new TimeSpan(Math.round(settings.absoluteMs / 1000), "s"),
    sessionCookie: {
      name: settings.cookieName,
      expires: true,
      attributes: { secure: settings.secure, sameSite: "lax", path: "/" },
    },
  });
}

function toSessionInfo(raw: DatabaseSession): SessionInfo {
  const attributes = raw.attributes;
  return {
    id: raw.id,
    userId: raw.userId,
    expiresAt: new Date(raw.expiresAt),
    absoluteExpiresAt: new Date(attributes.absoluteExpiresAt),
    createdAt: new Date(attributes.createdAt),
    ipAddress: attributes.ipAddress ?? null,
    userAgent: attributes.userAgent ?? null,
    stage: attributes.stage ?? "signed_in",
  };
}

function isLive(session: SessionInfo, at: Date): boolean {
  const t = at.getTime();
  return t < session.expiresAt.getTime() && t < session.absoluteExpiresAt.getTime();
}

/** A new session with a fresh random id. Nothing from any earlier session is carried over. */
export async function createSession(
  userId: string,
  meta: { ipAddress?: string | null; userAgent?: string | null } = {},
  options: { now?: Date; executor?: Executor; stage?: SessionStage } = {},
): Promise<SessionInfo> {
  const at = options.now ?? clockNow();
  const settings = sessionSettings();
  const stage = options.stage ?? "signed_in";
  // A session waiting for the second step lasts a few minutes, not a working day.
  const absoluteMs = stage === "second_step" ? Math.min(SECOND_STEP_MS, settings.absoluteMs) : settings.absoluteMs;
  const session: SessionInfo = {
    id: generateIdFromEntropySize(25),
    userId,
    createdAt: at,
    expiresAt: new Date(at.getTime() + Math.min(settings.idleMs, absoluteMs)),
    absoluteExpiresAt: new Date(at.getTime() + absoluteMs),
    ipAddress: meta.ipAddress?.slice(0, 100) ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    stage,
  };
  await adapter(options.executor).setSession({
    id: session.id,
    userId,
    expiresAt: session.expiresAt,
    attributes: {
      absoluteExpiresAt: session.absoluteExpiresAt,
      createdAt: session.createdAt,
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
      stage,
    },
  });
  return session;
}

const SESSION_ID = /^[a-z0-9]{20,64}$/;

/**
 * The live session and its user, or null. An expired session (idle or absolute),
 * or one whose account is disabled, is deleted. A live one's idle expiry moves on.
 */
export async function validateSession(
  sessionId: string,
  options: { now?: Date } = {},
): Promise<{ session: SessionInfo; user: SessionUser } | null> {
  if (!SESSION_ID.test(sessionId)) return null;
  const at = options.now ?? clockNow();
  const store = adapter();
  const [rawSession, rawUser] = await store.getSessionAndUser(sessionId);
  if (!rawSession || !rawUser) return null;
  const session = toSessionInfo(rawSession);
  const attributes = rawUser.attributes as unknown as DatabaseUserAttributes;
  if (!isLive(session, at) || attributes.disabledAt) {
    await store.deleteSession(sessionId);
    return null;
  }
  const settings = sessionSettings();
  const idleExpiry = new Date(at.getTime() + settings.idleMs);
  if (idleExpiry.getTime() - session.expiresAt.getTime() >= REFRESH_GRANULARITY_MS) {
    await store.updateSessionExpiration(sessionId, idleExpiry);
    session.expiresAt = idleExpiry;
  }
  return {
    session,
    user: {
      id: rawUser.id,
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      personId: attributes.personId,
      organisationId: attributes.organisationId,
    },
  };
}

/** Ends one session on the server. */
export async function invalidateSession(sessionId: string, executor?: Executor) {
  await lucia(executor).invalidateSession(sessionId);
}

/** Ends every session of a user, or every one but `exceptSessionId`. */
export async function invalidateUserSessions(
  userId: string,
  options: { exceptSessionId?: string; executor?: Executor } = {},
) {
  if (options.exceptSessionId) {
    await (options.executor ?? db())
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, options.exceptSessionId)));
    return;
  }
  await lucia(options.executor).invalidateUserSessions(userId);
}

/** Moves a user's live sessions from one stage to another (the two-step setting changed). */
export async function setUserSessionsStage(
  userId: string,
  from: SessionStage,
  to: SessionStage,
  executor: Executor = db(),
): Promise<number> {
  const moved = await executor
    .update(sessions)
    .set({ stage: to })
    .where(and(eq(sessions.userId, userId), eq(sessions.stage, from)))
    .returning({ id: sessions.id });
  return moved.length;
}

/** A user's live sessions, newest first. */
export async function listUserSessions(
  userId: string,
  options: { now?: Date; executor?: Executor } = {},
): Promise<SessionInfo[]> {
  const at = options.now ?? clockNow();
  const all = (await adapter(options.executor).getUserSessions(userId)).map(toSessionInfo);
  return all.filter((s) => isLive(s, at)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Deletes sessions past either limit (they are also deleted when next presented). */
export async function deleteExpiredSessions(options: { now?: Date } = {}): Promise<number> {
  const at = options.now ?? clockNow();
  const gone = await db()
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, at), lte(sessions.absoluteExpiresAt, at)))
    .returning({ id: sessions.id });
  return gone.length;
}

/** The Set-Cookie value that hands a browser its session. */
export function sessionCookie(sessionId: string): string {
  return lucia().createSessionCookie(sessionId).serialize();
}

/** The Set-Cookie value that removes the session cookie. */
export function blankSessionCookie(): string {
  return lucia().createBlankSessionCookie().serialize();
}

/**
 * The values of every cookie in a Cookie header whose name, trimmed, is the
 * session cookie's. The one reading of the header: the session is read from it
 * (readSessionId) and the page cache decides "anonymous" from it
 * (carriesSessionCookie), so the two can never disagree.
 */
function sessionCookieValues(cookieHeader: string | null | undefined): string[] {
  if (!cookieHeader) return [];
  const name = sessionSettings().cookieName;
  const values: string[] = [];
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    values.push(part.slice(index + 1).trim());
  }
  return values;
}

/** The session id from a Cookie header, or null. Malformed cookies are ignored, never a crash. */
export function readSessionId(cookieHeader: string | null): string | null {
  const [value] = sessionCookieValues(cookieHeader);
  return value !== undefined && SESSION_ID.test(value) ? value : null;
}

/**
 * True when a Cookie header carries a session cookie, live, expired or malformed:
 * such a request is never answered from, or stored in, the public page cache
 * (docs/decisions/016-page-cache-per-record.md).
 */
export function carriesSessionCookie(cookieHeader: string | null | undefined): boolean {
  return sessionCookieValues(cookieHeader).length > 0;
}

/**
 * The session of a request: read once per request from the cookie, through the
 * lucia module (app/auth/lucia.server.ts), the only place lucia is imported.
 */
import { createHash } from "node:crypto";
import {
  blankSessionCookie,
  createSession,
  invalidateSession,
  readSessionId,
  sessionCookie,
  validateSession,
  type SessionInfo,
  type SessionUser,
} from "./lucia.server";
import type { SessionStage } from "../../db/schema";

export interface CurrentSession {
  session: SessionInfo;
  user: SessionUser;
}

const cache = new WeakMap<Request, Promise<CurrentSession | null>>();

/**
 * The live session of this request at whatever stage, or null. Cached per request.
 * Only the pages of the second step and of enrolment read a session that has not
 * finished signing in (docs/decisions/028-two-step-verification.md).
 */
export function getSessionAtAnyStage(request: Request): Promise<CurrentSession | null> {
  let pending = cache.get(request);
  if (!pending) {
    const id = readSessionId(request.headers.get("cookie"));
    pending = id ? validateSession(id) : Promise.resolve(null);
    cache.set(request, pending);
  }
  return pending;
}

/** The signed-in session and user of this request, or null: a session still at the second step or enrolment is not signed in. */
export async function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  const current = await getSessionAtAnyStage(request);
  return current && current.session.stage === "signed_in" ? current : null;
}

/** Where a session that has not finished signing in must go next, or null. */
export async function unfinishedSignIn(request: Request): Promise<string | null> {
  const current = await getSessionAtAnyStage(request);
  if (!current) return null;
  if (current.session.stage === "second_step") return "/sign-in/two-step";
  if (current.session.stage === "enrolment") return "/account/two-step";
  return null;
}

/** True when the browser sent a session cookie (live or not). */
export function hasSessionCookie(request: Request): boolean {
  return readSessionId(request.headers.get("cookie")) !== null;
}

/**
 * A new session for a person who has just proved who they are. Any session the
 * browser presents is ended first: nothing is carried over from before sign-in.
 */
export async function startSession(
  request: Request,
  userId: string,
  meta: { ipAddress?: string | null; stage?: SessionStage } = {},
): Promise<{ session: SessionInfo; setCookie: string }> {
  const previous = readSessionId(request.headers.get("cookie"));
  if (previous) await invalidateSession(previous);
  cache.delete(request);
  const session = await createSession(
    userId,
    { ipAddress: meta.ipAddress ?? null, userAgent: request.headers.get("user-agent") },
    { stage: meta.stage },
  );
  return { session, setCookie: sessionCookie(session.id) };
}

/** Ends this request's session on the server; returns the Set-Cookie that clears it. */
export async function endCurrentSession(request: Request): Promise<string> {
  const id = readSessionId(request.headers.get("cookie"));
  if (id) await invalidateSession(id);
  cache.delete(request);
  return blankSessionCookie();
}

export { blankSessionCookie };

/**
 * A session's name on pages and in forms and the audit log. The session id is a
 * bearer secret, so it is never shown or logged: this is a hash of it.
 */
export function sessionHandle(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex").slice(0, 16);
}

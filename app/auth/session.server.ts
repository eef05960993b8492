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

export interface CurrentSession {
  session: SessionInfo;
  user: SessionUser;
}

const cache = new WeakMap<Request, Promise<CurrentSession | null>>();

/** The live session and user of this request, or null. Cached per request. */
export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  let pending = cache.get(request);
  if (!pending) {
    const id = readSessionId(request.headers.get("cookie"));
    pending = id ? validateSession(id) : Promise.resolve(null);
    cache.set(request, pending);
  }
  return pending;
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
  meta: { ipAddress?: string | null } = {},
): Promise<{ session: SessionInfo; setCookie: string }> {
  const previous = readSessionId(request.headers.get("cookie"));
  if (previous) await invalidateSession(previous);
  const session = await createSession(userId, {
    ipAddress: meta.ipAddress ?? null,
    userAgent: request.headers.get("user-agent"),
  });
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

/**
 * A person's own sessions, for the account page: the list, and ending one.
 * Sessions are named by a hash of their id (`sessionHandle`): the id itself is
 * a bearer secret and never leaves the cookie.
 */
import { invalidateSession, invalidateUserSessions, listUserSessions, sessionSettings } from "../../auth/lucia.server";
import { sessionHandle } from "../../auth/session.server";
import { db } from "../../db.server";
import type { Viewer } from "../../rules/viewer.server";
import { recordAudit } from "../records";

export interface SessionSummary {
  handle: string;
  createdAt: string;
  expiresAt: string;
  absoluteExpiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  /** When a request last used it (to the minute: the idle expiry is written at most once a minute). */
  lastSeenAt: string;
  current: boolean;
}

export async function listOwnSessions(
  viewer: Extract<Viewer, { kind: "user" }>,
  currentSessionId: string | null,
): Promise<SessionSummary[]> {
  const sessions = await listUserSessions(viewer.userId);
  return sessions.map((s) => ({
    handle: sessionHandle(s.id),
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    absoluteExpiresAt: s.absoluteExpiresAt.toISOString(),
    ipAddress: s.ipAddress,
    userAgent: s.userAgent,
    lastSeenAt: new Date(Math.max(s.createdAt.getTime(), s.expiresAt.getTime() - sessionSettings().idleMs)).toISOString(),
    current: s.id === currentSessionId,
  }));
}

/** Ends one of the viewer's own sessions; false when there is no such live session. */
export async function endOwnSession(
  viewer: Extract<Viewer, { kind: "user" }>,
  handle: string,
  meta: { ipAddress: string | null },
): Promise<{ ended: boolean; wasCurrent: boolean; sessionId?: string }> {
  const sessions = await listUserSessions(viewer.userId);
  const target = sessions.find((s) => sessionHandle(s.id) === handle);
  if (!target) return { ended: false, wasCurrent: false };
  await db().transaction(async (tx) => {
    await invalidateSession(target.id, tx);
    await recordAudit(tx, {
      userId: viewer.userId,
      action: "end_session",
      entityType: "user",
      entityId: viewer.userId,
      before: { session: handle, createdAt: target.createdAt },
      ipAddress: meta.ipAddress,
    });
  });
  return { ended: true, wasCurrent: false, sessionId: target.id };
}

/**
 * "Sign out everywhere else" (keep `currentSessionId`) or "sign out everywhere"
 * (null): ends the viewer's sessions, with one audit row naming how many.
 */
export async function endOwnSessions(
  viewer: { userId: string },
  currentSessionId: string | null,
  meta: { ipAddress: string | null },
): Promise<number> {
  const before = await listUserSessions(viewer.userId);
  const ending = before.filter((s) => s.id !== currentSessionId);
  await db().transaction(async (tx) => {
    await invalidateUserSessions(viewer.userId, { exceptSessionId: currentSessionId ?? undefined, executor: tx });
    await recordAudit(tx, {
      userId: viewer.userId,
      action: currentSessionId ? "end_other_sessions" : "end_all_sessions",
      entityType: "user",
      entityId: viewer.userId,
      before: { sessions: ending.map((s) => sessionHandle(s.id)) },
      after: { sessionsEnded: ending.length },
      ipAddress: meta.ipAddress,
    });
  });
  return ending.length;
}

/** Records that a session was replaced by a new one (new id, same person). */
export async function recordSessionRotation(
  userId: string,
  meta: { ipAddress: string | null; from: string | null; to: string; reason: string },
) {
  await recordAudit(db(), {
    userId,
    action: "rotate_session",
    entityType: "user",
    entityId: userId,
    before: meta.from ? { session: sessionHandle(meta.from) } : null,
    after: { session: sessionHandle(meta.to), reason: meta.reason },
    ipAddress: meta.ipAddress,
  });
}

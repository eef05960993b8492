/**
 * A person's own sessions, for the account page: the list, and ending one.
 * Sessions are named by a hash of their id (`sessionHandle`): the id itself is
 * a bearer secret and never leaves the cookie.
 */
import { invalidateSession, listUserSessions } from "../../auth/lucia.server";
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

/** The private calendar feed of a member's or officer's due dates, built with its owner's Viewer, and its tokens. */
import crypto from "node:crypto";
import { and, desc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import { feedTokens } from "../../../db/schema/publishing";
import { db, type Executor } from "../../db.server";
import { getEnv } from "../../env.server";
import { isActionDone, questionStatus } from "../../rules/status.server";
import { type Viewer } from "../../rules/viewer.server";
import { actionVisible, questionVisible } from "../../rules/visibility.server";
import { refTable, refFields } from "../../utils/refs.server";
import { agendaItem, meeting } from "../meetings/refs.server";
import { user } from "../people/refs.server";
import { action, question } from "../questions/refs.server";
import { recordAudit } from "../records";
import { questionFacts } from "../search";
import { meetingEvents, renderCalendar } from "./feeds-calendar.server";
import { recommendationDueEvents } from "./feeds-recommendations.server";
import { hostOf, truncate } from "./feeds-shared.server";

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function currentFeedToken(userId: string) {
  const [row] = await db()
    .select({ id: feedTokens.id, createdAt: feedTokens.createdAt })
    .from(feedTokens)
    .where(and(eq(feedTokens.userId, userId), isNull(feedTokens.revokedAt)))
    .orderBy(desc(feedTokens.createdAt))
    .limit(1);
  return row ?? null;
}

/** Revokes any live token and issues a new one; the token itself is shown once and stored hashed. */
export async function issueFeedToken(tx: Executor, actor: { userId: string; ipAddress?: string | null }): Promise<string> {
  await revokeFeedTokens(tx, actor);
  const token = crypto.randomBytes(32).toString("base64url");
  const [row] = await tx.insert(feedTokens).values({ userId: actor.userId, tokenHash: hashToken(token) }).returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: "create",
    entityType: "feed_token",
    entityId: row.id,
    after: { createdAt: row.createdAt },
    ipAddress: actor.ipAddress,
  });
  return token;
}

export async function revokeFeedTokens(tx: Executor, actor: { userId: string; ipAddress?: string | null }) {
  const revoked = await tx
    .update(feedTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(feedTokens.userId, actor.userId), isNull(feedTokens.revokedAt)))
    .returning({ id: feedTokens.id });
  for (const r of revoked) {
    await recordAudit(tx, {
      userId: actor.userId,
      action: "revoke",
      entityType: "feed_token",
      entityId: r.id,
      before: { revokedAt: null },
      after: { revoked: true },
      ipAddress: actor.ipAddress,
    });
  }
  return revoked.length;
}

/** The account a feed token stands for (the people refs type their fields loosely, so said here). */
type FeedOwner = Omit<Extract<Viewer, { kind: "user" }>, "kind" | "userId"> & { id: string };

/**
 * The private feed: the meetings the token's owner may see, and the due dates of
 * their questions (a member's own; an officer's organisation's) and actions, and of the
 * responses to the board recommendations they lead.
 * Null for an unknown or revoked token, or a disabled account.
 */
export async function privateCalendar(site: string, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [u] = (await db()
    .select({ id: user.id, name: user.name, email: user.email, role: user.role, personId: user.personId, organisationId: user.organisationId })
    .from(feedTokens)
    .innerJoin(...user.on(feedTokens.userId))
    .where(and(eq(feedTokens.tokenHash, hashToken(token)), isNull(feedTokens.revokedAt), isNull(user.disabledAt)))) as FeedOwner[];
  if (!u) return null;
  // The token stands for its owner, as a session would (app/auth/viewer.server.ts).
  const viewer: Extract<Viewer, { kind: "user" }> = {
    kind: "user",
    userId: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    personId: u.personId,
    organisationId: u.organisationId,
  };
  const host = hostOf(site);
  const events = await meetingEvents(viewer, site);

  const mine =
    u.role === "member" && u.personId
      ? eq(question.askedById, u.personId)
      : u.role === "officer" && u.organisationId
        ? eq(question.addressedToId, u.organisationId)
        : undefined;
  if (mine) {
    const qs = await db()
      .select({ id: question.id, text: question.text, dueOn: question.dueOn, updatedAt: question.updatedAt })
      .from(refTable(question))
      .innerJoin(...agendaItem.on(question.agendaItemId))
      .innerJoin(...meeting.on(agendaItem.meetingId))
      .where(and(mine, questionVisible(viewer), isNotNull(question.dueOn)))
      .limit(500);
    const facts = await questionFacts(qs.map((q) => q.id));
    for (const q of qs) {
      const f = facts.get(q.id);
      if (!f || !["awaiting_response", "holding_response"].includes(questionStatus(f))) continue;
      events.push({
        uid: `question-due-${q.id}@${host}`,
        sequence: 0,
        stamp: q.updatedAt,
        summary: `Response due: ${truncate(q.text, 80)}`,
        url: `${site}/questions/${q.id}`,
        description: `${site}/questions/${q.id}`,
        status: "CONFIRMED",
        start: q.dueOn!,
      });
    }
  }
  const actionOwner =
    u.role === "officer" && u.organisationId
      ? eq(action.owningOrganisationId, u.organisationId)
      : u.role === "member" && u.personId
        ? or(eq(action.ownerId, u.personId), sql`${action.questionId} in (select ${question.id} from ${refTable(question)} where ${question.askedById} = ${u.personId})`)
        : undefined;
  if (actionOwner) {
    const actionFields = refFields(action);
    const as = await db().select(actionFields).from(refTable(action)).where(and(actionOwner, actionVisible(viewer))).limit(500);
    for (const a of as) {
      if (isActionDone(a)) continue;
      events.push({
        uid: `action-due-${a.id}@${host}`,
        sequence: 0,
        stamp: a.updatedAt,
        summary: `Action due: ${a.reference ? `${a.reference} ` : ""}${truncate(a.description, 80)}`,
        url: `${site}/actions/${a.id}`,
        status: "CONFIRMED",
        start: a.dueOn,
      });
    }
  }
  // The response due days of the board's recommendations they lead (issue 17).
  events.push(...(await recommendationDueEvents(viewer, site)));
  return renderCalendar(`${getEnv().SITE_NAME}: ${u.name}`, events);
}

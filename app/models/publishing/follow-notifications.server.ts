/** The e-mails to followers, derived from the audit log (see follow.server.ts), and the notifier each app server runs. */
import { and, asc, eq, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { subscriptions } from "../../../db/schema/publishing";
import { db, NOTIFY_LOCK_ID, type Executor } from "../../db.server";
import { PUBLIC_VIEWER } from "../../rules/viewer.server";
import { describeError } from "../../utils/error-log";
import { siteUrl } from "../../utils/site-url.server";
import { queueEmail } from "./outbox.server";
import { refTable, refFields } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, meeting } from "../meetings/refs.server";
import { organisation } from "../people/refs.server";
import { action, actionPriorityOfAction, question, questionPriorityOfQuestion, response } from "../questions/refs.server";
import { settingValue, settledAuditId, storeSetting } from "../records";
import { auditEntryOf } from "../records/refs.server";
import { findFollowTarget, FOLLOW_TYPE_LABELS, type FollowTarget, type FollowTargetType } from "./follow-targets.server";
import { stopLines, unsubscribeHeaders, unsubscribeToken } from "./follow-tokens.server";
import { queueOverdueRecommendationNotices, RECOMMENDATION_EVENTS, recommendationEventLines, recommendationKeys } from "./follow-recommendations.server";
import { isoDay } from "../../rules/dates.server";

const CURSOR_KEY = "notify.cursor";

/** The audit actions (a contract with the other features) that followers hear about. */
export const NOTIFY_EVENTS: Record<string, Record<string, string>> = {
  meeting: {
    publish_agenda: "Agenda published",
    publish_supplementary: "Supplementary agenda published",
    publish_minutes: "Minutes published",
    approve_minutes: "Minutes approved",
    cancel: "Meeting cancelled",
    postpone: "Meeting postponed",
  },
  question: { respond: "Response posted", correct_response: "Response corrected" },
  action: { complete: "Action completed" },
  recommendation: RECOMMENDATION_EVENTS,
};

interface Followed {
  /** What the e-mail is about (always public, checked with the public Viewer). */
  target: FollowTarget;
  /** Every (type, id) whose followers hear of it. */
  keys: { type: FollowTargetType; id: string }[];
}

async function followedFor(tx: Executor, entityType: string, entityId: string): Promise<Followed | null> {
  if (entityType === "meeting") {
    const target = await findFollowTarget(PUBLIC_VIEWER, "meeting", entityId, tx);
    if (!target) return null;
    const [m] = await tx.select({ bodyId: meeting.bodyId }).from(refTable(meeting)).where(eq(meeting.id, entityId));
    return { target, keys: [{ type: "meeting", id: entityId }, { type: "body", id: String(m.bodyId) }] };
  }
  if (entityType === "question") {
    const target = await findFollowTarget(PUBLIC_VIEWER, "question", entityId, tx);
    if (!target) return null;
    const [q] = await tx
      .select({ meetingId: meeting.id, bodyId: meeting.bodyId })
      .from(refTable(question))
      .innerJoin(...agendaItem.on(question.agendaItemId))
      .innerJoin(...meeting.on(agendaItem.meetingId))
      .where(eq(question.id, entityId));
    const ps = await tx
      .select({ id: questionPriorityOfQuestion.priorityId })
      .from(refTable(questionPriorityOfQuestion))
      .where(eq(questionPriorityOfQuestion.questionId, entityId));
    return {
      target,
      keys: [
        { type: "question", id: entityId },
        { type: "meeting", id: String(q.meetingId) },
        { type: "body", id: String(q.bodyId) },
        ...ps.map((p) => ({ type: "priority" as const, id: p.id })),
      ],
    };
  }
  if (entityType === "action") {
    const target = await findFollowTarget(PUBLIC_VIEWER, "action", entityId, tx);
    if (!target) return null;
    const [a] = await tx.select({ questionId: action.questionId }).from(refTable(action)).where(eq(action.id, entityId));
    const ps = await tx
      .select({ id: actionPriorityOfAction.priorityId })
      .from(refTable(actionPriorityOfAction))
      .where(eq(actionPriorityOfAction.actionId, entityId));
    return {
      target,
      keys: [
        { type: "action", id: entityId },
        ...(a.questionId ? [{ type: "question" as const, id: a.questionId }] : []),
        ...ps.map((p) => ({ type: "priority" as const, id: p.id })),
      ],
    };
  }
  if (entityType === "recommendation") {
    // A board's own recommendation the public may see (an inspection's, or a private one, is null).
    const target = await findFollowTarget(PUBLIC_VIEWER, "recommendation", entityId, tx);
    return target ? { target, keys: recommendationKeys(entityId) } : null;
  }
  return null;
}

/** An entry of the audit log, as the records domain offers it (never its IP address). */
const auditEntry = refFields(auditEntryOf);
type AuditEvent = { entityType: string; action: string; entityId: string | null; after: unknown };

/**
 * A response event's own words for the e-mail (issue 15, item 13): which kind it is, for the
 * subject, and the response's text, with why it is attributed where the source names nobody.
 * Only for a question that is public (the caller checked it); null for any other event.
 */
async function answerIn(tx: Executor, event: AuditEvent): Promise<{ what: string; lines: string[] } | null> {
  if (event.entityType === "recommendation" && event.entityId) {
    return { what: RECOMMENDATION_EVENTS[event.action], lines: await recommendationEventLines(tx, event.action, event.entityId) };
  }
  if (event.entityType !== "question" || !["respond", "correct_response"].includes(event.action) || !event.entityId) return null;
  const responseId = (event.after as { responseId?: unknown } | null)?.responseId;
  if (typeof responseId !== "string" || !isUuid(responseId)) return null;
  const [r] = await tx
    .select({ kind: response.kind, body: response.body, attributionNote: response.attributionNote, organisation: organisation.name })
    .from(refTable(response))
    .leftJoin(...organisation.on(response.organisationId))
    .where(and(eq(response.id, responseId), eq(response.questionId, event.entityId)));
  if (!r) return null;
  const kind = r.kind === "holding" ? "Holding response" : "Full response";
  const what = event.action === "correct_response" ? `${kind} corrected` : `${kind} posted`;
  const from = r.organisation ? (r.attributionNote ? `Recorded as ${r.organisation}'s` : `From ${r.organisation}`) : null;
  return {
    what,
    lines: [
      `${event.action === "correct_response" ? "The corrected response" : `The ${kind.toLowerCase()}`}${from ? ` (${from})` : ""}:`,
      "",
      // Markdown reads as plain text: the e-mail keeps its paragraphs and lists.
      r.body.trim(),
      "",
      ...(r.attributionNote ? [`Who responded: ${r.attributionNote}`, ""] : []),
    ],
  };
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Queues an e-mail to each follower of each change recorded in the audit log
 * since the last run, and of each public board recommendation whose response has
 * become overdue (by `now`'s day). Returns how many were queued, or null when another
 * server holds the lock, or a write still open keeps the log from settling (the next run
 * takes it up).
 */
export async function deliverFollowerNotifications(options: { site: string; batch?: number; now?: Date }): Promise<number | null> {
  const site = options.site.replace(/\/+$/, "");
  // Read first, in a transaction of its own: the entries up to it are all committed, and seen below.
  const settled = await settledAuditId();
  if (settled === null) return null;
  return db().transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${NOTIFY_LOCK_ID}) as locked`));
    if (!lock?.locked) return null;
    const cursorValue = await settingValue(tx, CURSOR_KEY);
    const cursor = cursorValue !== undefined ? Number(cursorValue) : 0;
    const pairs = Object.entries(NOTIFY_EVENTS).flatMap(([type, acts]) =>
      Object.keys(acts).map((a) => and(eq(auditEntry.entityType, type), eq(auditEntry.action, a))),
    );
    const batch = options.batch ?? 500;
    const events = await tx
      .select(auditEntry)
      .from(refTable(auditEntryOf))
      .where(and(gt(auditEntry.id, cursor), lte(auditEntry.id, settled), or(...pairs)))
      .orderBy(asc(auditEntry.id))
      .limit(batch);
    // Never past an entry still to commit (settledAuditId), so none is passed over.
    const newCursor = events.length === batch ? events[events.length - 1].id : Math.max(cursor, settled);
    let queued = 0;
    for (const event of events) {
      if (!event.entityId || !isUuid(event.entityId)) continue;
      const followed = await followedFor(tx, event.entityType, event.entityId);
      if (!followed) continue; // not public (a draft, or exempt): nobody is told
      const subs = await tx
        .select()
        .from(subscriptions)
        .where(
          and(
            or(...followed.keys.map((k) => and(eq(subscriptions.targetType, k.type), eq(subscriptions.targetId, k.id)))),
            isNotNull(subscriptions.confirmedAt),
            isNull(subscriptions.unsubscribedAt),
            lte(subscriptions.confirmedAt, event.at),
          ),
        )
        .orderBy(asc(subscriptions.createdAt));
      const seen = new Set<string>();
      const answer = await answerIn(tx, event);
      const what = answer?.what ?? NOTIFY_EVENTS[event.entityType][event.action];
      for (const sub of subs) {
        if (seen.has(sub.email)) continue;
        seen.add(sub.email);
        const token = await unsubscribeToken(tx, sub.id, sub.tokenVersion);
        const followedTarget =
          sub.targetType === followed.target.type && sub.targetId === followed.target.id
            ? followed.target
            : await findFollowTarget(PUBLIC_VIEWER, sub.targetType, sub.targetId, tx);
        const row = await queueEmail(tx, {
          to: sub.email,
          subject: `${what}: ${followed.target.title}`,
          body: [
            `${what}: ${followed.target.title}`,
            `${site}${followed.target.path}`,
            "",
            ...(answer?.lines ?? []),
            `You get this e-mail because you follow ${followedTarget ? `the ${FOLLOW_TYPE_LABELS[sub.targetType]} “${followedTarget.title}”` : `a ${FOLLOW_TYPE_LABELS[sub.targetType]}`}.`,
            ...stopLines(site, token),
          ].join("\n"),
          headers: unsubscribeHeaders(site, token),
          dedupeKey: `follow:${sub.id}:${event.id}`,
        });
        if (row) queued += 1;
      }
    }
    await storeSetting(tx, CURSOR_KEY, newCursor);
    queued += await queueOverdueRecommendationNotices(tx, site, isoDay(options.now ?? new Date()));
    return queued;
  });
}

/** For the periodic run in each app server: errors are logged, never thrown. */
export async function deliverFollowerNotificationsQuietly(site: string) {
  try {
    await deliverFollowerNotifications({ site });
  } catch (error) {
    console.warn(`[notify] follower notifications failed: ${describeError(error)}`);
  }
}


/** The site's address for links in e-mails sent outside a request: SITE_URL, else this server. */
export function configuredSiteUrl(): string {
  return siteUrl();
}

let timer: NodeJS.Timeout | null = null;
let running: Promise<void> | null = null;

async function notifyFollowersOnce() {
  try {
    const queued = await deliverFollowerNotifications({ site: configuredSiteUrl() });
    if (queued) {
      const { sendPendingEmailsQuietly } = await import("./outbox.server");
      await sendPendingEmailsQuietly();
    }
  } catch (error) {
    console.warn(`[notify] follower notifications failed: ${describeError(error)}`);
  }
}

/** Each app server runs the notifier every minute (the advisory lock lets one at a time work). */
export function startFollowerNotifier(intervalMs = 60_000) {
  if (timer) return;
  timer = setInterval(() => {
    if (running) return; // a slow run is not overlapped by the next
    running = notifyFollowersOnce().finally(() => (running = null));
  }, intervalMs);
  timer.unref();
}

/** Stops the notifier and waits for a run in progress to finish (a graceful stop: SIGTERM). */
export async function stopFollowerNotifier() {
  if (timer) clearInterval(timer);
  timer = null;
  await running;
}

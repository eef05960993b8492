/**
 * Following the board's own recommendations (issue 17, item 5): who hears of a recommendation's
 * response and the board's judgement (from the audit log, as every other follow e-mail), and the
 * e-mail when a response becomes overdue, which no write records, so it is found by its clock.
 *
 * Only a recommendation the public may see is ever told of (checked with the public Viewer):
 * one agreed in an exempt item is private with it, so no follower hears of it.
 * The overdue e-mail goes once per address, recommendation and due day (its dedupe key), to the
 * followers who followed it (or the register) before it became overdue.
 */
import { and, asc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { outbox, subscriptions } from "../../../db/schema/publishing";
import type { Executor } from "../../db.server";
import { formatDate } from "../../rules/dates.server";
import { daysBetween } from "../../rules/deadlines.server";
import { IMPLEMENTATION_STATE_LABELS, RESPONSE_OUTCOME_LABELS } from "../../rules/recommendation-outcomes.server";
import { PUBLIC_VIEWER } from "../../rules/viewer.server";
import { recommendationVisible } from "../../rules/visibility.server";
import { markdownToText } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { boardRecommendation, recommendationResponseOf } from "../oversight/refs.server";
import { findFollowTarget, FOLLOW_TYPE_LABELS, RECOMMENDATION_REGISTER_FOLLOW_ID, type FollowTarget, type FollowTargetType } from "./follow-targets.server";
import { stopLines, unsubscribeHeaders, unsubscribeToken } from "./follow-tokens.server";
import { queueEmail } from "./outbox.server";

/** The audit actions on a board recommendation that its followers hear of. */
export const RECOMMENDATION_EVENTS: Record<string, string> = {
  respond: "Response recorded",
  judge: "The board's judgement recorded",
};

/** Whose followers hear of a recommendation: its own, and the register's. */
export function recommendationKeys(id: string): { type: FollowTargetType; id: string }[] {
  return [
    { type: "recommendation", id },
    { type: "recommendation_register", id: RECOMMENDATION_REGISTER_FOLLOW_ID },
  ];
}

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

/** The lines of a response or judgement e-mail, read from the record as it now is. */
export async function recommendationEventLines(tx: Executor, action: string, id: string): Promise<string[]> {
  const [r] = await tx
    .select({
      dueOn: boardRecommendation.responseDueOn,
      state: boardRecommendation.implementationState,
      judgedOn: boardRecommendation.judgedOn,
      judgement: boardRecommendation.judgement,
      outcome: recommendationResponseOf.outcome,
      reasons: recommendationResponseOf.reasons,
      actionPlanned: recommendationResponseOf.actionPlanned,
      givenBy: recommendationResponseOf.givenBy,
      givenOn: recommendationResponseOf.givenOn,
    })
    .from(refTable(boardRecommendation))
    .leftJoin(...recommendationResponseOf.on(boardRecommendation.id))
    .where(eq(boardRecommendation.id, id));
  if (!r) return [];
  if (action === "respond" && r.outcome && r.givenOn) {
    const late = r.dueOn && r.givenOn > r.dueOn ? daysBetween(r.dueOn, r.givenOn) : 0;
    return [
      `${RESPONSE_OUTCOME_LABELS[r.outcome]} by ${r.givenBy} on ${formatDate(r.givenOn)}: ${late > 0 ? `${days(late)} late` : "on time"}${r.dueOn ? ` (due ${formatDate(r.dueOn)})` : ""}.`,
      "",
      ...(r.reasons?.trim() ? ["Reasons:", markdownToText(r.reasons).trim(), ""] : []),
      ...(r.actionPlanned?.trim() ? ["The action it will take:", markdownToText(r.actionPlanned).trim(), ""] : []),
    ];
  }
  if (action === "judge" && r.state) {
    return [
      `The board judged it ${IMPLEMENTATION_STATE_LABELS[r.state].toLowerCase()}${r.judgedOn ? ` on ${formatDate(r.judgedOn)}` : ""}.`,
      "",
      ...(r.judgement?.trim() ? [markdownToText(r.judgement).trim(), ""] : []),
    ];
  }
  return [];
}

const overdueKey = (recommendationId: string, dueOn: string, email: string) => `follow-overdue:${recommendationId}:${dueOn}:${email}`;

/**
 * Queues the "response overdue" e-mail to each follower of each public board recommendation
 * whose response is overdue today, once per address (the dedupe key), to those who followed
 * before the day it became overdue. At most `limit` a run (the next run goes on). Returns how many.
 */
export async function queueOverdueRecommendationNotices(tx: Executor, site: string, today: string, limit = 500): Promise<number> {
  const rows = await tx
    .select({
      id: boardRecommendation.id,
      dueOn: boardRecommendation.responseDueOn,
      sub: subscriptions,
    })
    .from(refTable(boardRecommendation))
    .innerJoin(
      subscriptions,
      and(
        isNotNull(subscriptions.confirmedAt),
        isNull(subscriptions.unsubscribedAt),
        // Followed before the day after the due day, when it became overdue.
        sql`${subscriptions.confirmedAt} < (${boardRecommendation.responseDueOn} + 1)::timestamptz`,
        or(
          and(eq(subscriptions.targetType, "recommendation"), eq(subscriptions.targetId, boardRecommendation.id)),
          and(eq(subscriptions.targetType, "recommendation_register"), eq(subscriptions.targetId, RECOMMENDATION_REGISTER_FOLLOW_ID)),
        ),
      ),
    )
    .leftJoin(...recommendationResponseOf.on(boardRecommendation.id))
    .where(
      and(
        eq(boardRecommendation.source, "board"),
        isNotNull(boardRecommendation.receivedOn),
        isNull(recommendationResponseOf.id),
        lt(boardRecommendation.responseDueOn, today),
        recommendationVisible(PUBLIC_VIEWER),
        sql`not exists (select 1 from ${outbox} where ${outbox.dedupeKey} = 'follow-overdue:' || ${boardRecommendation.id} || ':' || ${boardRecommendation.responseDueOn} || ':' || ${subscriptions.email})`,
      ),
    )
    // The recommendation's own follow first, so its link is the one in the e-mail.
    .orderBy(asc(boardRecommendation.responseDueOn), asc(boardRecommendation.id), asc(subscriptions.email), sql`${subscriptions.targetType} = 'recommendation' desc`)
    .limit(limit);
  let queued = 0;
  const targets = new Map<string, FollowTarget | null>();
  for (const row of rows) {
    const dueOn = row.dueOn!;
    if (!targets.has(row.id)) targets.set(row.id, await findFollowTarget(PUBLIC_VIEWER, "recommendation", row.id, tx));
    const target = targets.get(row.id);
    if (!target) continue;
    const sub = row.sub;
    const token = await unsubscribeToken(tx, sub.id, sub.tokenVersion);
    const late = daysBetween(dueOn, today);
    const because = sub.targetType === "recommendation" ? `the ${FOLLOW_TYPE_LABELS.recommendation} “${target.title}”` : `the ${FOLLOW_TYPE_LABELS.recommendation_register}`;
    const mail = await queueEmail(tx, {
      to: sub.email,
      subject: `Response overdue: ${target.title}`,
      body: [
        `Response overdue: ${target.title}`,
        `${site}${target.path}`,
        "",
        `The response was due on ${formatDate(dueOn)} and none has been recorded: ${days(late)} overdue.`,
        "",
        `You get this e-mail because you follow ${because}.`,
        ...stopLines(site, token),
      ].join("\n"),
      headers: unsubscribeHeaders(site, token),
      dedupeKey: overdueKey(row.id, dueOn, sub.email),
    });
    if (mail) queued += 1;
  }
  return queued;
}

/**
 * Requests to cancel an action the board agreed in a minute, as they appear on
 * the action's and its question's timelines and on the clerk's dashboard
 * (docs/decisions/014-cancelling-a-board-agreed-action.md). The writes are in
 * action-changes.server.ts.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { actionCancellationRequests, actions } from "../../../db/schema/questions";
import { db } from "../../db.server";
import { formatDate } from "../../rules/dates.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { organisation, user, userRef } from "../people/refs.server";
import { isUuid } from "./questions.server";

/** Every request about an action, for its timeline and its question's, oldest first. */
export async function cancellationRequestsFor(actionIds: string[]) {
  if (actionIds.length === 0) return [];
  const requester = userRef("requester");
  const decider = userRef("decider");
  return db()
    .select({
      id: actionCancellationRequests.id,
      actionId: actionCancellationRequests.actionId,
      reason: actionCancellationRequests.reason,
      requestedAt: actionCancellationRequests.requestedAt,
      requestedBy: requester.name,
      decision: actionCancellationRequests.decision,
      decisionNote: actionCancellationRequests.decisionNote,
      decidedAt: actionCancellationRequests.decidedAt,
      decidedBy: decider.name,
    })
    .from(actionCancellationRequests)
    .leftJoin(...requester.on(actionCancellationRequests.requestedById))
    .leftJoin(...decider.on(actionCancellationRequests.decidedById))
    .where(inArray(actionCancellationRequests.actionId, actionIds))
    .orderBy(asc(actionCancellationRequests.requestedAt));
}

/** Timeline entries for cancellation requests: asked (and whether it still waits), then the clerk's answer. */
export function cancellationTimeline(requests: Awaited<ReturnType<typeof cancellationRequestsFor>>) {
  const dt = (d: Date) => ({ at: d.toISOString(), date: formatDate(d) });
  return requests.flatMap((r) => [
    {
      ...dt(r.requestedAt),
      label: r.decidedAt ? "Cancellation requested" : "Cancellation requested: waiting for the clerk",
      who: r.requestedBy,
      html: renderMarkdown(r.reason) as string | undefined,
    },
    ...(r.decidedAt
      ? [
          {
            ...dt(r.decidedAt),
            label: r.decision === "confirmed" ? "Cancellation confirmed by the clerk" : "Cancellation refused by the clerk",
            who: r.decidedBy,
            html: r.decisionNote ? (renderMarkdown(r.decisionNote) as string | undefined) : undefined,
          },
        ]
      : []),
  ]);
}

/** Requests waiting for the clerk, oldest first (the clerk's dashboard). */
export async function waitingCancellationRequests() {
  return db()
    .select({
      actionId: actions.id,
      reference: actions.reference,
      description: actions.description,
      organisation: organisation.name,
      reason: actionCancellationRequests.reason,
      requestedAt: actionCancellationRequests.requestedAt,
      requestedBy: user.name,
    })
    .from(actionCancellationRequests)
    .innerJoin(actions, eq(actions.id, actionCancellationRequests.actionId))
    .innerJoin(...organisation.on(actions.owningOrganisationId))
    .leftJoin(...user.on(actionCancellationRequests.requestedById))
    .where(isNull(actionCancellationRequests.decidedAt))
    .orderBy(asc(actionCancellationRequests.requestedAt));
}

/** Whether a request to cancel the action waits for the clerk. */
export async function hasPendingCancellation(id: string) {
  if (!isUuid(id)) return false;
  const [row] = await db()
    .select({ id: actionCancellationRequests.id })
    .from(actionCancellationRequests)
    .where(and(eq(actionCancellationRequests.actionId, id), isNull(actionCancellationRequests.decidedAt)));
  return Boolean(row);
}

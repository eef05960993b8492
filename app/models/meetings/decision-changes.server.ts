/**
 * The clerk's writes to decisions and to an exempt item through time (issue 18 items 4 and 7,
 * ADR 034): recording, editing and removing a decision on an item; setting when an exempt
 * item's exemption is reviewed; releasing it after review. Each write is checked here (the
 * routes show the refusal beside its field) and audit-logged in the same transaction.
 */
import { and, asc, eq, lte, max } from "drizzle-orm";
import { agendaItems, decisions, meetings } from "../../../db/schema/meetings";
import { db, type Executor } from "../../db.server";
import { now } from "../../auth/clock.server";
import { isoDay } from "../../rules/dates.server";
import { decisionDatesProblem } from "../../rules/decision-status.server";
import { meetingStatus } from "../../rules/meeting-status.server";
import { ClerkError, ConflictError, type Actor } from "../../utils/clerk-errors.server";
import { isUuid } from "../../utils/uuid";
import { recordAudit } from "../records";

export interface DecisionInput {
  text: string;
  reasons: string;
  callInUntil: string | null;
  calledInOn: string | null;
  implementedOn: string | null;
}

async function itemAndMeeting(tx: Executor, itemId: string) {
  if (!isUuid(itemId)) throw new ClerkError("form", "This agenda item no longer exists");
  const [row] = await tx
    .select({ item: agendaItems, meeting: meetings })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItems.id, itemId))
    .for("update");
  if (!row) throw new ClerkError("form", "This agenda item no longer exists");
  return row;
}

/** A meeting that has taken place: not cancelled or postponed, and its start has passed. */
function held(meeting: typeof meetings.$inferSelect) {
  return meetingStatus(meeting, now()) === "held";
}

function checkDates(input: DecisionInput, meeting: typeof meetings.$inferSelect) {
  const day = meeting.datePrecision === "exact" ? isoDay(meeting.startsAt) : null;
  const problem = decisionDatesProblem(input, day);
  if (problem) throw new ClerkError(problem.field, problem.message);
}

export async function createDecision(tx: Executor, actor: Actor, itemId: string, input: DecisionInput) {
  const { meeting } = await itemAndMeeting(tx, itemId);
  if (!held(meeting)) throw new ClerkError("text", "A decision is recorded once the meeting has been held");
  checkDates(input, meeting);
  const [{ last }] = await tx.select({ last: max(decisions.position) }).from(decisions).where(eq(decisions.agendaItemId, itemId));
  const [row] = await tx
    .insert(decisions)
    .values({ agendaItemId: itemId, position: (last ?? -1) + 1, ...input })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "decision", entityId: row.id, after: withoutSearch(row), ipAddress: actor.ipAddress });
  return row;
}

async function decisionOfItem(tx: Executor, itemId: string, id: string) {
  if (!isUuid(id)) throw new ClerkError("form", "That decision no longer exists");
  const [row] = await tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.id, id), eq(decisions.agendaItemId, itemId)))
    .for("update");
  if (!row) throw new ClerkError("form", "That decision no longer exists");
  return row;
}

const withoutSearch = <T extends { search?: unknown }>(row: T) => {
  const { search: _search, ...rest } = row;
  return rest;
};
const editable = (d: typeof decisions.$inferSelect) => ({
  text: d.text,
  reasons: d.reasons,
  callInUntil: d.callInUntil,
  calledInOn: d.calledInOn,
  implementedOn: d.implementedOn,
});

export async function updateDecision(tx: Executor, actor: Actor, itemId: string, id: string, version: number, input: DecisionInput) {
  const { meeting } = await itemAndMeeting(tx, itemId);
  const before = await decisionOfItem(tx, itemId, id);
  if (before.version !== version) throw new ConflictError(editable(before), before.version);
  checkDates(input, meeting);
  const [after] = await tx
    .update(decisions)
    .set({ ...input, version: before.version + 1, updatedAt: new Date() })
    .where(eq(decisions.id, id))
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "decision", entityId: id, before: editable(before), after: editable(after), ipAddress: actor.ipAddress });
  return after;
}

export async function removeDecision(tx: Executor, actor: Actor, itemId: string, id: string) {
  const before = await decisionOfItem(tx, itemId, id);
  await tx.delete(decisions).where(eq(decisions.id, id));
  await recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "decision", entityId: id, before: withoutSearch(before), ipAddress: actor.ipAddress });
}

/** An item's decisions for the clerk (every one, whoever may see them publicly). */
export async function clerkDecisionsOfItem(itemId: string, executor: Executor = db()) {
  if (!isUuid(itemId)) return [];
  const rows = await executor
    .select()
    .from(decisions)
    .where(eq(decisions.agendaItemId, itemId))
    .orderBy(asc(decisions.position), asc(decisions.id));
  return rows.map(withoutSearch);
}

// ---------------------------------------------------------------------------
// Exempt items through time (item 7)
// ---------------------------------------------------------------------------

/** Sets (or clears, with null) the day an exempt item's exemption will be reviewed. */
export async function setExemptReview(tx: Executor, actor: Actor, itemId: string, reviewOn: string | null) {
  const { item } = await itemAndMeeting(tx, itemId);
  if (!item.isExempt) throw new ClerkError("reviewOn", "Only an exempt item has a review date");
  await tx.update(agendaItems).set({ exemptReviewOn: reviewOn, updatedAt: new Date() }).where(eq(agendaItems.id, itemId));
  await recordAudit(tx, {
    userId: actor.userId,
    action: "set_exempt_review",
    entityType: "agenda_item",
    entityId: itemId,
    before: { exemptReviewOn: item.exemptReviewOn },
    after: { exemptReviewOn: reviewOn },
    ipAddress: actor.ipAddress,
  });
}

export const RELEASE_NOT_HELD = "An exempt item can be released only after its meeting has been held: until then it is the meeting's to consider in private";

/**
 * Releases an exempt item after review: it is no longer exempt, so its content (body,
 * documents, minute, decisions, questions) becomes public through every existing path,
 * and its pages say "Released on ... after review". The paragraph and reason stay on the
 * record. Refused before the meeting has been held, and without the clerk's confirmation.
 */
export async function releaseExemptItem(tx: Executor, actor: Actor, itemId: string, confirmed: boolean) {
  const { item, meeting } = await itemAndMeeting(tx, itemId);
  if (!item.isExempt) throw new ClerkError("form", item.releasedAt ? "This item has already been released" : "This item is not exempt");
  if (!held(meeting)) throw new ClerkError("confirm", RELEASE_NOT_HELD);
  if (!confirmed) throw new ClerkError("confirm", "Confirm that the review found the item no longer needs to be exempt");
  const at = now();
  await tx
    .update(agendaItems)
    .set({ isExempt: false, releasedAt: at, releasedById: actor.userId, version: item.version + 1, updatedAt: at })
    .where(eq(agendaItems.id, itemId));
  await recordAudit(tx, {
    userId: actor.userId,
    action: "release",
    entityType: "agenda_item",
    entityId: itemId,
    before: { isExempt: true, exemptParagraph: item.exemptParagraph, exemptReason: item.exemptReason, exemptReviewOn: item.exemptReviewOn },
    after: { isExempt: false, releasedAt: at },
    ipAddress: actor.ipAddress,
  });
}

/** Exempt items whose review date is today or past, for the clerk's dashboard. */
export async function exemptItemsDueForReview(today = isoDay(now())) {
  return db()
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      reviewOn: agendaItems.exemptReviewOn,
      paragraph: agendaItems.exemptParagraph,
      meetingTitle: meetings.title,
      meetingSlug: meetings.slug,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(agendaItems.isExempt, true), lte(agendaItems.exemptReviewOn, today)))
    .orderBy(asc(agendaItems.exemptReviewOn), asc(agendaItems.id))
    .limit(100);
}

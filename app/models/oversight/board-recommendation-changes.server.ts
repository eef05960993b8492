/**
 * Clerks and officers at work on the board's own recommendations (issue 17): recording
 * one from a minute or a review report, the addressee's receipt (the response clock
 * starts there), its response, the review date and the board's later judgement.
 * Every write is checked here (so no route can skip a rule) and recorded in the audit log.
 * The due day is written only from responseDueOn(): no form can set it.
 */
import { and, eq, ne } from "drizzle-orm";
import { recommendationResponses, recommendations } from "../../../db/schema/oversight";
import type { Executor } from "../../db.server";
import { responseDueOn, responsePeriodOf, RESPONSE_WORKING_DAYS_RANGE, type ResponsePeriod } from "../../rules/deadlines.server";
import { isoDay } from "../../rules/dates.server";
import { refTable } from "../../utils/refs.server";
import { agendaItem, meeting, minute } from "../meetings/refs.server";
import { organisation, person } from "../people/refs.server";
import { setOrganisationResponsePeriod } from "../people";
import type { Actor } from "./link-changes.server";
import { recordAudit } from "../records";

export { IMPLEMENTATION_STATE_LABELS, RESPONSE_OUTCOME_LABELS, type ImplementationState, type ResponseOutcome } from "../../rules/recommendation-outcomes.server";
import type { ImplementationState, ResponseOutcome } from "../../rules/recommendation-outcomes.server";

/** A rule broken by a write, with the field it belongs beside. */
export class BoardRecommendationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The period an organisation has to respond: statutory unless its setting says otherwise. */
export function periodOf(org: { statutoryResponseDuty: boolean; responseWorkingDays: number | null }): ResponsePeriod {
  return responsePeriodOf(org);
}

async function addresseePeriod(tx: Executor, organisationId: string): Promise<ResponsePeriod> {
  const [org] = await tx
    .select({ statutoryResponseDuty: organisation.statutoryResponseDuty, responseWorkingDays: organisation.responseWorkingDays })
    .from(refTable(organisation))
    .where(eq(organisation.id, organisationId));
  if (!org) throw new BoardRecommendationError("addresseeOrganisationId", "Select who the recommendation is addressed to");
  return periodOf(org);
}

/** The minute a recommendation was agreed at: its meeting, body and day. */
async function minuteOrigin(tx: Executor, minuteId: string) {
  const [row] = await tx
    .select({ minuteId: minute.id, meetingId: meeting.id, bodyId: meeting.bodyId, startsAt: meeting.startsAt })
    .from(refTable(minute))
    .innerJoin(...agendaItem.on(minute.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(eq(minute.id, minuteId));
  return row ?? null;
}

export interface BoardRecommendationInput {
  bodyId: string;
  reference: string;
  text: string;
  /** Agreed at a minute, or in a review report (a document) on a given day. */
  agreedAtMinuteId: string | null;
  agreedInDocumentId: string | null;
  agreedOn: string | null;
  addresseeOrganisationId: string;
  leadPersonId: string | null;
  receivedOn: string | null;
  reviewOn: string | null;
}

async function checkInput(tx: Executor, input: BoardRecommendationInput, exceptId: string | null) {
  let agreedOn = input.agreedOn;
  let agreedAtMeetingId: string | null = null;
  if (input.agreedAtMinuteId) {
    const origin = await minuteOrigin(tx, input.agreedAtMinuteId);
    if (!origin) throw new BoardRecommendationError("agreedAtMinuteId", "Select the minute where the board agreed the recommendation");
    if (origin.bodyId !== input.bodyId) throw new BoardRecommendationError("agreedAtMinuteId", "Select a minute of a meeting of this board");
    agreedOn = isoDay(origin.startsAt);
    agreedAtMeetingId = origin.meetingId;
  } else if (!input.agreedInDocumentId) {
    throw new BoardRecommendationError("agreedAtMinuteId", "Select the minute, or the review report, where the board agreed the recommendation");
  } else if (!agreedOn) {
    throw new BoardRecommendationError("agreedOn", "Enter the date the board agreed the report");
  }
  const clash = await tx
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.bodyId, input.bodyId), eq(recommendations.reference, input.reference), exceptId ? ne(recommendations.id, exceptId) : undefined));
  if (clash.length > 0) throw new BoardRecommendationError("reference", `${input.reference} is already used by another recommendation of this board`);
  if (input.receivedOn && agreedOn && input.receivedOn < agreedOn) {
    throw new BoardRecommendationError("receivedOn", "The date it was received must be on or after the day the board agreed it");
  }
  if (input.reviewOn && agreedOn && input.reviewOn <= agreedOn) {
    throw new BoardRecommendationError("reviewOn", "The review date must be after the day the board agreed it");
  }
  const period = await addresseePeriod(tx, input.addresseeOrganisationId);
  if (input.leadPersonId) {
    const [lead] = await tx.select({ organisationId: person.organisationId }).from(refTable(person)).where(eq(person.id, input.leadPersonId));
    if (lead?.organisationId !== input.addresseeOrganisationId) {
      throw new BoardRecommendationError("leadPersonId", "Select a lead person who works for the organisation it is addressed to");
    }
  }
  return { agreedOn, agreedAtMeetingId, responseDueOn: input.receivedOn ? responseDueOn(input.receivedOn, period) : null };
}

/** The columns a clerk's input and its derived facts (agreed day, meeting, due day) write. */
function storedFields(input: BoardRecommendationInput, derived: Awaited<ReturnType<typeof checkInput>>) {
  return {
    bodyId: input.bodyId,
    reference: input.reference,
    text: input.text,
    agreedAtMinuteId: input.agreedAtMinuteId,
    agreedAtMeetingId: derived.agreedAtMeetingId,
    agreedInDocumentId: input.agreedAtMinuteId ? null : input.agreedInDocumentId,
    agreedOn: derived.agreedOn,
    addresseeOrganisationId: input.addresseeOrganisationId,
    leadPersonId: input.leadPersonId,
    receivedOn: input.receivedOn,
    responseDueOn: derived.responseDueOn,
    reviewOn: input.reviewOn,
  };
}

export async function recordBoardRecommendation(tx: Executor, actor: Actor, input: BoardRecommendationInput) {
  const derived = await checkInput(tx, input, null);
  const [row] = await tx
    .insert(recommendations)
    .values({
      source: "board",
      kind: "recommendation",
      ...storedFields(input, derived),
    })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "recommendation", entityId: row.id, after: row, ipAddress: actor.ipAddress ?? null });
  return row;
}

/**
 * A clerk's edit of a board recommendation. Changing the date it was received moves the
 * clock, so it needs a reason, kept in the audit log with the old and new dates.
 */
export async function updateBoardRecommendation(tx: Executor, actor: Actor, id: string, input: BoardRecommendationInput, receiptChangeReason: string) {
  const [before] = await tx.select().from(recommendations).where(and(eq(recommendations.id, id), eq(recommendations.source, "board")));
  if (!before) return null;
  const receiptChanged = (before.receivedOn ?? null) !== (input.receivedOn ?? null);
  if (receiptChanged && before.receivedOn && !receiptChangeReason.trim()) {
    throw new BoardRecommendationError("receiptChangeReason", "Say why the date it was received is changing");
  }
  const [response] = await tx.select({ givenOn: recommendationResponses.givenOn }).from(recommendationResponses).where(eq(recommendationResponses.recommendationId, id));
  if (response && (!input.receivedOn || response.givenOn < input.receivedOn)) {
    throw new BoardRecommendationError("receivedOn", "The date it was received cannot be after the response it has already had");
  }
  const derived = await checkInput(tx, input, id);
  const [after] = await tx
    .update(recommendations)
    .set({
      ...storedFields(input, derived),
      updatedAt: new Date(),
    })
    .where(eq(recommendations.id, id))
    .returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: receiptChanged && before.receivedOn ? "change_receipt" : "update",
    entityType: "recommendation",
    entityId: id,
    before,
    after: receiptChanged && before.receivedOn ? { ...after, receiptChangeReason: receiptChangeReason.trim() } : after,
    ipAddress: actor.ipAddress ?? null,
  });
  return after;
}

export interface ResponseInput {
  outcome: ResponseOutcome;
  reasons: string;
  actionPlanned: string;
  givenBy: string;
  givenByPersonId: string | null;
  givenOn: string;
  agreedAt: string;
}

/** The addressee's response: once per recommendation, not before it was received, reasons unless fully accepted. */
export async function recordRecommendationResponse(tx: Executor, actor: Actor, id: string, input: ResponseInput, today: string) {
  const [rec] = await tx.select().from(recommendations).where(and(eq(recommendations.id, id), eq(recommendations.source, "board")));
  if (!rec) return null;
  if (!rec.receivedOn) throw new BoardRecommendationError("givenOn", "Record the date the addressee received the recommendation before its response");
  if (input.givenOn < rec.receivedOn) throw new BoardRecommendationError("givenOn", "The response cannot be dated before the recommendation was received");
  if (input.givenOn > today) throw new BoardRecommendationError("givenOn", "The response date cannot be in the future");
  if (input.outcome !== "accepted" && !input.reasons.trim()) {
    throw new BoardRecommendationError("reasons", "Enter the reasons given for not accepting it in full");
  }
  const existing = await tx.select({ id: recommendationResponses.id }).from(recommendationResponses).where(eq(recommendationResponses.recommendationId, id));
  if (existing.length > 0) throw new BoardRecommendationError("outcome", "This recommendation already has a response: correct that one instead");
  const [row] = await tx
    .insert(recommendationResponses)
    .values({ recommendationId: id, ...input, recordedByUserId: actor.userId })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "respond", entityType: "recommendation", entityId: id, after: row, ipAddress: actor.ipAddress ?? null });
  return row;
}

export interface JudgementInput {
  implementationState: ImplementationState;
  judgedAtMinuteId: string;
  judgement: string;
}

/** The board's later judgement, recorded at a meeting of the same board held after it agreed the recommendation. */
export async function recordBoardJudgement(tx: Executor, actor: Actor, id: string, input: JudgementInput) {
  const [before] = await tx.select().from(recommendations).where(and(eq(recommendations.id, id), eq(recommendations.source, "board")));
  if (!before) return null;
  const origin = await minuteOrigin(tx, input.judgedAtMinuteId);
  if (!origin || origin.bodyId !== before.bodyId) throw new BoardRecommendationError("judgedAtMinuteId", "Select a minute of a meeting of this board");
  const judgedOn = isoDay(origin.startsAt);
  if (before.agreedOn && judgedOn <= before.agreedOn) throw new BoardRecommendationError("judgedAtMinuteId", "Select a meeting held after the one that agreed the recommendation");
  const [after] = await tx
    .update(recommendations)
    .set({ implementationState: input.implementationState, judgedAtMinuteId: input.judgedAtMinuteId, judgedOn, judgement: input.judgement, updatedAt: new Date() })
    .where(eq(recommendations.id, id))
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "judge", entityType: "recommendation", entityId: id, before, after, ipAddress: actor.ipAddress ?? null });
  return after;
}

/**
 * An organisation's response period: the statutory two months, or working days the
 * board asks for (within RESPONSE_WORKING_DAYS_RANGE). Open recommendations' due days
 * follow the new period.
 */
export async function setResponsePeriod(tx: Executor, actor: Actor, organisationId: string, period: ResponsePeriod) {
  if (!period.statutory) {
    const { min, max } = RESPONSE_WORKING_DAYS_RANGE;
    if (!Number.isInteger(period.workingDays) || period.workingDays < min || period.workingDays > max) {
      throw new BoardRecommendationError("responseWorkingDays", `Enter a number of working days from ${min} to ${max}`);
    }
  }
  await setOrganisationResponsePeriod(tx, organisationId, period);
  const open = await tx
    .select({ id: recommendations.id, receivedOn: recommendations.receivedOn })
    .from(recommendations)
    .where(and(eq(recommendations.addresseeOrganisationId, organisationId), eq(recommendations.source, "board")));
  for (const r of open) {
    if (!r.receivedOn) continue;
    await tx.update(recommendations).set({ responseDueOn: responseDueOn(r.receivedOn, period) }).where(eq(recommendations.id, r.id));
  }
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "organisation", entityId: organisationId, after: { responsePeriod: period }, ipAddress: actor.ipAddress ?? null });
}

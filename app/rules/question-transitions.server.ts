/**
 * Who may do what to a question or an action, and when: the one home of the
 * state transitions (issue 5). Model functions call these before writing, and
 * pages call them to decide which forms to offer, so the two never disagree.
 *
 * Each check answers `null` when the step is allowed, or a refusal with the
 * message a person sees: `forbidden` when it is not theirs to do (403), or
 * `conflict` when it is theirs but not now (shown beside the form).
 */
import { roleCan } from "../auth/permissions";
import { actionStatus, isActionDone, questionStatus, type ActionFacts, type QuestionFacts } from "./status.server";
import type { Viewer } from "./viewer.server";

export interface Refusal {
  kind: "forbidden" | "conflict";
  message: string;
}

const forbidden = (message: string): Refusal => ({ kind: "forbidden", message });
const conflict = (message: string): Refusal => ({ kind: "conflict", message });

export interface QuestionState extends QuestionFacts {
  askedById: string | null;
  addressedToId: string;
  /** Whether the current full response has been marked satisfactory by the member. */
  satisfactory: boolean;
  /** Open actions (not completed or cancelled), described for a refusal message. */
  actions: (ActionFacts & { description: string })[];
}

export interface ActionState extends ActionFacts {
  owningOrganisationId: string;
  ownerId: string | null;
  /** Set when the board agreed the action in a minute: only the clerk cancels it. */
  minuteId?: string | null;
}

/** Whether the board agreed the action in a minute (docs/decisions/014). */
export function isBoardAgreed(a: ActionState) {
  return Boolean(a.minuteId);
}

function role(viewer: Viewer) {
  return viewer.kind === "user" ? viewer.role : "public";
}

function isClerk(viewer: Viewer) {
  return roleCan(role(viewer), "update:question:any");
}

/** The officer of the addressed organisation (or a clerk, who may record a response given in writing). */
function canAnswerFor(viewer: Viewer, organisationId: string) {
  if (viewer.kind !== "user") return false;
  if (roleCan(viewer.role, "respond:question:any")) return true;
  return roleCan(viewer.role, "respond:question:own") && viewer.organisationId === organisationId;
}

function isAsker(viewer: Viewer, q: { askedById: string | null }) {
  return viewer.kind === "user" && viewer.personId !== null && q.askedById !== null && viewer.personId === q.askedById;
}

export function hasFullResponse(q: QuestionFacts) {
  return q.responseKinds.includes("full");
}

/** Raising a question (or recording one from the meeting, `onBehalf`). */
export function checkRaise(viewer: Viewer, options: { onBehalf: boolean }): Refusal | null {
  if (viewer.kind !== "user") return forbidden("Sign in to raise a question");
  if (options.onBehalf) {
    return roleCan(viewer.role, "create:question:any") ? null : forbidden("Only a clerk can record a question for a member");
  }
  if (!roleCan(viewer.role, "create:question:own") || !viewer.personId) {
    return forbidden("Only members can raise questions");
  }
  return null;
}

export function checkEditQuestion(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!isAsker(viewer, q)) return forbidden("You can only change your own question");
  if (questionStatus(q) !== "submitted") return conflict("The question has been accepted or rejected and can no longer be changed");
  return null;
}

export function checkAccept(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!isClerk(viewer)) return forbidden("Only a clerk can accept a question");
  if (questionStatus(q) !== "submitted") return conflict("This question has already been accepted or rejected");
  return null;
}

export function checkReject(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!isClerk(viewer)) return forbidden("Only a clerk can reject a question");
  if (questionStatus(q) !== "submitted") return conflict("This question has already been accepted or rejected");
  return null;
}

export function checkRespond(viewer: Viewer, q: QuestionState, kind: "holding" | "full"): Refusal | null {
  if (!canAnswerFor(viewer, q.addressedToId)) {
    return forbidden("Only an officer of the organisation the question is addressed to can respond");
  }
  const status = questionStatus(q);
  if (status === "submitted" || status === "rejected") return conflict("The question has not been accepted");
  if (q.closedAt) return conflict("The question is closed");
  if (hasFullResponse(q)) {
    return conflict(
      kind === "holding"
        ? "A full response has been given: a holding response is no longer possible"
        : "A full response has been given: post a correction instead",
    );
  }
  return null;
}

export function checkCorrect(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!canAnswerFor(viewer, q.addressedToId)) {
    return forbidden("Only an officer of the organisation the question is addressed to can correct a response");
  }
  if (q.responseKinds.length === 0) return conflict("There is no response to correct");
  return null;
}

export function checkMarkSatisfactory(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!isAsker(viewer, q)) return forbidden("Only the member who asked can mark the answer satisfactory");
  if (!hasFullResponse(q)) return conflict("There is no full response yet");
  if (q.satisfactory) return conflict("You have already marked this answer satisfactory");
  return null;
}

export function checkSupplementary(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!isAsker(viewer, q)) return forbidden("Only the member who asked can ask a supplementary question");
  if (!hasFullResponse(q)) return conflict("A supplementary question can be asked once the question has a full response");
  return null;
}

export function checkChangeDue(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!isClerk(viewer)) return forbidden("Only a clerk can change the due date");
  const status = questionStatus(q);
  if (status === "rejected" || status === "closed") return conflict("The question is no longer open");
  return null;
}

export function checkClose(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!isClerk(viewer)) return forbidden("Only a clerk can close a question");
  const status = questionStatus(q);
  if (status === "submitted" || status === "rejected") return conflict("The question has not been accepted");
  if (status === "closed") return conflict("The question is already closed");
  const open = q.actions.filter((a) => !isActionDone(a));
  if (open.length > 0) {
    const names = open.map((a) => `“${a.description}”`).join(", ");
    return conflict(
      `The question cannot be closed while ${open.length === 1 ? "an action is" : `${open.length} actions are`} open: ${names}. Complete or cancel ${open.length === 1 ? "it" : "them"} first.`,
    );
  }
  return null;
}

/** Adding a follow-up action to a question (clerks; officers only with their full response). */
export function checkAddAction(viewer: Viewer, q: QuestionState): Refusal | null {
  if (!roleCan(role(viewer), "create:action:any")) return forbidden("Only a clerk can add an action");
  const status = questionStatus(q);
  if (status === "submitted" || status === "rejected") return conflict("The question has not been accepted");
  if (q.closedAt) return conflict("The question is closed");
  return null;
}

// ---------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------

function canUpdateAction(viewer: Viewer, a: ActionState) {
  if (viewer.kind !== "user") return false;
  if (roleCan(viewer.role, "update:action:any")) return true;
  return roleCan(viewer.role, "update:action:own") && viewer.organisationId === a.owningOrganisationId;
}

export function checkStartAction(viewer: Viewer, a: ActionState): Refusal | null {
  if (!canUpdateAction(viewer, a)) return forbidden("Only the owning organisation or a clerk can update this action");
  if (actionStatus(a) !== "open") return conflict("Only an open action can be started");
  return null;
}

export function checkProgressNote(viewer: Viewer, a: ActionState): Refusal | null {
  if (!canUpdateAction(viewer, a)) return forbidden("Only the owning organisation or a clerk can update this action");
  if (isActionDone(a)) return conflict("The action is finished: progress notes can no longer be added");
  return null;
}

/** Completing needs closure evidence: text, an uploaded document, or both. */
export function checkCompleteAction(viewer: Viewer, a: ActionState, evidence: string, hasDocument = false): Refusal | null {
  if (!canUpdateAction(viewer, a)) return forbidden("Only the owning organisation or a clerk can complete this action");
  if (isActionDone(a)) return conflict("The action is already completed or cancelled");
  if (evidence.trim().length === 0 && !hasDocument) {
    return conflict("Enter the closure evidence or upload a document: an action cannot be completed without it");
  }
  return null;
}

/**
 * Where a new action comes from, for the permission check: a minute (clerks
 * only), or an inspection recommendation (clerks, or an officer of the
 * inspected organisation for their own organisation's action).
 */
export type NewActionOrigin = { kind: "minute" } | { kind: "recommendation"; inspectedOrganisationId: string | null };

/** Creating an action from a minute or a recommendation; `owningOrganisationId` null asks only whether the form is theirs. */
export function checkCreateAction(viewer: Viewer, origin: NewActionOrigin, owningOrganisationId: string | null): Refusal | null {
  if (viewer.kind !== "user") return forbidden("Sign in to add an action");
  if (roleCan(viewer.role, "create:action:any")) return null;
  const ownRecommendation =
    origin.kind === "recommendation" &&
    roleCan(viewer.role, "create:action:own") &&
    viewer.organisationId !== null &&
    origin.inspectedOrganisationId === viewer.organisationId;
  if (!ownRecommendation) {
    return forbidden(
      origin.kind === "minute"
        ? "Only a clerk can add an action from a minute"
        : "Only a clerk, or an officer of the inspected organisation, can add an action from this recommendation",
    );
  }
  if (owningOrganisationId !== null && owningOrganisationId !== viewer.organisationId) {
    return conflict("You can add actions only for your own organisation");
  }
  return null;
}

export function checkCancelAction(viewer: Viewer, a: ActionState, reason: string): Refusal | null {
  if (!canUpdateAction(viewer, a)) return forbidden("Only the owning organisation or a clerk can cancel this action");
  if (isBoardAgreed(a) && !isClerk(viewer)) {
    return forbidden("The board agreed this action in a minute: only the clerk can cancel it. Ask the clerk to cancel it instead");
  }
  if (isActionDone(a)) return conflict("The action is already completed or cancelled");
  if (reason.trim().length === 0) return conflict("Enter why the action is cancelled");
  return null;
}

/**
 * The owning organisation asks the clerk to cancel an action the board agreed in
 * a minute (docs/decisions/014-cancelling-a-board-agreed-action.md).
 */
export function checkRequestCancellation(viewer: Viewer, a: ActionState, reason: string, pending: boolean): Refusal | null {
  if (!canUpdateAction(viewer, a) || isClerk(viewer)) return forbidden("Only the owning organisation can ask for this action to be cancelled");
  if (!isBoardAgreed(a)) return forbidden("This action can be cancelled without asking the clerk");
  if (isActionDone(a)) return conflict("The action is already completed or cancelled");
  if (pending) return conflict("A request to cancel this action is already waiting for the clerk");
  if (reason.trim().length === 0) return conflict("Enter why the action should be cancelled");
  return null;
}

/** The clerk confirms or refuses a waiting request; refusing needs a reason. */
export function checkDecideCancellation(
  viewer: Viewer,
  a: ActionState,
  decision: "confirmed" | "refused",
  note: string,
  pending: boolean,
): Refusal | null {
  if (!isClerk(viewer)) return forbidden("Only a clerk can confirm or refuse a cancellation");
  if (!pending) return conflict("There is no request to cancel this action waiting");
  if (decision === "confirmed" && isActionDone(a)) return conflict("The action is already completed or cancelled");
  if (decision === "refused" && note.trim().length === 0) return conflict("Say why the cancellation is refused");
  return null;
}

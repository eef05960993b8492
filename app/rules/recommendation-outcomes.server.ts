/**
 * The words for a board recommendation's response and the board's judgement of it (issue 17),
 * in one place for every surface: the trail page, the register, e-mails to followers, the feed.
 */
import type { IMPLEMENTATION_STATES, RESPONSE_OUTCOMES } from "../../db/schema/oversight";

export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];
export type ImplementationState = (typeof IMPLEMENTATION_STATES)[number];

export const RESPONSE_OUTCOME_LABELS: Record<ResponseOutcome, string> = {
  accepted: "Accepted",
  partially_accepted: "Partially accepted",
  not_accepted: "Not accepted",
};

export const IMPLEMENTATION_STATE_LABELS: Record<ImplementationState, string> = {
  implemented: "Implemented",
  partly_implemented: "Partly implemented",
  not_implemented: "Not implemented",
  superseded: "Superseded",
};

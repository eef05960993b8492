/**
 * Terms of membership of a board or committee: the only place it is decided
 * whether a term is current, ended or yet to start, and whether two terms
 * overlap. Terms are calendar days, both ends included; a missing start means
 * "since before the records", a missing end "until further notice".
 */
import { and, gte, isNull, lte, or, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

export interface Term {
  startOn: string | null;
  endOn: string | null;
}

export type TermStatus = "current" | "ended" | "future";

export const TERM_STATUS_LABELS: Record<TermStatus, string> = {
  current: "Current",
  ended: "Ended",
  future: "Starts later",
};

export function termStatus(term: Term, today: string): TermStatus {
  if (term.endOn !== null && term.endOn < today) return "ended";
  if (term.startOn !== null && term.startOn > today) return "future";
  return "current";
}

/** Whether two terms share at least one day. */
export function termsOverlap(a: Term, b: Term): boolean {
  const startsBeforeOtherEnds = (x: Term, y: Term) => x.startOn === null || y.endOn === null || x.startOn <= y.endOn;
  return startsBeforeOtherEnds(a, b) && startsBeforeOtherEnds(b, a);
}

/** The same rule as `termStatus(...) === "current"`, for a query. */
export function termCoversDay(columns: { startOn: AnyPgColumn; endOn: AnyPgColumn }, today: string): SQL {
  return and(
    or(isNull(columns.startOn), lte(columns.startOn, today)),
    or(isNull(columns.endOn), gte(columns.endOn, today)),
  ) as SQL;
}

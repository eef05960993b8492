/**
 * Red / amber / green, as the tracking report and the priority and
 * recommendation pages show it, and the open / overdue / closed counts. Derived
 * from the records and a date, never typed in. The rule is stated on the report
 * in the words of RAG_RULE.
 */
import { formatDate, isoDay } from "./dates.server";
import { ruleBasis, type StatusBasis } from "./status-basis.server";
import { isActionDone, isActionOverdue, type ActionFacts, type QuestionStatus } from "./status.server";

export type Rag = "red" | "amber" | "green";

export const RAG_LABELS: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green" };

/** Amber turns on this many days before the due date. */
export const AMBER_WINDOW_DAYS = 28;

export const RAG_RULE: Record<Rag, string> = {
  green: `Done (an action completed or cancelled; a recommendation met by a later visit, closed with evidence, or with every action answering it completed), or open and due more than ${AMBER_WINDOW_DAYS} days after the report date.`,
  amber: `Open, and due within ${AMBER_WINDOW_DAYS} days of the report date, or no due date recorded. A recommendation with actions under way takes the worst of its own due date and theirs.`,
  red: "Open, and its due date (or that of an action under way answering it) has passed.",
};

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The RAG status of anything with a due date that is done or not. */
export function ragStatus(facts: { done: boolean; dueOn: string | null }, now: Date = new Date()): Rag {
  if (facts.done) return "green";
  const today = isoDay(now);
  if (!facts.dueOn) return "amber";
  if (facts.dueOn < today) return "red";
  if (facts.dueOn <= addDays(today, AMBER_WINDOW_DAYS)) return "amber";
  return "green";
}

export function actionRag(a: ActionFacts, now: Date = new Date()): Rag {
  return ragStatus({ done: isActionDone(a), dueOn: a.dueOn }, now);
}

export interface RecommendationFacts {
  metByInspectionId: string | null;
  closedAt: Date | null;
  dueOn: string | null;
}

export function isRecommendationDone(r: RecommendationFacts): boolean {
  return Boolean(r.metByInspectionId || r.closedAt);
}

export function isRecommendationOverdue(r: RecommendationFacts, now: Date = new Date()): boolean {
  return !isRecommendationDone(r) && r.dueOn !== null && r.dueOn < isoDay(now);
}

export function recommendationRag(r: RecommendationFacts, now: Date = new Date()): Rag {
  return ragStatus({ done: isRecommendationDone(r), dueOn: r.dueOn }, now);
}

export interface TrailCounts {
  /** Not closed (overdue ones included). */
  open: number;
  /** Open and past the due date. */
  overdue: number;
  closed: number;
}

export const EMPTY_COUNTS: TrailCounts = { open: 0, overdue: 0, closed: 0 };

/**
 * Open, overdue and closed over a trail's questions, actions and recommendations.
 * A rejected or not yet accepted question is neither open nor closed: it is left out.
 */
export function countTrail(
  trail: {
    questions: { status: QuestionStatus; overdue: boolean }[];
    actions: ActionFacts[];
    /** The facts, or a state already worked out (recommendationState(), which counts linked work). */
    recommendations: (RecommendationFacts | { done: boolean; overdue: boolean })[];
  },
  now: Date = new Date(),
): TrailCounts {
  const c = { ...EMPTY_COUNTS };
  for (const q of trail.questions) {
    if (q.status === "rejected" || q.status === "submitted") continue;
    if (q.status === "closed") c.closed += 1;
    else {
      c.open += 1;
      if (q.overdue) c.overdue += 1;
    }
  }
  for (const a of trail.actions) {
    if (isActionDone(a)) c.closed += 1;
    else {
      c.open += 1;
      if (isActionOverdue(a, now)) c.overdue += 1;
    }
  }
  for (const r of trail.recommendations) {
    const done = "done" in r ? r.done : isRecommendationDone(r);
    if (done) c.closed += 1;
    else {
      c.open += 1;
      if ("done" in r ? r.overdue : isRecommendationOverdue(r, now)) c.overdue += 1;
    }
  }
  return c;
}

export interface PeriodCount {
  /** e.g. "2024 Q3" */
  label: string;
  opened: number;
  closed: number;
}

function quarterOf(day: string): { year: number; q: number } {
  return { year: Number(day.slice(0, 4)), q: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1 };
}

/**
 * Actions opened and closed per quarter, from the quarter of the first one to
 * the quarter of `now` (at most the last `maxPeriods` quarters).
 */
export function actionsOverTime(
  actions: { createdAt: Date; completedAt: Date | null; cancelledAt: Date | null }[],
  now: Date = new Date(),
  maxPeriods = 12,
): PeriodCount[] {
  if (actions.length === 0) return [];
  const days = actions.map((a) => isoDay(a.createdAt)).sort();
  let { year, q } = quarterOf(days[0]);
  const end = quarterOf(isoDay(now));
  const periods: PeriodCount[] = [];
  const key = (y: number, qq: number) => `${y} Q${qq}`;
  while (year < end.year || (year === end.year && q <= end.q)) {
    periods.push({ label: key(year, q), opened: 0, closed: 0 });
    q += 1;
    if (q > 4) {
      q = 1;
      year += 1;
    }
  }
  const byLabel = new Map(periods.map((p) => [p.label, p]));
  for (const a of actions) {
    const o = quarterOf(isoDay(a.createdAt));
    const opened = byLabel.get(key(o.year, o.q));
    if (opened) opened.opened += 1;
    const closedAt = a.completedAt ?? a.cancelledAt;
    if (closedAt) {
      const c = quarterOf(isoDay(closedAt));
      const closed = byLabel.get(key(c.year, c.q));
      if (closed) closed.closed += 1;
    }
  }
  return periods.slice(-maxPeriods);
}

/** Why an action has its RAG, in a reader's words ("Amber: in progress, due 3 May 2025, within 28 days"). */
export function actionRagBasis(a: ActionFacts, now: Date = new Date()): StatusBasis {
  const rag = actionRag(a, now);
  const label = RAG_LABELS[rag];
  if (a.completedAt) return ruleBasis(`${label}: completed`);
  if (a.cancelledAt) return ruleBasis(`${label}: cancelled`);
  const due = formatDate(a.dueOn);
  if (rag === "red") return ruleBasis(`${label}: open, its due date (${due}) has passed`);
  if (rag === "amber") return ruleBasis(`${label}: open, due ${due}, within ${AMBER_WINDOW_DAYS} days`);
  return ruleBasis(`${label}: open, due ${due}, more than ${AMBER_WINDOW_DAYS} days away`);
}

/** The rule for a board's own recommendation (issue 17), stated on the tracker beside RAG_RULE. */
export const BOARD_RAG_RULE: Record<Rag, string> = {
  green: "The board judged it implemented or superseded; or a response was received and every action answering it is completed or cancelled.",
  amber: "Waiting for a response that is not yet overdue (or for the addressee to receive it); or responded with actions under way, none past its due date, or with no actions recorded; or judged partly implemented.",
  red: "The response is overdue; or an action answering it is past its due date; or the board judged it not implemented.",
};

export interface BoardRecommendationRagFacts {
  /** The response clock's state (app/rules/response-state.server.ts). */
  responseState: "not_sent" | "awaiting" | "due_soon" | "overdue" | "received";
  implementationState: "implemented" | "partly_implemented" | "not_implemented" | "superseded" | null;
  actions: ActionFacts[];
}

/** A board recommendation's RAG by BOARD_RAG_RULE, with why in a reader's words. */
export function boardRecommendationRag(r: BoardRecommendationRagFacts, now: Date = new Date()): { rag: Rag; basis: StatusBasis } {
  const say = (rag: Rag, why: string) => ({ rag, basis: ruleBasis(`${RAG_LABELS[rag]}: ${why}`) });
  if (r.implementationState === "implemented") return say("green", "the board judged it implemented");
  if (r.implementationState === "superseded") return say("green", "the board judged it superseded");
  if (r.implementationState === "not_implemented") return say("red", "the board judged it not implemented");
  if (r.responseState === "overdue") return say("red", "the response is overdue");
  const late = r.actions.filter((a) => isActionOverdue(a, now)).length;
  if (late > 0) return say("red", `${late === 1 ? "an action" : `${late} actions`} answering it past the due date`);
  if (r.implementationState === "partly_implemented") return say("amber", "the board judged it partly implemented");
  if (r.responseState !== "received") return say("amber", "waiting for a response that is not yet overdue");
  if (r.actions.length > 0 && r.actions.every(isActionDone)) return say("green", "responded, and every action answering it is done");
  return say("amber", r.actions.length === 0 ? "responded, no actions recorded yet" : "responded, actions under way");
}

/**
 * Statuses of questions, actions and recommendations, and whether they are
 * overdue: derived from the records and dates here, never typed in, and used by
 * every page, list, feed and export.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { isoDay } from "./dates.server";

export type QuestionStatus = "submitted" | "rejected" | "awaiting_response" | "holding_response" | "answered" | "answered_at_meeting" | "closed";

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  submitted: "Submitted, not yet accepted",
  rejected: "Rejected",
  awaiting_response: "Awaiting response",
  holding_response: "Holding response",
  answered: "Answered, actions open",
  answered_at_meeting: "Answered at the meeting; no follow-up recorded",
  closed: "Closed",
};

export type ActionStatus = "open" | "in_progress" | "completed" | "cancelled";

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
};

export interface ActionFacts {
  dueOn: string;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

// ---------------------------------------------------------------------------
// The rules as data. Each status is the first row of its table whose conditions
// all hold; a condition names a fact. The TypeScript evaluators below and the
// SQL builders (statusSql.*) are both generated from these tables, so a list
// filtered or sorted in the database and a page computed in memory agree
// (tests/integration/status-sql.test.ts checks them against each other).
// ---------------------------------------------------------------------------

/** One row of a status table: the status, when every named fact has the given truth value. */
export interface StatusRule<S extends string, F extends string> {
  status: S;
  when: Partial<Record<F, boolean>>;
}

export type ActionFact = "cancelled" | "completed" | "started";

export const ACTION_STATUS_RULES: readonly StatusRule<ActionStatus, ActionFact>[] = [
  { status: "cancelled", when: { cancelled: true } },
  { status: "completed", when: { completed: true } },
  { status: "in_progress", when: { started: true } },
  { status: "open", when: {} },
];

/** Statuses in which an action is finished: never overdue, and they let a question close. */
export const ACTION_DONE_STATUSES: readonly ActionStatus[] = ["completed", "cancelled"];

export type QuestionFact =
  | "rejected"
  | "accepted"
  | "closedByClerk"
  | "sourceAnsweredAtMeeting"
  | "anyActions"
  | "fullResponse"
  | "holdingResponse"
  | "actionsOpen";

export const QUESTION_STATUS_RULES: readonly StatusRule<QuestionStatus, QuestionFact>[] = [
  { status: "rejected", when: { rejected: true } },
  { status: "submitted", when: { accepted: false } },
  { status: "closed", when: { closedByClerk: true } },
  // An imported question whose source records only an answer at the meeting (docs/decisions/021):
  // what the source states, until the portal records a follow-up action for it.
  { status: "answered_at_meeting", when: { sourceAnsweredAtMeeting: true, anyActions: false } },
  { status: "closed", when: { fullResponse: true, actionsOpen: false } },
  { status: "answered", when: { fullResponse: true } },
  { status: "holding_response", when: { holdingResponse: true } },
  { status: "awaiting_response", when: {} },
];

/** Statuses in which a question waits for its answer: overdue once its due day has passed. */
export const QUESTION_WAITING_STATUSES: readonly QuestionStatus[] = ["awaiting_response", "holding_response"];

/** Statuses in which a question has not started its clock, or whose source gives none (no days open). */
export const QUESTION_UNCOUNTED_STATUSES: readonly QuestionStatus[] = ["submitted", "rejected", "answered_at_meeting"];

function evaluate<S extends string, F extends string>(rules: readonly StatusRule<S, F>[], fact: (name: F) => boolean): S {
  for (const rule of rules) {
    if ((Object.entries(rule.when) as [F, boolean][]).every(([name, value]) => fact(name) === value)) return rule.status;
  }
  throw new Error("A status table must end with a row that has no conditions");
}

export function actionStatus(a: ActionFacts): ActionStatus {
  const facts: Record<ActionFact, boolean> = {
    cancelled: a.cancelledAt !== null,
    completed: a.completedAt !== null,
    started: a.startedAt !== null,
  };
  return evaluate(ACTION_STATUS_RULES, (name) => facts[name]);
}

export function isActionDone(a: ActionFacts): boolean {
  return ACTION_DONE_STATUSES.includes(actionStatus(a));
}

export interface QuestionFacts {
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  closedAt: Date | null;
  dueOn: string | null;
  /** A status its source states (imported questions; questions.source_status), else null. */
  sourceStatus: string | null;
  /** Kinds of the responses that are current (not superseded by a correction). */
  responseKinds: ("holding" | "full")[];
  actions: ActionFacts[];
}

export function questionStatus(q: QuestionFacts): QuestionStatus {
  const facts: Record<QuestionFact, () => boolean> = {
    rejected: () => q.rejectedAt !== null,
    accepted: () => q.acceptedAt !== null,
    closedByClerk: () => q.closedAt !== null,
    sourceAnsweredAtMeeting: () => q.sourceStatus === "answered_at_meeting",
    anyActions: () => q.actions.length > 0,
    fullResponse: () => q.responseKinds.includes("full"),
    holdingResponse: () => q.responseKinds.includes("holding"),
    actionsOpen: () => !q.actions.every(isActionDone),
  };
  return evaluate(QUESTION_STATUS_RULES, (name) => facts[name]());
}

/** Whole days from one calendar day to another (Europe/London days). */
export function daysBetween(fromIsoDay: string, toIsoDay: string): number {
  const ms = Date.parse(`${toIsoDay}T00:00:00Z`) - Date.parse(`${fromIsoDay}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** A question is overdue when its due date has passed and no full answer was given. */
export function isQuestionOverdue(q: QuestionFacts, now: Date = new Date()): boolean {
  if (!QUESTION_WAITING_STATUSES.includes(questionStatus(q))) return false;
  return q.dueOn !== null && q.dueOn < isoDay(now);
}

export function isActionOverdue(a: ActionFacts, now: Date = new Date()): boolean {
  return !isActionDone(a) && a.dueOn < isoDay(now);
}

/** Days late (0 when not late). */
export function daysLate(dueOn: string | null, now: Date = new Date()): number {
  if (!dueOn) return 0;
  return Math.max(0, daysBetween(dueOn, isoDay(now)));
}

export type RecommendationStatus = "open" | "met" | "closed";

export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  open: "Open",
  met: "Met (found by a later visit)",
  closed: "Closed with evidence",
};

export function recommendationStatus(r: { metByInspectionId: string | null; closedAt: Date | null }): RecommendationStatus {
  if (r.metByInspectionId) return "met";
  if (r.closedAt) return "closed";
  return "open";
}

/** Whole days a question or action has been open: from its tabled (or created) day to when it ended, or today. */
export function daysOpen(fromIsoDay: string, endedAt: Date | null, now: Date = new Date()): number {
  return Math.max(0, daysBetween(fromIsoDay, isoDay(endedAt ?? now)));
}

/**
 * When a question closed: a clerk's closure, or else the moment the last of its
 * full response and its actions was done. Null while it is open.
 */
export function questionClosedAt(
  q: QuestionFacts & { fullResponseAt: Date | null; actions: (ActionFacts & { completedAt: Date | null; cancelledAt: Date | null })[] },
): Date | null {
  if (questionStatus(q) !== "closed") return null;
  if (q.closedAt) return q.closedAt;
  const times = [q.fullResponseAt, ...q.actions.map((a) => a.completedAt ?? a.cancelledAt)].filter(
    (d): d is Date => d instanceof Date,
  );
  return times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null;
}

/** Days late for a question: only while it is overdue. */
export function questionDaysLate(q: QuestionFacts, now: Date = new Date()): number {
  return isQuestionOverdue(q, now) ? daysLate(q.dueOn, now) : 0;
}

/** Days late for an action: only while it is overdue. */
export function actionDaysLate(a: ActionFacts, now: Date = new Date()): number {
  return isActionOverdue(a, now) ? daysLate(a.dueOn, now) : 0;
}

/** Statuses a list can be filtered by, in the order a person follows them. */
export const QUESTION_STATUSES: QuestionStatus[] = ["submitted", "awaiting_response", "holding_response", "answered", "answered_at_meeting", "closed", "rejected"];
export const ACTION_STATUSES: ActionStatus[] = ["open", "in_progress", "completed", "cancelled"];

// ---------------------------------------------------------------------------
// The same rules as SQL, for lists filtered, sorted and paged in the database.
// ---------------------------------------------------------------------------

/** Where a question's facts are in a query: its own columns and its row of question_status_facts. */
export interface QuestionSqlSource {
  rejectedAt: SQLWrapper;
  acceptedAt: SQLWrapper;
  closedAt: SQLWrapper;
  sourceStatus: SQLWrapper;
  dueOn: SQLWrapper;
  tabledOn: SQLWrapper;
  hasFullResponse: SQLWrapper;
  hasHoldingResponse: SQLWrapper;
  openActions: SQLWrapper;
  firstFullResponseAt: SQLWrapper;
  lastActionEndedAt: SQLWrapper;
}

export interface ActionSqlSource {
  cancelledAt: SQLWrapper;
  completedAt: SQLWrapper;
  startedAt: SQLWrapper;
  dueOn: SQLWrapper;
  createdAt: SQLWrapper;
}

/** A status name as an SQL literal (the names are fixed identifiers from the tables above). */
const literal = (value: string) => sql.raw(`'${value.replace(/'/g, "''")}'`);
const oneOf = (expr: SQL, values: readonly string[]) => sql`(${expr} in (${sql.join(values.map(literal), sql`, `)}))`;
/** The calendar day in Europe/London, as isoDay() computes it. */
const londonDay = (timestamp: SQLWrapper) => sql`((${timestamp}) at time zone 'Europe/London')::date`;
const day = (isoDayValue: string) => sql`${isoDayValue}::date`;

function caseSql<S extends string, F extends string>(rules: readonly StatusRule<S, F>[], fact: Record<F, SQL>): SQL {
  const whens = rules.map((rule) => {
    const conditions = (Object.entries(rule.when) as [F, boolean][]).map(([name, value]) =>
      value ? sql`(${fact[name]})` : sql`not (${fact[name]})`,
    );
    return sql`when ${conditions.length ? sql.join(conditions, sql` and `) : sql`true`} then ${literal(rule.status)}`;
  });
  return sql`(case ${sql.join(whens, sql` `)} end)`;
}

export const statusSql = {
  action(a: ActionSqlSource): SQL {
    return caseSql(ACTION_STATUS_RULES, {
      cancelled: sql`${a.cancelledAt} is not null`,
      completed: sql`${a.completedAt} is not null`,
      started: sql`${a.startedAt} is not null`,
    });
  },
  actionDone(a: ActionSqlSource): SQL {
    return oneOf(statusSql.action(a), ACTION_DONE_STATUSES);
  },
  actionOverdue(a: ActionSqlSource, today: string): SQL {
    return sql`(not ${statusSql.actionDone(a)} and ${a.dueOn} < ${day(today)})`;
  },
  actionDaysLate(a: ActionSqlSource, today: string): SQL {
    return sql`(case when ${statusSql.actionOverdue(a, today)} then greatest(0, ${day(today)} - ${a.dueOn}) else 0 end)`;
  },
  /** From the (UTC) day it was created to the day it was completed or cancelled, or today. */
  actionDaysOpen(a: ActionSqlSource, today: string): SQL {
    const ended = sql`coalesce(${a.completedAt}, ${a.cancelledAt})`;
    return sql`greatest(0, coalesce(${londonDay(ended)}, ${day(today)}) - ((${a.createdAt}) at time zone 'UTC')::date)`;
  },
  question(q: QuestionSqlSource): SQL {
    return caseSql(QUESTION_STATUS_RULES, {
      rejected: sql`${q.rejectedAt} is not null`,
      accepted: sql`${q.acceptedAt} is not null`,
      closedByClerk: sql`${q.closedAt} is not null`,
      sourceAnsweredAtMeeting: sql`coalesce(${q.sourceStatus} = 'answered_at_meeting', false)`,
      // Every action is open or ended (completed or cancelled), so one exists when either fact shows it.
      anyActions: sql`(coalesce(${q.openActions}, 0) > 0 or ${q.lastActionEndedAt} is not null)`,
      fullResponse: sql`coalesce(${q.hasFullResponse}, false)`,
      holdingResponse: sql`coalesce(${q.hasHoldingResponse}, false)`,
      actionsOpen: sql`coalesce(${q.openActions}, 0) > 0`,
    });
  },
  questionOverdue(q: QuestionSqlSource, today: string): SQL {
    return sql`(${oneOf(statusSql.question(q), QUESTION_WAITING_STATUSES)} and ${q.dueOn} is not null and ${q.dueOn} < ${day(today)})`;
  },
  questionDaysLate(q: QuestionSqlSource, today: string): SQL {
    return sql`(case when ${statusSql.questionOverdue(q, today)} then greatest(0, ${day(today)} - ${q.dueOn}) else 0 end)`;
  },
  /** questionClosedAt(): the clerk's closure, or the last of the full response and the actions. */
  questionClosedAt(q: QuestionSqlSource): SQL {
    return sql`(case when ${statusSql.question(q)} = ${literal("closed")} then coalesce(${q.closedAt}, greatest(${q.firstFullResponseAt}, ${q.lastActionEndedAt})) end)`;
  },
  questionDaysOpen(q: QuestionSqlSource, today: string): SQL {
    return sql`(case when ${oneOf(statusSql.question(q), QUESTION_UNCOUNTED_STATUSES)} then null
      else greatest(0, coalesce(${londonDay(statusSql.questionClosedAt(q))}, ${day(today)}) - ${q.tabledOn}) end)`;
  },
};

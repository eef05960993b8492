/**
 * Where the response to a board's recommendation stands: the one place the states
 * are computed (pages, register, tracker, CSV, API, feeds, e-mail reminders and the
 * clerk's inbox all call responseState(); the SQL for lists is responseStateSql and
 * tests/integration/response-state-sql.test.ts checks the two agree).
 *
 * - not_sent: the addressee has not yet received it (no receipt date), so no clock runs;
 * - awaiting: received, no response, more than DUE_SOON_WORKING_DAYS working days left;
 * - due_soon: received, no response, due within DUE_SOON_WORKING_DAYS working days;
 * - overdue: received, no response, the due day has passed;
 * - received: a response is recorded, on time or late (late by so many days).
 * The due day comes from the deadline module (responseDueOn), never typed in.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { municipalYear } from "./attendance.server";
import { formatDate } from "./dates.server";
import { addDays, addWorkingDays, daysBetween, responseDueOn, type ResponsePeriod, workingDaysBetween } from "./deadlines.server";

export const RESPONSE_STATES = ["not_sent", "awaiting", "due_soon", "overdue", "received"] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

export const RESPONSE_STATE_LABELS: Record<ResponseState, string> = {
  not_sent: "Not yet received by the addressee",
  awaiting: "Awaiting response",
  due_soon: "Response due soon",
  overdue: "Response overdue",
  received: "Response received",
};

export const DUE_SOON_WORKING_DAYS = 10;

export interface ResponseFacts {
  receivedOn: string | null;
  period: ResponsePeriod;
  /** The day the (first) response was given, or null. */
  respondedOn: string | null;
}

export interface ResponseClock {
  state: ResponseState;
  label: string;
  dueOn: string | null;
  /** Calendar days late: > 0 for a late response or an overdue one (as of today). */
  daysLate: number;
  /** For a response: "on time", "7 days late"; otherwise the clock in words. */
  summary: string;
}

function days(n: number) {
  return `${n} ${n === 1 ? "day" : "days"}`;
}

export function responseState(facts: ResponseFacts, today: string): ResponseClock {
  if (!facts.receivedOn) {
    return { state: "not_sent", label: RESPONSE_STATE_LABELS.not_sent, dueOn: null, daysLate: 0, summary: "No response is due until the addressee receives the recommendation." };
  }
  const dueOn = responseDueOn(facts.receivedOn, facts.period);
  if (facts.respondedOn) {
    const late = Math.max(0, daysBetween(dueOn, facts.respondedOn));
    return {
      state: "received",
      label: RESPONSE_STATE_LABELS.received,
      dueOn,
      daysLate: late,
      summary: late > 0 ? `Responded on ${formatDate(facts.respondedOn)}, ${days(late)} late (due ${formatDate(dueOn)})` : `Responded on ${formatDate(facts.respondedOn)}, on time (due ${formatDate(dueOn)})`,
    };
  }
  if (today > dueOn) {
    const late = daysBetween(dueOn, today);
    return { state: "overdue", label: RESPONSE_STATE_LABELS.overdue, dueOn, daysLate: late, summary: `Due ${formatDate(dueOn)}: ${days(late)} overdue` };
  }
  const left = workingDaysBetween(today, dueOn);
  const state: ResponseState = left <= DUE_SOON_WORKING_DAYS ? "due_soon" : "awaiting";
  return { state, label: RESPONSE_STATE_LABELS[state], dueOn, daysLate: 0, summary: `Due ${formatDate(dueOn)}` };
}

/**
 * The same states in SQL, for lists filtered and paged in the database. The due day
 * is a stored column written only from responseDueOn (never by hand), and the
 * due-soon boundary is the day DUE_SOON_WORKING_DAYS working days from today,
 * computed here in TypeScript and passed in, so both sides use one calendar.
 */
/** The last due day that counts as "due soon" today: the day before the 11th working day from today. */
export function dueSoonBoundary(today: string): string {
  return addDays(addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1), -1);
}

export function responseStateSql(c: { receivedOn: SQLWrapper; responseDueOn: SQLWrapper; respondedOn: SQLWrapper }, today: string): SQL<ResponseState> {
  const boundary = dueSoonBoundary(today);
  return sql<ResponseState>`case
    when ${c.receivedOn} is null then 'not_sent'
    when ${c.respondedOn} is not null then 'received'
    when ${c.responseDueOn} < ${today}::date then 'overdue'
    when ${c.responseDueOn} <= ${boundary}::date then 'due_soon'
    else 'awaiting' end`;
}

/**
 * How promptly each addressee responded (issue 17 item 4): per organisation and municipal
 * year (May to April) of the day the response was due, how many responses came on time,
 * late, or not at all (overdue with none), and the median calendar days from receipt to
 * response. A recommendation still inside its period with no response is not counted yet.
 */
export interface TimelinessFact {
  addressee: string;
  receivedOn: string | null;
  period: ResponsePeriod;
  respondedOn: string | null;
}

export interface TimelinessRow {
  addressee: string;
  /** "2025/26": the municipal year the responses were due in. */
  year: string;
  onTime: number;
  late: number;
  none: number;
  /** Median days from receipt to response over the responses counted; null when there are none. */
  medianDays: number | null;
}

export const TIMELINESS_RULE =
  "Counted by the municipal year (May to April) in which each response was due. On time: responded on or before the due day. Late: responded after it. None: the due day has passed with no response. Median days: from the day the addressee received the recommendation to the day of its response, over those responded to. A recommendation still inside its response period is not counted.";

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function responseTimeliness(facts: TimelinessFact[], today: string): TimelinessRow[] {
  const groups = new Map<string, { row: TimelinessRow; days: number[] }>();
  for (const f of facts) {
    const clock = responseState(f, today);
    if (!clock.dueOn || (clock.state !== "received" && clock.state !== "overdue")) continue;
    const year = municipalYear(clock.dueOn);
    const key = `${f.addressee}\u0000${year}`;
    const g = groups.get(key) ?? { row: { addressee: f.addressee, year, onTime: 0, late: 0, none: 0, medianDays: null }, days: [] };
    groups.set(key, g);
    if (clock.state === "overdue") g.row.none += 1;
    else {
      if (clock.daysLate > 0) g.row.late += 1;
      else g.row.onTime += 1;
      g.days.push(daysBetween(f.receivedOn!, f.respondedOn!));
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g.row, medianDays: median(g.days) }))
    .sort((a, b) => a.addressee.localeCompare(b.addressee) || b.year.localeCompare(a.year));
}

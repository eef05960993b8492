/**
 * The statutory clock and other deadlines: the only place they are computed.
 *
 * Local Government Act 1972 s100B(3) and SI 2002/715: an agenda must be open to
 * inspection at least five clear days before the meeting. Clear days exclude the
 * day of publication and the day of the meeting. By default only working days
 * count (weekends and England and Wales bank holidays are left out); the rule is
 * a setting (`clearDays`, `countWorkingDays`).
 */
import bankHolidays from "./bank-holidays-england-wales.json";
import { isoDay } from "./dates.server";

const HOLIDAYS = new Set(bankHolidays.events.map((e) => e.date));
const FIRST_YEAR = Number(bankHolidays.events[0].date.slice(0, 4));
const LAST_YEAR = Number(bankHolidays.events[bankHolidays.events.length - 1].date.slice(0, 4));

export interface ClockRule {
  clearDays: number;
  countWorkingDays: boolean;
}

export const DEFAULT_CLOCK_RULE: ClockRule = { clearDays: 5, countWorkingDays: true };

/** A calendar day as YYYY-MM-DD, moved by n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(day: string): boolean {
  const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

export function isBankHoliday(day: string): boolean {
  const year = Number(day.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new Error(`No bank holiday list for ${year}: the bundled list covers ${FIRST_YEAR}-${LAST_YEAR}.`);
  }
  return HOLIDAYS.has(day);
}

export function isWorkingDay(day: string): boolean {
  return !isWeekend(day) && !isBankHoliday(day);
}

/**
 * The last day on which the agenda can be published and still leave the clear
 * days the rule asks for. When counting working days the deadline itself is
 * also a working day (an office must be open for inspection).
 */
export function latestPublicationDay(meetingDay: string, rule: ClockRule = DEFAULT_CLOCK_RULE): string {
  const counts = (day: string) => !rule.countWorkingDays || isWorkingDay(day);
  let day = meetingDay;
  let clear = 0;
  while (clear < rule.clearDays) {
    day = addDays(day, -1);
    if (counts(day)) clear += 1;
  }
  // `day` is the earliest clear day; publication must be before it.
  let deadline = addDays(day, -1);
  if (rule.countWorkingDays) while (!isWorkingDay(deadline)) deadline = addDays(deadline, -1);
  return deadline;
}

/** Clear days between publication and the meeting (both excluded). */
export function clearDaysBetween(publicationDay: string, meetingDay: string, rule: ClockRule = DEFAULT_CLOCK_RULE): number {
  let count = 0;
  for (let day = addDays(publicationDay, 1); day < meetingDay; day = addDays(day, 1)) {
    if (!rule.countWorkingDays || isWorkingDay(day)) count += 1;
  }
  return count;
}

/** Whether publishing at `publishedAt` is late for a meeting starting at `meetingStartsAt` (Europe/London days). */
export function isLatePublication(publishedAt: Date, meetingStartsAt: Date, rule: ClockRule = DEFAULT_CLOCK_RULE): boolean {
  return isoDay(publishedAt) > latestPublicationDay(isoDay(meetingStartsAt), rule);
}

/** A due date n working days after a day (questions: tabled + the body's response days). */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  let added = 0;
  while (added < n) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) added += 1;
  }
  return d;
}

/**
 * The response clock for a board's recommendations (Local Government Act 2000
 * s9FE, s9FF for partner authorities): the addressee must respond within two
 * months of receiving them. A calendar-month period ends the day before the
 * corresponding day: received 14 March, due 13 May. Where that day does not exist
 * in the shorter month, the period ends on the month's last day (received
 * 31 December, due 28 or 29 February); received on the 1st, due on the last day
 * of the month after next but one (1 January gives 28 or 29 February).
 */
export const STATUTORY_RESPONSE_MONTHS = 2;

export function addCalendarMonthsLessADay(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1, 12));
  const year = target.getUTCFullYear();
  const month = target.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0, 12)).getUTCDate();
  if (d === 1) return addDays(`${year}-${String(month + 1).padStart(2, "0")}-01`, -1);
  const dayOfMonth = Math.min(d - 1, lastOfMonth);
  return `${year}-${String(month + 1).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
}

/** How long an addressee has to respond: the statutory two months, or a number of working days the board asks for. */
export type ResponsePeriod = { statutory: true } | { statutory: false; workingDays: number };

export const STATUTORY_RESPONSE_PERIOD: ResponsePeriod = { statutory: true };

/** The fewest and most working days a board may set for an addressee without the statutory duty. */
export const RESPONSE_WORKING_DAYS_RANGE = { min: 5, max: 130 } as const;

/** An organisation's period from its setting: statutory unless the duty is off and working days are set. */
export function responsePeriodOf(org: { statutoryResponseDuty: boolean; responseWorkingDays: number | null }): ResponsePeriod {
  return org.statutoryResponseDuty || !org.responseWorkingDays ? { statutory: true } : { statutory: false, workingDays: org.responseWorkingDays };
}

/** The day a response to recommendations received on `receivedOn` is due. */
export function responseDueOn(receivedOn: string, period: ResponsePeriod = STATUTORY_RESPONSE_PERIOD): string {
  return period.statutory ? addCalendarMonthsLessADay(receivedOn, STATUTORY_RESPONSE_MONTHS) : addWorkingDays(receivedOn, period.workingDays);
}

/** How the period reads to a reader: "two months from receipt (statutory)" or "20 working days from receipt". */
export function describeResponsePeriod(period: ResponsePeriod): string {
  return period.statutory
    ? "two months from receipt (Local Government Act 2000, s9FE)"
    : `${period.workingDays} working days from receipt (asked for by the board; no statutory duty)`;
}

/** Working days from `from` (excluded) to `to` (included); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/**
 * How far ahead the clerk's inbox lists agendas to publish: those whose
 * statutory deadline falls within this many working days of today (or has passed).
 */
export const AGENDA_DUE_WINDOW_WORKING_DAYS = 10;

export interface AgendaDue {
  /** The last day to publish (latestPublicationDay). */
  deadline: string;
  /** Today is after the deadline: the agenda can only go out late, with the reason for urgency. */
  passed: boolean;
  /** Working days after today up to and including the deadline (0 on the day itself and once passed). */
  workingDaysLeft: number;
}

/**
 * Whether the unpublished agenda of a meeting on `meetingDay` is due to publish
 * on `today`: its deadline (latestPublicationDay) is within the window or has
 * passed, and the meeting has not yet taken place. Null when it is not yet due,
 * or the meeting day is past.
 */
export function agendaPublicationDue(
  meetingDay: string,
  today: string,
  rule: ClockRule = DEFAULT_CLOCK_RULE,
  windowWorkingDays: number = AGENDA_DUE_WINDOW_WORKING_DAYS,
): AgendaDue | null {
  if (meetingDay < today) return null;
  const deadline = latestPublicationDay(meetingDay, rule);
  if (today > deadline) return { deadline, passed: true, workingDaysLeft: 0 };
  let left = 0;
  for (let day = addDays(today, 1); day <= deadline; day = addDays(day, 1)) {
    if (isWorkingDay(day)) left += 1;
    if (left > windowWorkingDays) return null;
  }
  return { deadline, passed: false, workingDaysLeft: left };
}

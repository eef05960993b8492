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

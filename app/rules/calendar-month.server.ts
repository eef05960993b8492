/**
 * The meeting calendar's month (issue 18, item 3): which month a `?month=YYYY-MM`
 * asks for, the weeks of its grid (Monday first, as in the UK), and the instants
 * that bound it in Europe/London. Bad input is a message, never an exception.
 */

/** The months the calendar will show: wide enough for every record, narrow enough to refuse nonsense. */
export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2099;

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

export interface CalendarMonth {
  year: number;
  /** 1-12 */
  month: number;
}

export type MonthParse = { ok: true; value: CalendarMonth } | { ok: false; message: string };

const pad = (n: number) => String(n).padStart(2, "0");

export function monthKey(m: CalendarMonth): string {
  return `${m.year}-${pad(m.month)}`;
}

export function monthName(m: CalendarMonth): string {
  return `${MONTH_NAMES[m.month - 1]} ${m.year}`;
}

/** The London calendar day (YYYY-MM-DD) of an instant. */
function londonDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The month containing `now` in London. */
export function currentMonth(now: Date = new Date()): CalendarMonth {
  const [y, m] = londonDay(now).split("-").map(Number);
  return { year: y, month: m };
}

/**
 * `?month=` as typed: absent or blank means this month; otherwise exactly
 * YYYY-MM, a real month, within the years the calendar covers.
 */
export function parseMonth(param: string | null | undefined, now: Date = new Date()): MonthParse {
  const typed = (param ?? "").trim();
  if (!typed) return { ok: true, value: currentMonth(now) };
  const match = /^(\d{4})-(\d{2})$/.exec(typed);
  if (!match) return { ok: false, message: "The month must be a year and month written like 2026-03" };
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return { ok: false, message: "The month must be between 01 (January) and 12 (December), like 2026-03" };
  if (year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    return { ok: false, message: `The calendar covers the years ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}` };
  }
  return { ok: true, value: { year, month } };
}

export function addMonths(m: CalendarMonth, n: number): CalendarMonth {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The month before and after, or null beyond the years the calendar covers. */
export function neighbours(m: CalendarMonth): { previous: CalendarMonth | null; next: CalendarMonth | null } {
  const previous = addMonths(m, -1);
  const next = addMonths(m, 1);
  return {
    previous: previous.year >= FIRST_CALENDAR_YEAR ? previous : null,
    next: next.year <= LAST_CALENDAR_YEAR ? next : null,
  };
}

export interface GridDay {
  /** YYYY-MM-DD */
  day: string;
  /** Day of the month, 1-31. */
  date: number;
  inMonth: boolean;
}

/** Whole weeks, Monday to Sunday, covering the month; days of the months either side are marked. */
export function monthGrid(m: CalendarMonth): GridDay[][] {
  const first = new Date(Date.UTC(m.year, m.month - 1, 1));
  const mondayOffset = (first.getUTCDay() + 6) % 7; // 0 when the 1st is a Monday
  const start = new Date(first.getTime() - mondayOffset * 86_400_000);
  const daysInMonth = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  const weeks = Math.ceil((mondayOffset + daysInMonth) / 7);
  const grid: GridDay[][] = [];
  for (let w = 0; w < weeks; w++) {
    const week: GridDay[] = [];
    for (let d = 0; d < 7; d++) {
      const at = new Date(start.getTime() + (w * 7 + d) * 86_400_000);
      week.push({
        day: at.toISOString().slice(0, 10),
        date: at.getUTCDate(),
        inMonth: at.getUTCMonth() === m.month - 1,
      });
    }
    grid.push(week);
  }
  return grid;
}

/** The instant a London calendar day begins (midnight, GMT or BST). Clocks change at 01:00 UTC, so noon's offset is midnight's. */
function londonMidnight(year: number, month: number, day: number): Date {
  const midnightUtc = Date.UTC(year, month - 1, day);
  const noon = new Date(midnightUtc + 12 * 3_600_000);
  const offsetHours = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(noon)) - 12;
  return new Date(midnightUtc - offsetHours * 3_600_000);
}

/** The month's bounds as instants, [from, until), in London time. */
export function monthRange(m: CalendarMonth): { from: Date; until: Date } {
  const next = addMonths(m, 1);
  return { from: londonMidnight(m.year, m.month, 1), until: londonMidnight(next.year, next.month, 1) };
}

/** The London day of an instant, for placing a meeting in the grid. */
export { londonDay as calendarDayOf };

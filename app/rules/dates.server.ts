/**
 * How dates read on every page, including dates the sources do not give exactly.
 * All times are shown in Europe/London. Formatters are built once: creating an
 * Intl.DateTimeFormat is costly and these run for every date on every page.
 */
import type { DatePrecision } from "../../db/schema";

const TZ = "Europe/London";

const fmt = {
  date: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: TZ }),
  weekdayDate: new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TZ,
  }),
  time: new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: TZ }),
  monthYear: new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: TZ }),
  year: new Intl.DateTimeFormat("en-GB", { year: "numeric", timeZone: TZ }),
  isoDay: new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }),
};

const asDate = (value: Date | string) => (typeof value === "string" ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value);

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  return fmt.date.format(asDate(value));
}

export function formatDateTime(value: Date | null | undefined): string {
  if (!value) return "";
  const day = fmt.weekdayDate.format(value).replace(",", "");
  return `${day}, ${formatTime(value)}`;
}

/** The time of day in London as the site writes it: "6pm", "6:30pm". */
export function formatTime(value: Date): string {
  return fmt.time.format(value).replace(" ", "").replace(":00", "");
}

/** The date as a reader should see it: an approximate date says so. */
export function describeDate(
  value: Date | string | null | undefined,
  precision: DatePrecision,
  withTime = false,
): { text: string; approximate: boolean } {
  if (!value || precision === "unknown") return { text: "Date not known", approximate: true };
  const date = asDate(value);
  switch (precision) {
    case "exact":
      return { text: withTime && value instanceof Date ? formatDateTime(value) : formatDate(date), approximate: false };
    case "month":
      return { text: fmt.monthYear.format(date), approximate: true };
    case "year":
      return { text: fmt.year.format(date), approximate: true };
    case "approximate":
      return { text: `around ${fmt.monthYear.format(date)}`, approximate: true };
  }
}

/** The ISO calendar date (YYYY-MM-DD) in Europe/London. */
export function isoDay(value: Date): string {
  return fmt.isoDay.format(value);
}

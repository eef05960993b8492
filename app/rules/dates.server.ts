/**
 * How dates read on every page, including dates the sources do not give exactly.
 * All times are shown in Europe/London.
 */
import type { DatePrecision } from "../../db/schema";

const TZ = "Europe/London";

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: TZ }).format(date);
}

export function formatDateTime(value: Date | null | undefined): string {
  if (!value) return "";
  const day = new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TZ,
  })
    .format(value)
    .replace(",", "");
  const time = new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone: TZ })
    .format(value)
    .replace(" ", "")
    .replace(":00", "");
  return `${day}, ${time}`;
}

/** The date as a reader should see it: an approximate date says so. */
export function describeDate(
  value: Date | string | null | undefined,
  precision: DatePrecision,
  withTime = false,
): { text: string; approximate: boolean } {
  if (!value || precision === "unknown") return { text: "Date not known", approximate: true };
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  const parts = (opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-GB", { ...opts, timeZone: TZ }).format(date);
  switch (precision) {
    case "exact":
      return { text: withTime && value instanceof Date ? formatDateTime(value) : formatDate(date), approximate: false };
    case "month":
      return { text: parts({ month: "long", year: "numeric" }), approximate: true };
    case "year":
      return { text: parts({ year: "numeric" }), approximate: true };
    case "approximate":
      return { text: `around ${parts({ month: "long", year: "numeric" })}`, approximate: true };
  }
}

/** The ISO calendar date (YYYY-MM-DD) in Europe/London. */
export function isoDay(value: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    value,
  );
}

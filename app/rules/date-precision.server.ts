/**
 * How a date the sources give only in part leaves the portal (docs/decisions/019-date-precision.md).
 *
 * Every stored date that a source may give imprecisely has a precision beside it
 * ("exact" | "month" | "year" | "approximate" | "unknown"). The stored value of a
 * non-exact date is only a placeholder inside the period the sources allow (it
 * keeps lists in order and marks a record published); no surface may emit it as
 * if it were known. This module is the one place that decides how such a date is
 * written: on pages (text), in the API (null plus `<field>_precision` and
 * `<field>_note`), in Atom (the start of the known period, said in the summary, or
 * no entry) and in iCalendar (no event without a known day).
 */
import type { DatePrecision } from "../../db/schema";
import { describeDate } from "./dates.server";

export type { DatePrecision };

/** True when the sources give the date to the day. */
export function knownToTheDay(precision: DatePrecision): boolean {
  return precision === "exact";
}

/** What the API and pages say of a date by its precision, where the record has no note of its own. */
export function precisionNote(precision: DatePrecision): string | null {
  switch (precision) {
    case "exact":
      return null;
    case "month":
      return "The sources give only the month.";
    case "year":
      return "The sources give only the year.";
    case "approximate":
      return "The sources give this date only approximately.";
    case "unknown":
      return "The sources do not give this date.";
  }
}

/** The date as a reader sees it ("2021", "Date not known", "29 November 2024"). */
export function dateText(value: Date | string | null | undefined, precision: DatePrecision, withTime = false): string {
  return describeDate(value, precision, withTime).text;
}

/**
 * A date for the API: the value where the sources give the day, else null, with
 * its precision and a note beside it. `field` is the API's name for the date.
 */
export function apiDate<F extends string>(
  field: F,
  value: Date | string | null | undefined,
  precision: DatePrecision,
  note?: string | null,
): Record<F, string | null> & Record<`${F}_precision`, DatePrecision | null> & Record<`${F}_note`, string | null> {
  const known = value !== null && value !== undefined;
  const shown = known && knownToTheDay(precision) ? (value instanceof Date ? value.toISOString() : value) : null;
  return {
    [field]: shown,
    [`${field}_precision`]: known ? precision : null,
    [`${field}_note`]: known && !knownToTheDay(precision) ? (note ?? precisionNote(precision)) : null,
  } as Record<F, string | null> & Record<`${F}_precision`, DatePrecision | null> & Record<`${F}_note`, string | null>;
}

/**
 * The instant an Atom entry may carry for a date: the date itself when known to
 * the day, the start of the known month or year otherwise (the entry's summary
 * then says how precise it is: atomDateLine), and null when the sources do not
 * give it at all (no entry).
 */
export function atomInstant(value: Date | string | null | undefined, precision: DatePrecision): Date | null {
  if (!value || precision === "unknown") return null;
  const day = typeof value === "string" ? value.slice(0, 10) : null;
  if (precision === "exact") return day ? new Date(`${day}T00:00:00Z`) : (value as Date);
  const iso = day ?? (value as Date).toISOString().slice(0, 10);
  if (precision === "year") return new Date(`${iso.slice(0, 4)}-01-01T00:00:00Z`);
  return new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
}

/** The line an Atom summary starts with for a date not known to the day; "" for an exact one. */
export function atomDateLine(label: string, value: Date | string | null | undefined, precision: DatePrecision, note?: string | null): string {
  if (!value || knownToTheDay(precision)) return "";
  return `${label} ${dateText(value, precision)} (${note ?? precisionNote(precision)}) `;
}

/** The start of a calendar event: only a date known to the day gives one. */
export function calendarStart(value: Date, precision: DatePrecision): Date | null {
  return knownToTheDay(precision) ? value : null;
}

/**
 * Whole days a record was open, or null when either end is not known to the day
 * (the reader is told the count is not known rather than shown an invented one).
 */
export function daysBetweenKnown(
  from: { precision: DatePrecision },
  to: { precision: DatePrecision } | null,
  days: number,
): number | null {
  if (!knownToTheDay(from.precision)) return null;
  if (to && !knownToTheDay(to.precision)) return null;
  return days;
}

/**
 * The precision of the latest of several dated facts (when a question closed is
 * the last of its full response and its actions: its precision is that one's).
 */
export function precisionOfLatest(facts: { at: Date | null; precision: DatePrecision }[]): DatePrecision {
  let latest: { at: Date; precision: DatePrecision } | null = null;
  for (const f of facts) if (f.at && (!latest || f.at > latest.at)) latest = { at: f.at, precision: f.precision };
  return latest?.precision ?? "exact";
}

/** apiDate for camel-cased exports (CSV rows): `<name>Known`, `<name>Precision`, `<name>Note`. */
export function exportDate<N extends string>(name: N, value: string | Date | null | undefined, precision: DatePrecision, note?: string | null) {
  const a = apiDate("x", value, precision, note);
  return { [`${name}Known`]: a.x, [`${name}Precision`]: precision, [`${name}Note`]: a.x_note } as Record<`${N}Known`, string | null> &
    Record<`${N}Precision`, DatePrecision> &
    Record<`${N}Note`, string | null>;
}

/** ISO 8601 at the date's own precision ("2021", "2021-09", a full instant), or null: for schema.org data. */
export function isoAtPrecision(value: Date | string | null | undefined, precision: DatePrecision): string | null {
  if (!value || precision === "unknown") return null;
  const iso = value instanceof Date ? value.toISOString() : value;
  if (precision === "year") return iso.slice(0, 4);
  if (precision === "month") return iso.slice(0, 7);
  if (precision === "approximate") return null;
  return iso;
}

/** A publication date as a reader sees it: the date where known, else what the sources leave out. */
export function publicationText(value: Date | null | undefined, precision: DatePrecision): string | null {
  if (!value) return null;
  return knownToTheDay(precision) ? dateText(value, "exact", true) : "Not given in the sources";
}

/**
 * Calendar days, the one rule for every surface: a form field, a list filter, a
 * report's range, an API parameter. A day is a real date (no 30 February) with a
 * year from EARLIEST_YEAR to LATEST_YEAR: year 0 or 99999 is refused here, with a
 * message beside the field or a 400, never handed to the database (which has no
 * year 0 and would answer with an error).
 */
import { z } from "zod";

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2200;

function realDay(y: number, m: number, d: number): string | null {
  if (y < EARLIEST_YEAR || y > LATEST_YEAR) return null;
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A day written exactly YYYY-MM-DD (filters, reports, the API), or null. */
export function parseIsoDay(input: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec((input ?? "").trim());
  return match ? realDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** A day typed into one field: "2026-03-31" or "31/3/2026" (as people type it), answered as YYYY-MM-DD, or null. */
export function parseDay(input: string): string | null {
  const v = input.trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) return realDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.\s-](\d{1,2})[/.\s-](\d{4})$/.exec(v);
  return match ? realDay(Number(match[3]), Number(match[2]), Number(match[1])) : null;
}

/**
 * The three boxes of a GOV.UK date input (app/components/date-input.tsx) are posted as
 * `<name>-day`, `<name>-month` and `<name>-year`; the form readers (form-fields.ts)
 * join them into one value "day/month/year" under `<name>`, so a schema, the values
 * kept after an error and the component all deal in one string per date.
 */
export const DATE_PARTS = ["day", "month", "year"] as const;
export type DatePart = (typeof DATE_PARTS)[number];

export function datePartName(name: string, part: DatePart) {
  return `${name}-${part}`;
}

/** The parts posted for `name`, joined as "d/m/y", or null when the form has none of them. */
export function joinedDateParts(get: (key: string) => unknown, name: string): string | null {
  const parts = DATE_PARTS.map((part) => get(datePartName(name, part)));
  if (parts.every((p) => p === null || p === undefined)) return null;
  // A "/" typed into a box is escaped (and "%" with it), so the boxes split apart again as typed.
  return parts.map((p) => (typeof p === "string" ? p.trim().replaceAll("%", "%25").replaceAll("/", "%2F") : "")).join("/");
}

const unescapePart = (part: string) => part.replace(/%(25|2F)/g, (_, code: string) => (code === "25" ? "%" : "/"));

/** "d/m/y" (joined parts, some perhaps empty) or an ISO day, split into the three boxes. */
export function splitDay(value: string | null | undefined): Record<DatePart, string> {
  const v = (value ?? "").trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (iso) return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1] };
  const joined = /^([^/]*)\/([^/]*)\/([^/]*)$/.exec(v);
  if (joined) return { day: unescapePart(joined[1]), month: unescapePart(joined[2]), year: unescapePart(joined[3]) };
  return { day: "", month: "", year: "" };
}

/** The boxes left empty in a typed date ("" for all three when nothing was typed). */
export function missingDateParts(value: string | null | undefined): DatePart[] {
  const parts = splitDay(value);
  return DATE_PARTS.filter((p) => !parts[p].trim());
}

function listParts(parts: DatePart[]) {
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/**
 * What is wrong with a typed date, in the GOV.UK date input's words, or null when it
 * is a real day: "Enter …", "… must include a month", "… must be a real date".
 */
export function dayProblem(value: string, label: string): string | null {
  const v = value.trim();
  const joined = /^[^/]*\/[^/]*\/[^/]*$/.test(v) && !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v);
  if (!v || v === "//") return `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  if (joined) {
    const missing = missingDateParts(v);
    if (missing.length > 0) return `${label} must include a ${listParts(missing)}`;
    const { year } = splitDay(v);
    if (!/^\d{4}$/.test(year.trim())) return "Year must include 4 numbers";
  }
  return parseDay(v) ? null : `${label} must be a real date`;
}

export function dayField(options: { label: string; optional?: boolean }) {
  return z.string().transform((v, ctx) => {
    if (!v.trim() || v.trim() === "//") {
      if (options.optional) return null;
      ctx.addIssue({ code: "custom", message: dayProblem("", options.label)! });
      return z.NEVER;
    }
    const problem = dayProblem(v, options.label);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return parseDay(v);
  });
}

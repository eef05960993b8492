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

export function dayField(options: { label: string; optional?: boolean }) {
  return z.string().transform((v, ctx) => {
    if (!v.trim()) {
      if (options.optional) return null;
      ctx.addIssue({ code: "custom", message: `Enter ${options.label.toLowerCase()}` });
      return z.NEVER;
    }
    const day = parseDay(v);
    if (!day) {
      ctx.addIssue({ code: "custom", message: `${options.label} must be a real date, like 31/3/2026` });
      return z.NEVER;
    }
    return day;
  });
}

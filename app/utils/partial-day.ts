/**
 * A date the sources may give only to the month or the year (inspections: ADR 039), typed
 * into the GOV.UK date input: all three boxes for a day; the day box left empty for a
 * month ("11 2024"); the day and month boxes left empty for a year ("2024"). Stored as
 * the first day of the period with its precision beside it
 * (app/rules/date-precision.server.ts says how such a date is shown). A single field
 * "2024-11-29" (the old text box, the HTTP tests) still reads as an exact day.
 * Pure zod: safe in both bundles.
 */
import { z } from "zod";
import { dayProblem, parseDay, splitDay } from "./day-field";

export type PartialPrecision = "exact" | "month" | "year";
export interface PartialDay {
  day: string;
  precision: PartialPrecision;
}

const COARSENESS: PartialPrecision[] = ["exact", "month", "year"];

/** The coarsest of the precisions given (a record with one precision for several dates). */
export function coarsest(precisions: PartialPrecision[]): PartialPrecision {
  return precisions.reduce<PartialPrecision>((a, b) => (COARSENESS.indexOf(b) > COARSENESS.indexOf(a) ? b : a), "exact");
}

/** The boxes to show for a stored day at its precision: the day (and month) left empty where the sources give only the month (year). */
export function partialDayValue(day: string | null | undefined, precision: string): string {
  if (!day) return "";
  const parts = splitDay(day);
  if (precision === "exact") return `${parts.day}/${parts.month}/${parts.year}`;
  if (precision === "month") return `/${parts.month}/${parts.year}`;
  return `//${parts.year}`;
}

export function partialDayField(options: { label: string; optional?: boolean }) {
  const { label } = options;
  return z.string().transform((v, ctx): PartialDay | null => {
    const typed = v.trim();
    if (!typed || typed === "//") {
      if (options.optional) return null;
      ctx.addIssue({ code: "custom", message: dayProblem("", label)! });
      return z.NEVER;
    }
    const parts = splitDay(typed);
    const joined = /^[^/]*\/[^/]*\/[^/]*$/.test(typed);
    const year = parts.year.trim();
    const month = parts.month.trim();
    if (joined && !parts.day.trim() && (month || year)) {
      if (!year) {
        ctx.addIssue({ code: "custom", message: `${label} must include a year` });
        return z.NEVER;
      }
      if (!/^\d{4}$/.test(year)) {
        ctx.addIssue({ code: "custom", message: "Year must include 4 numbers" });
        return z.NEVER;
      }
      const day = parseDay(`1/${month || "1"}/${year}`);
      if (!day || (month && !/^\d{1,2}$/.test(month))) {
        ctx.addIssue({ code: "custom", message: `${label} must be a real date` });
        return z.NEVER;
      }
      return { day, precision: month ? "month" : "year" };
    }
    const problem = dayProblem(typed, label);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return { day: parseDay(typed)!, precision: "exact" };
  });
}

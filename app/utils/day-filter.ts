/**
 * A date filter on a GET form (the questions and actions registers, the tracking report):
 * the GOV.UK date input's boxes `<name>-day/-month/-year`, or the old single
 * `<name>=YYYY-MM-DD` (or 31/3/2026) so links made before keep working. Pure: safe in
 * both bundles.
 * - `value`: the day (YYYY-MM-DD) to filter by, or undefined when none or not a real day;
 * - `typed`: what was typed, to put back in the boxes;
 * - `error`: the date input's message when something was typed that is not a real day.
 */
import { dayProblem, parseDay } from "./day-field";
import { formText } from "./form-fields";

export interface DayFilter {
  value: string | undefined;
  typed: string;
  error: string | undefined;
}

export function readDayFilter(params: URLSearchParams, name: string, label: string): DayFilter {
  const typed = formText(params, name).trim();
  if (!typed || typed === "//") return { value: undefined, typed: "", error: undefined };
  const value = parseDay(typed) ?? undefined;
  return { value, typed, error: value ? undefined : (dayProblem(typed, label) ?? `${label} must be a real date`) };
}

/** The typed values and messages of several date filters, by field name. */
export function dayFilterState(params: URLSearchParams, fields: [name: string, label: string][]) {
  const typed: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const [name, label] of fields) {
    const f = readDayFilter(params, name, label);
    if (f.typed) typed[name] = f.typed;
    if (f.error) errors[name] = f.error;
  }
  return { typed, errors };
}

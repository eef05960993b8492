/**
 * The municipal year: the board's year runs from 1 May to 30 April (its annual meeting is
 * in May). A year is named by its first calendar year (2026) and written "2026-27"
 * (docs/decisions/043-work-programme.md). Days are London calendar days.
 */
import { isoDay } from "./dates.server";

/** The earliest and latest years an address may name. */
export const MUNICIPAL_YEAR_RANGE = { min: 2000, max: 2100 } as const;

/** The municipal year a day (YYYY-MM-DD, or an instant read in London) falls in. */
export function municipalYearOf(day: string | Date): number {
  const iso = typeof day === "string" ? day.slice(0, 10) : isoDay(day);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month >= 5 ? year : year - 1;
}

/** The first and last days of a municipal year: 2026 is 2026-05-01 to 2027-04-30. */
export function municipalYearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-05-01`, to: `${year + 1}-04-30` };
}

/** "2026-27"; "1999-00" across a century. */
export function municipalYearLabel(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
}

/**
 * Reads a year as an address writes it ("2026-27"), or fails with a message saying why.
 * The second part must be the year after the first.
 */
export function parseMunicipalYear(raw: string | null | undefined): { ok: true; year: number } | { ok: false; message: string } {
  const text = (raw ?? "").trim();
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m) return { ok: false, message: `"${text.slice(0, 20)}" is not a municipal year: write it as 2026-27` };
  const year = Number(m[1]);
  if (m[2] !== municipalYearLabel(year).slice(5)) {
    return { ok: false, message: `A municipal year runs May to April: ${m[1]}-${m[2]} should be ${municipalYearLabel(year)}` };
  }
  if (year < MUNICIPAL_YEAR_RANGE.min || year > MUNICIPAL_YEAR_RANGE.max) {
    return { ok: false, message: `There is no work programme for ${municipalYearLabel(year)}` };
  }
  return { ok: true, year };
}

/** The years a topic form offers: last year, this year and the next two. */
export function municipalYearChoices(now: Date = new Date()): { value: string; label: string }[] {
  const current = municipalYearOf(now);
  return [current - 1, current, current + 1, current + 2].map((y) => ({ value: String(y), label: municipalYearLabel(y) }));
}

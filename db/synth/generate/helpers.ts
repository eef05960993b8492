/** Small pure helpers for the synthetic archive: dates, slugs, timings. */
import { MONTHS } from "../vocabulary";

export const DAY = 86_400_000;

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
export const minDate = (...ds: Date[]) => new Date(Math.min(...ds.map((d) => d.getTime())));
export const maxDate = (...ds: Date[]) => new Date(Math.max(...ds.map((d) => d.getTime())));

export function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/'/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function longDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A local (Europe/London) wall-clock time on a day, as UTC, with British Summer Time approximated. */
export function londonTime(day: Date, hour: number, minute = 0): Date {
  const month = day.getUTCMonth();
  const bst = month >= 3 && month <= 9 ? 1 : 0;
  return new Date(Date.UTC(day.getUTCFullYear(), month, day.getUTCDate(), hour - bst, minute));
}

export function weekday(d: Date): Date {
  const dow = d.getUTCDay();
  if (dow === 6) return addDays(d, 2);
  if (dow === 0) return addDays(d, 1);
  if (dow === 5) return addDays(d, -1);
  return d;
}

/** "Early help and prevention" -> "early help and prevention"; names and acronyms keep their capitals. */
export function lowerFirst(title: string): string {
  const first = title.split(/[\s:,(]/)[0];
  if (/^(Ofsted|Synthetic|Emergency|Strengthening)$/.test(first)) return title;
  if (first.length > 1 && first === first.toUpperCase()) return title;
  return title.charAt(0).toLowerCase() + title.slice(1);
}

export function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

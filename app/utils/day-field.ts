/**
 * A date typed into one field: "2026-03-31" or "31/3/2026" (as people type it),
 * answered as YYYY-MM-DD, with a message naming the field when it is not a real date.
 */
import { z } from "zod";

export function parseDay(input: string): string | null {
  const v = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[/.\s-](\d{1,2})[/.\s-](\d{4})$/.exec(v);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 2000 || y > 2099) return null;
  return date.toISOString().slice(0, 10);
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

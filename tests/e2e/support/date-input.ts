/** Typing into a GOV.UK date input (app/components/date-input.tsx): its three boxes by name. */
import type { Page } from "playwright-core";

const PARTS = ["day", "month", "year"] as const;

/** Fills `<name>-day/-month/-year` from "2026-03-31" or "31/3/2026" (a part left empty stays empty: "/11/2024"). */
export async function fillDate(page: Page, name: string, value: string) {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const parts = iso ? [String(Number(iso[3])), String(Number(iso[2])), iso[1]] : value.split("/");
  for (const [i, part] of PARTS.entries()) await page.locator(`input[name="${name}-${part}"]`).fill(parts[i] ?? "");
}

/** What the three boxes hold, as "d/m/y". */
export async function dateValue(page: Page, name: string) {
  const out: string[] = [];
  for (const part of PARTS) out.push(await page.locator(`input[name="${name}-${part}"]`).inputValue());
  return out.join("/");
}

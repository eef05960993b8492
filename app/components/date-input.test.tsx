/**
 * The GOV.UK date input: three boxes posted as <name>-day/-month/-year, read back as
 * one value, checked with the pattern's messages, and what was typed kept.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dayField } from "~/utils/day-field";
import { parseForm } from "~/utils/form-fields";
import { DateInput } from "./date-input";

function post(parts: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) form.set(k, v);
  return parseForm(z.object({ dueOn: dayField({ label: "Due date" }) }), form);
}

describe("a date typed in three boxes", () => {
  it("is read as one real day", () => {
    expect(post({ "dueOn-day": "31", "dueOn-month": "3", "dueOn-year": "2026" })).toEqual({ ok: true, data: { dueOn: "2026-03-31" } });
    expect(post({ "dueOn-day": " 01 ", "dueOn-month": "02", "dueOn-year": "2028" })).toEqual({ ok: true, data: { dueOn: "2028-02-01" } });
  });

  it("gets the GOV.UK pattern's messages", () => {
    const message = (p: Record<string, string>) => (post(p) as { errors: Record<string, string> }).errors.dueOn;
    expect(message({ "dueOn-day": "", "dueOn-month": "", "dueOn-year": "" })).toBe("Enter due date");
    expect(message({ "dueOn-day": "31", "dueOn-month": "", "dueOn-year": "2026" })).toBe("Due date must include a month");
    expect(message({ "dueOn-day": "", "dueOn-month": "", "dueOn-year": "2026" })).toBe("Due date must include a day and month");
    expect(message({ "dueOn-day": "30", "dueOn-month": "2", "dueOn-year": "2026" })).toBe("Due date must be a real date");
    expect(message({ "dueOn-day": "3", "dueOn-month": "4", "dueOn-year": "26" })).toBe("Year must include 4 numbers");
    expect(message({ "dueOn-day": "x", "dueOn-month": "4", "dueOn-year": "2026" })).toBe("Due date must be a real date");
    expect(message({ "dueOn-day": "1/2", "dueOn-month": "4", "dueOn-year": "2026" })).toBe("Due date must be a real date");
  });

  it("an optional date left empty is no date; a single text field still reads as before", () => {
    const optional = z.object({ dueOn: dayField({ label: "Due date", optional: true }) });
    const empty = new FormData();
    for (const p of ["day", "month", "year"]) empty.set(`dueOn-${p}`, "");
    expect(parseForm(optional, empty)).toEqual({ ok: true, data: { dueOn: null } });
    const single = new FormData();
    single.set("dueOn", "2026-03-31");
    expect(parseForm(optional, single)).toEqual({ ok: true, data: { dueOn: "2026-03-31" } });
  });
});

describe("DateInput", () => {
  it("shows a stored day in its three boxes, the day box carrying the field's id", () => {
    const html = renderToStaticMarkup(<DateInput name="dueOn" legend="Due date" defaultValue="2026-03-07" />);
    expect(html).toContain('<input class="govuk-input govuk-date-input__input govuk-input--width-2" id="dueOn" name="dueOn-day" type="text" inputMode="numeric" value="7"/>');
    expect(html).toContain('name="dueOn-month" type="text" inputMode="numeric" value="3"');
    expect(html).toContain('name="dueOn-year" type="text" inputMode="numeric" value="2026"');
    expect(html).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Due date</legend>');
  });

  it("keeps what was typed and marks only the empty box when a part is missing", () => {
    const html = renderToStaticMarkup(<DateInput name="dueOn" legend="Due date" defaultValue="31//2026" error="Due date must include a month" />);
    expect(html).toContain('value="31"');
    expect(html).toContain('value="2026"');
    expect(html.match(/govuk-input--error/g)).toHaveLength(1);
    expect(html).toMatch(/govuk-input--error" id="dueOn-month"/);
    expect(html).toContain('<span class="govuk-visually-hidden">Error:</span> Due date must include a month');
  });

  it("marks all three boxes when the date is not real", () => {
    const html = renderToStaticMarkup(<DateInput name="dueOn" legend="Due date" defaultValue="30/2/2026" error="Due date must be a real date" />);
    expect(html.match(/govuk-input--error/g)).toHaveLength(3);
  });
});

import { describe, expect, it } from "vitest";
import { coarsest, partialDayField, partialDayValue } from "./partial-day";

const field = partialDayField({ label: "First day of the visit" });
const optional = partialDayField({ label: "Publication date", optional: true });
const message = (v: string) => {
  const r = field.safeParse(v);
  return r.success ? null : r.error.issues[0].message;
};

describe("partialDayField", () => {
  it("reads a day, a month (day empty) and a year (day and month empty)", () => {
    expect(field.parse("29/11/2024")).toEqual({ day: "2024-11-29", precision: "exact" });
    expect(field.parse("/11/2024")).toEqual({ day: "2024-11-01", precision: "month" });
    expect(field.parse("//2024")).toEqual({ day: "2024-01-01", precision: "year" });
    expect(field.parse("2024-11-29")).toEqual({ day: "2024-11-29", precision: "exact" });
  });
  it("answers with the GOV.UK date input's messages", () => {
    expect(message("//")).toBe("Enter first day of the visit");
    expect(message("29/11/")).toBe("First day of the visit must include a year");
    expect(message("/11/")).toBe("First day of the visit must include a year");
    expect(message("29//2024")).toBe("First day of the visit must include a month");
    expect(message("/13/2024")).toBe("First day of the visit must be a real date");
    expect(message("//24")).toBe("Year must include 4 numbers");
    expect(message("31/2/2024")).toBe("First day of the visit must be a real date");
  });
  it("is empty when optional and nothing typed", () => {
    expect(optional.parse("//")).toBeNull();
    expect(optional.parse("")).toBeNull();
  });
});

describe("partialDayValue and coarsest", () => {
  it("shows a stored day in the boxes by its precision", () => {
    expect(partialDayValue("2024-11-01", "month")).toBe("/11/2024");
    expect(partialDayValue("2024-01-01", "year")).toBe("//2024");
    expect(partialDayValue("2024-11-29", "exact")).toBe("29/11/2024");
    expect(partialDayValue(null, "exact")).toBe("");
  });
  it("takes the coarsest precision of several dates", () => {
    expect(coarsest(["exact", "month"])).toBe("month");
    expect(coarsest(["exact", "year", "month"])).toBe("year");
    expect(coarsest([])).toBe("exact");
  });
});

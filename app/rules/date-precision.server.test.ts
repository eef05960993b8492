import { describe, expect, it } from "vitest";
import { apiDate, atomDateLine, atomInstant, calendarStart, isoAtPrecision, precisionOfLatest, publicationText } from "./date-precision.server";

describe("date precision", () => {
  it("the API gives a date only when known to the day, with its precision and note", () => {
    expect(apiDate("tabled_on", "2021-09-01", "year")).toEqual({ tabled_on: null, tabled_on_precision: "year", tabled_on_note: "The sources give only the year." });
    expect(apiDate("tabled_on", "2026-12-06", "exact")).toEqual({ tabled_on: "2026-12-06", tabled_on_precision: "exact", tabled_on_note: null });
    expect(apiDate("at", new Date("2021-09-01T11:00:00Z"), "unknown", "Own note.")).toEqual({ at: null, at_precision: "unknown", at_note: "Own note." });
    expect(apiDate("at", null, "exact")).toEqual({ at: null, at_precision: null, at_note: null });
  });

  it("Atom gets the start of the known period, said in the summary, and nothing for an unknown date", () => {
    expect(atomInstant("2021-09-01", "year")?.toISOString()).toBe("2021-01-01T00:00:00.000Z");
    expect(atomInstant(new Date("2021-09-15T10:00:00Z"), "month")?.toISOString()).toBe("2021-09-01T00:00:00.000Z");
    expect(atomInstant(new Date("2021-09-15T10:00:00Z"), "unknown")).toBeNull();
    expect(atomDateLine("Dated", "2021-09-01", "year")).toBe("Dated 2021 (The sources give only the year.) ");
    expect(atomDateLine("Dated", "2024-11-29", "exact")).toBe("");
  });

  it("a calendar, schema.org data and pages never show an invented day", () => {
    expect(calendarStart(new Date("2021-09-01T11:00:00Z"), "year")).toBeNull();
    expect(isoAtPrecision(new Date("2021-09-01T11:00:00Z"), "year")).toBe("2021");
    expect(publicationText(new Date("2021-08-01T11:00:00Z"), "unknown")).toBe("Not given in the sources");
    expect(precisionOfLatest([{ at: new Date("2021-01-01"), precision: "year" }, { at: new Date("2026-01-01"), precision: "exact" }])).toBe("exact");
  });
});

import { describe, expect, it } from "vitest";
import { municipalYearBounds, municipalYearLabel, municipalYearOf, parseMunicipalYear } from "./municipal-year.server";

describe("municipalYearOf", () => {
  it.each([
    ["2026-05-01", 2026],
    ["2026-04-30", 2025],
    ["2027-04-30", 2026],
    ["2026-12-31", 2026],
    ["2027-01-01", 2026],
    ["2024-02-29", 2023],
  ])("%s is in the year starting %i", (day, year) => {
    expect(municipalYearOf(day)).toBe(year);
  });
  it("reads an instant in London: 23:30 UTC on 30 April in summer time is 1 May", () => {
    expect(municipalYearOf(new Date("2026-04-30T23:30:00Z"))).toBe(2026);
    expect(municipalYearOf(new Date("2026-04-30T22:30:00Z"))).toBe(2025);
  });
});

describe("municipalYearBounds and label", () => {
  it("runs 1 May to 30 April", () => {
    expect(municipalYearBounds(2026)).toEqual({ from: "2026-05-01", to: "2027-04-30" });
  });
  it("is written 2026-27, and across a century 2099-00", () => {
    expect(municipalYearLabel(2026)).toBe("2026-27");
    expect(municipalYearLabel(2099)).toBe("2099-00");
  });
});

describe("parseMunicipalYear", () => {
  it("reads 2026-27", () => {
    expect(parseMunicipalYear("2026-27")).toEqual({ ok: true, year: 2026 });
  });
  it.each([["2026"], ["2026-28"], ["26-27"], ["abc"], [""], ["1066-67"]])("refuses %s with a message", (raw) => {
    const r = parseMunicipalYear(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });
});

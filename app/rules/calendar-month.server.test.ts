import { describe, expect, it } from "vitest";
import { calendarDayOf, monthGrid, monthName, monthRange, neighbours, parseMonth } from "./calendar-month.server";

const NOW = new Date("2026-12-06T13:00:00Z");

describe("parseMonth", () => {
  it("takes this month when none is given", () => {
    expect(parseMonth(null, NOW)).toEqual({ ok: true, value: { year: 2026, month: 12 } });
    expect(parseMonth("  ", NOW)).toEqual({ ok: true, value: { year: 2026, month: 12 } });
  });
  it("takes this month in London, not UTC", () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (BST).
    expect(parseMonth(null, new Date("2026-05-31T23:30:00Z"))).toEqual({ ok: true, value: { year: 2026, month: 6 } });
  });
  it("reads YYYY-MM", () => {
    expect(parseMonth("2026-03", NOW)).toEqual({ ok: true, value: { year: 2026, month: 3 } });
  });
  it.each([
    ["2026-13", /between 01 \(January\) and 12/],
    ["2026-00", /between 01 \(January\) and 12/],
    ["abc", /like 2026-03/],
    ["2026-3", /like 2026-03/],
    ["2026-03-01", /like 2026-03/],
    ["99999-01", /like 2026-03/],
    ["9999-01", /years 2000 to 2099/],
    ["1066-10", /years 2000 to 2099/],
  ])("refuses %s with a message", (typed, message) => {
    const r = parseMonth(typed, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe("monthGrid", () => {
  it("lays out March 2026 in whole Monday-first weeks", () => {
    const grid = monthGrid({ year: 2026, month: 3 });
    // 1 March 2026 is a Sunday: the first week starts on Monday 23 February.
    expect(grid[0][0]).toEqual({ day: "2026-02-23", date: 23, inMonth: false });
    expect(grid[0][6]).toEqual({ day: "2026-03-01", date: 1, inMonth: true });
    expect(grid).toHaveLength(6);
    expect(grid.every((w) => w.length === 7)).toBe(true);
    expect(grid.flat().filter((d) => d.inMonth).map((d) => d.date)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(grid[5][6]).toEqual({ day: "2026-04-05", date: 5, inMonth: false });
  });
  it("needs only four weeks for a February starting on a Monday", () => {
    const grid = monthGrid({ year: 2027, month: 2 });
    expect(grid).toHaveLength(4);
    expect(grid[0][0].day).toBe("2027-02-01");
    expect(grid[3][6].day).toBe("2027-02-28");
  });
  it("counts 29 days in a leap February", () => {
    expect(monthGrid({ year: 2028, month: 2 }).flat().filter((d) => d.inMonth)).toHaveLength(29);
  });
});

describe("month bounds and neighbours", () => {
  it("bounds a summer month at London midnight (BST)", () => {
    const r = monthRange({ year: 2026, month: 6 });
    expect(r.from.toISOString()).toBe("2026-05-31T23:00:00.000Z");
    expect(r.until.toISOString()).toBe("2026-06-30T23:00:00.000Z");
  });
  it("bounds a winter month at London midnight (GMT) and crosses the year", () => {
    const r = monthRange({ year: 2026, month: 12 });
    expect(r.from.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(r.until.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
  it("places a late-evening meeting on its London day", () => {
    expect(calendarDayOf(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
  });
  it("gives previous and next, and none beyond the years covered", () => {
    expect(neighbours({ year: 2026, month: 1 })).toEqual({ previous: { year: 2025, month: 12 }, next: { year: 2026, month: 2 } });
    expect(neighbours({ year: 2000, month: 1 }).previous).toBeNull();
    expect(neighbours({ year: 2099, month: 12 }).next).toBeNull();
    expect(monthName({ year: 2026, month: 3 })).toBe("March 2026");
  });
});

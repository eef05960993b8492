import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  clearDaysBetween,
  isBankHoliday,
  isLatePublication,
  latestPublicationDay,
} from "./deadlines.server";

describe("latest publication day (5 clear working days)", () => {
  it("for a Monday meeting is the Friday a week before", () => {
    // Meeting Monday 16 March 2026: clear days Mon 9 - Fri 13.
    expect(latestPublicationDay("2026-03-16")).toBe("2026-03-06");
    expect(clearDaysBetween("2026-03-06", "2026-03-16")).toBe(5);
    expect(clearDaysBetween("2026-03-09", "2026-03-16")).toBe(4);
  });

  it("for a Thursday meeting is the Thursday before (neither day counted)", () => {
    expect(latestPublicationDay("2026-03-19")).toBe("2026-03-11");
  });

  it("skips bank holidays: Easter 2026 (Good Friday 3 April, Easter Monday 6 April)", () => {
    expect(isBankHoliday("2026-04-03")).toBe(true);
    expect(isBankHoliday("2026-04-06")).toBe(true);
    // Meeting Thursday 9 April: clear days Wed 8, Tue 7, Thu 2, Wed 1, Tue 31 March.
    expect(latestPublicationDay("2026-04-09")).toBe("2026-03-30");
  });

  it("skips Christmas, Boxing Day and New Year", () => {
    // 2026: Christmas Friday 25, Boxing Day substitute Monday 28, New Year Friday 1 January 2027.
    // Meeting Tuesday 5 January 2027: clear days Mon 4, Thu 31, Wed 30, Tue 29, Thu 24.
    expect(latestPublicationDay("2027-01-05")).toBe("2026-12-23");
  });

  it("can count calendar days instead, as a setting", () => {
    expect(latestPublicationDay("2026-03-16", { clearDays: 5, countWorkingDays: false })).toBe("2026-03-10");
  });

  it("says when a publication is late, by the London calendar day", () => {
    const meeting = new Date("2026-03-16T18:00:00Z");
    expect(isLatePublication(new Date("2026-03-06T16:00:00Z"), meeting)).toBe(false);
    expect(isLatePublication(new Date("2026-03-09T08:00:00Z"), meeting)).toBe(true);
  });

  it("refuses a year outside the bundled list rather than guessing", () => {
    expect(() => latestPublicationDay("2040-03-16")).toThrow(/bundled list covers 2018-2035/);
  });
});

describe("addWorkingDays", () => {
  it("adds 20 working days over a bank holiday", () => {
    // From Friday 1 May 2026; Monday 4 May and Monday 25 May are bank holidays.
    expect(addWorkingDays("2026-05-01", 20)).toBe("2026-06-02");
  });
});

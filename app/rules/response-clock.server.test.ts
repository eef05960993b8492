import { describe, expect, it } from "vitest";
import { addCalendarMonthsLessADay, daysBetween, responseDueOn, workingDaysBetween } from "./deadlines.server";

describe("the two-month response clock (LGA 2000 s9FE)", () => {
  it("ends the day before the corresponding day two months on", () => {
    expect(responseDueOn("2026-03-14")).toBe("2026-05-13");
    expect(responseDueOn("2026-11-20")).toBe("2027-01-19");
    expect(responseDueOn("2026-06-30")).toBe("2026-08-29");
  });

  it("ends on the last day of a shorter month where the day does not exist", () => {
    expect(responseDueOn("2026-12-31")).toBe("2027-02-28");
    expect(responseDueOn("2027-12-31")).toBe("2028-02-29");
    expect(responseDueOn("2027-12-30")).toBe("2028-02-29");
    expect(responseDueOn("2026-12-30")).toBe("2027-02-28");
    expect(responseDueOn("2026-07-31")).toBe("2026-09-30");
  });

  it("received on the 1st is due on the last day of the next month but one", () => {
    expect(responseDueOn("2027-01-01")).toBe("2027-02-28");
    expect(responseDueOn("2028-01-01")).toBe("2028-02-29");
    expect(responseDueOn("2026-03-01")).toBe("2026-04-30");
    expect(addCalendarMonthsLessADay("2026-11-01", 2)).toBe("2026-12-31");
  });

  it("counts working days, leaving out weekends and bank holidays, where the board sets a period", () => {
    // Friday 18 December 2026 + 5 working days: 21, 22, 23, 24 Dec, then 25, 26 (Sat), 27 (Sun), 28 (Boxing Day substitute) skipped: 29 Dec.
    expect(responseDueOn("2026-12-18", { statutory: false, workingDays: 5 })).toBe("2026-12-29");
    // Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April are bank holidays.
    expect(responseDueOn("2026-04-02", { statutory: false, workingDays: 2 })).toBe("2026-04-08");
    expect(workingDaysBetween("2026-04-02", "2026-04-08")).toBe(2);
  });

  it("measures lateness in calendar days", () => {
    expect(daysBetween("2026-05-13", "2026-05-20")).toBe(7);
    expect(daysBetween("2026-05-13", "2026-05-01")).toBe(-12);
  });
});

import { describe, expect, it } from "vitest";
import { afterTheFactDatesProblem, closedBusinessRefusal, questionsCloseOn } from "./raising.server";

const now = new Date("2026-12-06T12:00:00Z");

describe("closed business", () => {
  it("closes the window the set number of days after the meeting", () => {
    expect(questionsCloseOn("2026-11-08", 28)).toBe("2026-12-06");
  });
  it("lets a member raise a question on the last day of the window", () => {
    expect(closedBusinessRefusal({ meetingDay: "2026-11-08", windowDays: 28, now, byClerk: false })).toBeNull();
  });
  it("refuses a member the day after, saying when it closed", () => {
    expect(closedBusinessRefusal({ meetingDay: "2026-11-07", windowDays: 28, now, byClerk: false })).toBe(
      "Questions on this item closed on 5 December 2026, 28 days after the meeting. Ask the clerk if it must still be recorded",
    );
  });
  it("follows the body's own number of days", () => {
    expect(closedBusinessRefusal({ meetingDay: "2026-11-07", windowDays: 40, now, byClerk: false })).toBeNull();
    expect(closedBusinessRefusal({ meetingDay: "2026-11-30", windowDays: 5, now, byClerk: false })).not.toBeNull();
  });
  it("lets a clerk record one, and a supplementary question through", () => {
    expect(closedBusinessRefusal({ meetingDay: "2020-01-01", windowDays: 28, now, byClerk: true })).toBeNull();
    expect(closedBusinessRefusal({ meetingDay: "2020-01-01", windowDays: 28, now, byClerk: false, supplementary: true })).toBeNull();
  });
  it("is open for a meeting still to come", () => {
    expect(closedBusinessRefusal({ meetingDay: "2027-01-14", windowDays: 28, now, byClerk: false })).toBeNull();
  });
});

describe("a question entered after the fact", () => {
  it("allows a past due date", () => {
    expect(afterTheFactDatesProblem({ tabledOn: "2025-03-01", dueOn: "2025-04-01", now })).toBeNull();
  });
  it("allows due on the tabled day, refuses it before", () => {
    expect(afterTheFactDatesProblem({ tabledOn: "2025-03-01", dueOn: "2025-03-01", now })).toBeNull();
    expect(afterTheFactDatesProblem({ tabledOn: "2025-03-01", dueOn: "2025-02-28", now })?.field).toBe("dueOn");
  });
  it("refuses a tabled date in the future", () => {
    expect(afterTheFactDatesProblem({ tabledOn: "2026-12-07", dueOn: "2026-12-30", now })?.field).toBe("tabledOn");
  });
});

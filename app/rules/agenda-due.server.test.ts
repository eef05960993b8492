/** The clerk's inbox: which unpublished agendas are due to publish on a given day (fixed dates, bank holidays). */
import { describe, expect, it } from "vitest";
import { agendaPublicationDue } from "./deadlines.server";

describe("agendaPublicationDue", () => {
  it("is due when the deadline is within ten working days, with the working days left", () => {
    // Meeting Monday 16 March 2026: deadline Friday 6 March. On Monday 2 March: Tue-Fri = 4 working days.
    expect(agendaPublicationDue("2026-03-16", "2026-03-02")).toEqual({ deadline: "2026-03-06", passed: false, workingDaysLeft: 4 });
    // On the deadline itself: 0 left, not yet passed.
    expect(agendaPublicationDue("2026-03-16", "2026-03-06")).toEqual({ deadline: "2026-03-06", passed: false, workingDaysLeft: 0 });
  });

  it("is not yet due more than ten working days before the deadline", () => {
    // Deadline Friday 6 March 2026; ten working days before is Friday 20 February.
    expect(agendaPublicationDue("2026-03-16", "2026-02-20")).toEqual({ deadline: "2026-03-06", passed: false, workingDaysLeft: 10 });
    expect(agendaPublicationDue("2026-03-16", "2026-02-19")).toBeNull();
  });

  it("says the deadline has passed after it, until the meeting day", () => {
    expect(agendaPublicationDue("2026-03-16", "2026-03-09")).toEqual({ deadline: "2026-03-06", passed: true, workingDaysLeft: 0 });
    expect(agendaPublicationDue("2026-03-16", "2026-03-16")?.passed).toBe(true);
    expect(agendaPublicationDue("2026-03-16", "2026-03-17")).toBeNull();
  });

  it("counts neither the Easter bank holidays in the clear days nor in the days left", () => {
    // Meeting Thursday 9 April 2026: deadline Monday 30 March (Good Friday 3 and Easter Monday 6 April skipped).
    // On Friday 27 March one working day is left (Monday 30).
    expect(agendaPublicationDue("2026-04-09", "2026-03-27")).toEqual({ deadline: "2026-03-30", passed: false, workingDaysLeft: 1 });
    // On Thursday 2 April, the day before Good Friday, it has passed.
    expect(agendaPublicationDue("2026-04-09", "2026-04-02")?.passed).toBe(true);
  });

  it("over Christmas: a meeting on 5 January 2027 is due on 23 December 2026", () => {
    expect(agendaPublicationDue("2027-01-05", "2026-12-22")).toEqual({ deadline: "2026-12-23", passed: false, workingDaysLeft: 1 });
    expect(agendaPublicationDue("2027-01-05", "2026-12-24")?.passed).toBe(true);
  });

  it("follows the clock rule set for the portal (calendar days)", () => {
    expect(agendaPublicationDue("2026-03-16", "2026-03-09", { clearDays: 5, countWorkingDays: false })).toEqual({
      deadline: "2026-03-10",
      passed: false,
      workingDaysLeft: 1,
    });
  });
});

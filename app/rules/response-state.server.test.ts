import { describe, expect, it } from "vitest";
import { dueSoonBoundary, responseState } from "./response-state.server";
import { workingDaysBetween } from "./deadlines.server";

const statutory = { statutory: true } as const;

describe("the response states at fixed clocks", () => {
  it("runs no clock before receipt", () => {
    expect(responseState({ receivedOn: null, period: statutory, respondedOn: null }, "2026-06-01").state).toBe("not_sent");
  });

  it("is awaiting, then due soon within 10 working days, then overdue the day after the due day", () => {
    const facts = { receivedOn: "2026-03-14", period: statutory, respondedOn: null };
    expect(responseState(facts, "2026-04-01")).toMatchObject({ state: "awaiting", dueOn: "2026-05-13" });
    // 13 May 2026 is a Wednesday. From Tuesday 28 April, 29 and 30 April, 1, 5-8 and 11-13 May
    // are 10 working days (4 May is a bank holiday): due soon; from 27 April there are 11.
    expect(responseState(facts, "2026-04-27").state).toBe("awaiting");
    expect(responseState(facts, "2026-04-28").state).toBe("due_soon");
    expect(responseState(facts, "2026-05-13").state).toBe("due_soon");
    expect(responseState(facts, "2026-05-14")).toMatchObject({ state: "overdue", daysLate: 1, summary: "Due 13 May 2026: 1 day overdue" });
  });

  it("says a response was on time or how late it was", () => {
    expect(responseState({ receivedOn: "2026-03-14", period: statutory, respondedOn: "2026-05-13" }, "2026-09-01")).toMatchObject({ state: "received", daysLate: 0 });
    expect(responseState({ receivedOn: "2026-03-14", period: statutory, respondedOn: "2026-05-20" }, "2026-09-01")).toMatchObject({
      state: "received",
      daysLate: 7,
      summary: "Responded on 20 May 2026, 7 days late (due 13 May 2026)",
    });
  });

  it("uses the board's working-day period where there is no statutory duty", () => {
    const facts = { receivedOn: "2026-12-18", period: { statutory: false, workingDays: 5 } as const, respondedOn: null };
    expect(responseState(facts, "2026-12-29")).toMatchObject({ state: "due_soon", dueOn: "2026-12-29" });
    expect(responseState(facts, "2026-12-30").state).toBe("overdue");
  });

  it("puts the due-soon boundary where 10 working days end, even across weekends", () => {
    for (const today of ["2026-04-29", "2026-12-18", "2027-01-02", "2026-08-27"]) {
      const boundary = dueSoonBoundary(today);
      expect(workingDaysBetween(today, boundary), today).toBe(10);
      const next = new Date(`${boundary}T12:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(workingDaysBetween(today, next.toISOString().slice(0, 10)), today).toBe(11);
    }
  });
});

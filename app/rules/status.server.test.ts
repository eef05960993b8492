import { describe, expect, it } from "vitest";
import {
  actionDaysLate,
  actionStatus,
  daysOpen,
  questionClosedAt,
  questionDaysLate,
  daysLate,
  isActionOverdue,
  isQuestionOverdue,
  questionStatus,
  recommendationStatus,
  type QuestionFacts,
} from "./status.server";

const accepted = new Date("2026-01-05T10:00:00Z");
const base: QuestionFacts = {
  acceptedAt: accepted,
  rejectedAt: null,
  closedAt: null,
  dueOn: "2026-02-02",
  sourceStatus: null,
  responseKinds: [],
  actions: [],
};
const action = (over: Partial<Parameters<typeof actionStatus>[0]> = {}) => ({
  dueOn: "2026-03-01",
  startedAt: null,
  completedAt: null,
  cancelledAt: null,
  ...over,
});

describe("question status", () => {
  it("follows the question through its life", () => {
    expect(questionStatus({ ...base, acceptedAt: null })).toBe("submitted");
    expect(questionStatus({ ...base, acceptedAt: null, rejectedAt: accepted })).toBe("rejected");
    expect(questionStatus(base)).toBe("awaiting_response");
    expect(questionStatus({ ...base, responseKinds: ["holding"] })).toBe("holding_response");
    expect(questionStatus({ ...base, responseKinds: ["holding", "full"], actions: [action()] })).toBe("answered");
    expect(
      questionStatus({ ...base, responseKinds: ["full"], actions: [action({ completedAt: accepted })] }),
    ).toBe("closed");
    expect(questionStatus({ ...base, closedAt: accepted })).toBe("closed");
  });

  it("is overdue only after the due date and only while unanswered", () => {
    expect(isQuestionOverdue(base, new Date("2026-02-02T23:00:00Z"))).toBe(false);
    expect(isQuestionOverdue(base, new Date("2026-02-03T09:00:00Z"))).toBe(true);
    expect(isQuestionOverdue({ ...base, responseKinds: ["holding"] }, new Date("2026-02-03T09:00:00Z"))).toBe(true);
    expect(isQuestionOverdue({ ...base, responseKinds: ["full"] }, new Date("2026-03-03T09:00:00Z"))).toBe(false);
  });
});

describe("action status", () => {
  it("is derived from dates and never overdue once done", () => {
    expect(actionStatus(action())).toBe("open");
    expect(actionStatus(action({ startedAt: accepted }))).toBe("in_progress");
    expect(actionStatus(action({ cancelledAt: accepted }))).toBe("cancelled");
    expect(isActionOverdue(action(), new Date("2026-03-02T09:00:00Z"))).toBe(true);
    expect(isActionOverdue(action({ completedAt: accepted }), new Date("2026-03-02T09:00:00Z"))).toBe(false);
    expect(daysLate("2026-03-01", new Date("2026-03-11T09:00:00Z"))).toBe(10);
    expect(daysLate("2026-03-01", new Date("2026-02-11T09:00:00Z"))).toBe(0);
  });
});

describe("recommendation status", () => {
  it("is met when a later visit found it met", () => {
    expect(recommendationStatus({ metByInspectionId: null, closedAt: null })).toBe("open");
    expect(recommendationStatus({ metByInspectionId: "x", closedAt: null })).toBe("met");
  });
});

describe("derived values across time (fixed clock)", () => {
  const due = "2026-02-02";
  const facts = (over: Partial<QuestionFacts> = {}): QuestionFacts => ({ ...base, dueOn: due, ...over });
  const days = ["2026-01-20T09:00:00Z", "2026-02-02T22:30:00Z", "2026-02-03T00:30:00Z", "2026-02-12T09:00:00Z"].map((d) => new Date(d));
  it("counts days open, days late and overdue as the days pass", () => {
    expect(days.map((d) => daysOpen("2026-01-15", null, d))).toEqual([5, 18, 19, 28]);
    expect(days.map((d) => isQuestionOverdue(facts(), d))).toEqual([false, false, true, true]);
    expect(days.map((d) => questionDaysLate(facts(), d))).toEqual([0, 0, 1, 10]);
    // A full answer stops the clock; so does a clerk's closure.
    expect(days.map((d) => questionDaysLate(facts({ responseKinds: ["full"] }), d))).toEqual([0, 0, 0, 0]);
    expect(isQuestionOverdue(facts({ closedAt: accepted }), days[3])).toBe(false);
    expect(actionDaysLate(action({ dueOn: due }), days[3])).toBe(10);
    expect(actionDaysLate(action({ dueOn: due, cancelledAt: accepted }), days[3])).toBe(0);
  });
  it("dates a question's closure from the last step, and stops counting days open there", () => {
    const fullAt = new Date("2026-01-25T10:00:00Z");
    const doneAt = new Date("2026-02-20T10:00:00Z");
    const closed = { ...facts({ responseKinds: ["full"], actions: [action({ completedAt: doneAt })] }), fullResponseAt: fullAt };
    expect(questionClosedAt(closed)).toEqual(doneAt);
    expect(questionClosedAt({ ...closed, actions: [action()] })).toBeNull();
    expect(questionClosedAt({ ...facts({ closedAt: fullAt }), fullResponseAt: null })).toEqual(fullAt);
    expect(daysOpen("2026-01-15", doneAt, new Date("2026-06-01T09:00:00Z"))).toBe(36);
  });
});

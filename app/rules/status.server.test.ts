import { describe, expect, it } from "vitest";
import {
  actionStatus,
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

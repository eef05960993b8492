import { describe, expect, it } from "vitest";
import { actionRag, actionsOverTime, countTrail, ragStatus, recommendationRag } from "./rag.server";

const NOW = new Date("2025-03-10T12:00:00Z");
const action = (over: Partial<{ dueOn: string; startedAt: Date | null; completedAt: Date | null; cancelledAt: Date | null }>) => ({
  dueOn: "2025-06-01",
  startedAt: null,
  completedAt: null,
  cancelledAt: null,
  ...over,
});

describe("RAG status on a fixed date", () => {
  it("is red when open and past its due date", () => {
    expect(ragStatus({ done: false, dueOn: "2025-03-09" }, NOW)).toBe("red");
    expect(actionRag(action({ dueOn: "2025-01-31", startedAt: new Date("2025-01-02") }), NOW)).toBe("red");
  });

  it("is amber when open and due within 28 days, including today and day 28", () => {
    expect(ragStatus({ done: false, dueOn: "2025-03-10" }, NOW)).toBe("amber");
    expect(ragStatus({ done: false, dueOn: "2025-04-07" }, NOW)).toBe("amber");
  });

  it("is amber when open with no due date", () => {
    expect(recommendationRag({ metByInspectionId: null, closedAt: null, dueOn: null }, NOW)).toBe("amber");
  });

  it("is green when open and due more than 28 days away", () => {
    expect(ragStatus({ done: false, dueOn: "2025-04-08" }, NOW)).toBe("green");
  });

  it("is green when done, however late", () => {
    expect(actionRag(action({ dueOn: "2020-01-01", completedAt: new Date("2024-01-01") }), NOW)).toBe("green");
    expect(actionRag(action({ dueOn: "2020-01-01", cancelledAt: new Date("2024-01-01") }), NOW)).toBe("green");
    expect(recommendationRag({ metByInspectionId: "x", closedAt: null, dueOn: "2019-01-01" }, NOW)).toBe("green");
    expect(recommendationRag({ metByInspectionId: null, closedAt: new Date("2024-01-01"), dueOn: "2019-01-01" }, NOW)).toBe("green");
  });
});

describe("open, overdue and closed counts on a fixed date", () => {
  it("counts questions, actions and recommendations; overdue is part of open", () => {
    const counts = countTrail(
      {
        questions: [
          { status: "awaiting_response", overdue: true },
          { status: "answered", overdue: false },
          { status: "closed", overdue: false },
          { status: "rejected", overdue: false },
          { status: "submitted", overdue: false },
        ],
        actions: [
          action({ dueOn: "2025-03-01" }),
          action({ dueOn: "2025-03-11" }),
          action({ dueOn: "2025-01-01", completedAt: new Date("2025-02-01") }),
        ],
        recommendations: [
          { metByInspectionId: null, closedAt: null, dueOn: "2024-12-31" },
          { metByInspectionId: null, closedAt: null, dueOn: null },
          { metByInspectionId: "later-visit", closedAt: null, dueOn: "2019-01-01" },
        ],
      },
      NOW,
    );
    expect(counts).toEqual({ open: 6, overdue: 3, closed: 3 });
  });

  it("is all zero for an empty trail", () => {
    expect(countTrail({ questions: [], actions: [], recommendations: [] }, NOW)).toEqual({ open: 0, overdue: 0, closed: 0 });
  });
});

describe("actions opened and closed over time", () => {
  it("buckets by quarter from the first action to now", () => {
    const periods = actionsOverTime(
      [
        { createdAt: new Date("2024-08-01T10:00:00Z"), completedAt: new Date("2024-12-20T10:00:00Z"), cancelledAt: null },
        { createdAt: new Date("2024-09-30T10:00:00Z"), completedAt: null, cancelledAt: null },
        { createdAt: new Date("2025-01-05T10:00:00Z"), completedAt: null, cancelledAt: new Date("2025-02-01T10:00:00Z") },
      ],
      NOW,
    );
    expect(periods).toEqual([
      { label: "2024 Q3", opened: 2, closed: 0 },
      { label: "2024 Q4", opened: 0, closed: 1 },
      { label: "2025 Q1", opened: 1, closed: 1 },
    ]);
  });

  it("is empty with no actions", () => {
    expect(actionsOverTime([], NOW)).toEqual([]);
  });
});

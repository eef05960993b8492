import { describe, expect, it } from "vitest";
import { recommendationState } from "./recommendation-state.server";
import { pointsCountNote, pointsCountText } from "./source-terms.server";
import { isPublicationKind } from "./publications.server";

const NOW = new Date("2026-03-10T12:00:00Z");
const open = { metByInspectionId: null, closedAt: null, dueOn: null };
const action = (over: Partial<{ dueOn: string; startedAt: Date | null; completedAt: Date | null; cancelledAt: Date | null; reference: string | null }> = {}) => ({
  dueOn: "2026-06-30",
  startedAt: null,
  completedAt: null,
  cancelledAt: null,
  reference: null,
  ...over,
});

describe("recommendationState: the linked-work rule", () => {
  it("an open recommendation with no due date and no work is amber, and says why", () => {
    const s = recommendationState(open, undefined, NOW);
    expect(s).toMatchObject({ progress: "open", rag: "amber", done: false, basis: { kind: "rule", note: "Amber: open, no due date set" } });
  });

  it("every action answering it completed (its own or on a linked question) makes it green, not closed", () => {
    const s = recommendationState(open, { actions: [action({ completedAt: NOW })], questions: [{ status: "closed" }] }, NOW);
    expect(s).toMatchObject({ progress: "actions_completed", rag: "green", done: true });
    expect(s.basis.note).toBe("Green: every action answering it is completed (1 of 1); not yet closed with evidence");
  });

  it("only cancelled actions do not make it done", () => {
    expect(recommendationState(open, { actions: [action({ cancelledAt: NOW })], questions: [] }, NOW).done).toBe(false);
  });

  it("an open action past its due date makes it red, naming the action", () => {
    const s = recommendationState(open, { actions: [action({ dueOn: "2026-03-01", reference: "A-7" })], questions: [] }, NOW);
    expect(s).toMatchObject({ progress: "in_progress", rag: "red", overdue: true });
    expect(s.basis.note).toBe("Red: open, 1 action under way; action A-7's due date (1 March 2026) has passed");
  });

  it("a recorded closure or a later visit's finding is recorded, not ruled", () => {
    expect(recommendationState({ ...open, closedAt: NOW }, undefined, NOW).basis.kind).toBe("recorded");
    expect(recommendationState({ ...open, metByInspectionId: "x" }, undefined, NOW)).toMatchObject({ progress: "met", rag: "green" });
  });
});

describe("counts and terms as the sources give them", () => {
  it("says 6 of 17 known when the source quotes only part of its total", () => {
    expect(pointsCountText({ recommendation: 6 }, 17)).toBe("6 of 17 known");
    expect(pointsCountNote(6, 17)).toMatch(/^6 of 17 known/);
    expect(pointsCountText({ recommendation: 6 }, null)).toBe("6 recommendations");
    expect(pointsCountText({ improvement_point: 1 }, null)).toBe("1 point to improve");
    expect(pointsCountText({}, null)).toBe("None recorded");
  });

  it("closure evidence is not a publication", () => {
    expect(isPublicationKind("evidence")).toBe(false);
    expect(isPublicationKind("letter")).toBe(true);
  });
});

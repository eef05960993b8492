import { describe, expect, it } from "vitest";
import { actionStatusBasis } from "./action-status-basis.server";

describe("actionStatusBasis", () => {
  it("says a person recorded a finished action, and a rule gave an open one", () => {
    expect(actionStatusBasis("completed", false)).toEqual({ kind: "recorded", note: "Marked completed by its owner or the clerk" });
    expect(actionStatusBasis("cancelled", false).kind).toBe("recorded");
    expect(actionStatusBasis("open", false)).toEqual({ kind: "rule", note: "Open: no progress recorded yet" });
    expect(actionStatusBasis("in_progress", true).note).toBe("In progress: a progress update was recorded; overdue: its due date has passed");
  });
});

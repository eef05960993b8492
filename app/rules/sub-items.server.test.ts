import { describe, expect, it } from "vitest";
import { subItemProblem } from "./sub-items.server";

const M = "meeting-1";
const main = (id: string) => ({ id, meetingId: M, parentId: null });
const item = (id: string, subItemCount = 0, parentId: string | null = null) => ({ id, meetingId: M, parentId, subItemCount });

describe("subItemProblem", () => {
  it("allows a main item without sub-items to become part of another main item", () => {
    expect(subItemProblem(item("a"), main("b"))).toBeNull();
  });
  it("allows any item to be moved out (no parent)", () => {
    expect(subItemProblem(item("a", 0, "b"), null)).toBeNull();
    expect(subItemProblem(item("a", 3), null)).toBeNull();
  });
  it("refuses an item as part of itself", () => {
    expect(subItemProblem(item("a"), main("a"))).toBe("An item cannot be part of itself");
  });
  it("refuses an item of another meeting", () => {
    expect(subItemProblem(item("a"), { id: "b", meetingId: "meeting-2", parentId: null })).toBe("Select an item of this meeting");
  });
  it("refuses a sub-item as the parent (a sub-item cannot have sub-items)", () => {
    expect(subItemProblem(item("a"), { id: "c", meetingId: M, parentId: "b" })).toBe("Sub-items go under a main item, not under another sub-item");
  });
  it("refuses to make an item with sub-items a sub-item, saying how many", () => {
    expect(subItemProblem(item("a", 1), main("b"))).toMatch(/has a sub-item of its own.*move it out first/);
    expect(subItemProblem(item("a", 2), main("b"))).toMatch(/has 2 sub-items of its own.*move them out first/);
  });
});

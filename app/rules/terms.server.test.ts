import { describe, expect, it } from "vitest";
import { termsOverlap, termStatus } from "./terms.server";

describe("terms of membership", () => {
  it("are current from their first day to their last, both included", () => {
    const term = { startOn: "2024-04-01", endOn: "2025-03-31" };
    expect(termStatus(term, "2024-03-31")).toBe("future");
    expect(termStatus(term, "2024-04-01")).toBe("current");
    expect(termStatus(term, "2025-03-31")).toBe("current");
    expect(termStatus(term, "2025-04-01")).toBe("ended");
    expect(termStatus({ startOn: null, endOn: null }, "2030-01-01")).toBe("current");
  });

  it("overlap when they share a day; open ends reach forever", () => {
    const a = { startOn: "2024-04-01", endOn: "2025-03-31" };
    expect(termsOverlap(a, { startOn: "2025-03-31", endOn: null })).toBe(true);
    expect(termsOverlap(a, { startOn: "2025-04-01", endOn: null })).toBe(false);
    expect(termsOverlap(a, { startOn: null, endOn: "2024-03-31" })).toBe(false);
    expect(termsOverlap(a, { startOn: null, endOn: "2024-04-01" })).toBe(true);
    expect(termsOverlap({ startOn: "2024-01-01", endOn: null }, { startOn: "2030-01-01", endOn: null })).toBe(true);
    expect(termsOverlap({ startOn: "2024-05-01", endOn: "2024-06-01" }, a)).toBe(true);
  });
});

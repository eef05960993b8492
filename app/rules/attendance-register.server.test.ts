import { describe, expect, it } from "vitest";
import { markOf, registerMembers, substitutesOn } from "./attendance.server";

const terms = [
  { personId: "ann", name: "Ann Able", role: "member", startOn: "2025-05-20", endOn: null },
  { personId: "bob", name: "Bob Baker", role: "chair", startOn: null, endOn: "2026-05-18" },
  { personId: "cat", name: "Cat Cole", role: "member", startOn: "2026-05-19", endOn: null },
  { personId: "dan", name: "Dan Dee", role: "substitute", startOn: "2025-05-20", endOn: null },
  { personId: "eve", name: "Eve Eld", role: "officer", startOn: null, endOn: null },
  // A second term of Ann's overlapping the first: still one line on the register.
  { personId: "ann", name: "Ann Able", role: "member", startOn: "2026-01-01", endOn: null },
];

describe("the register of a meeting", () => {
  it("lists the members whose term covers the meeting's day, chair first, once each", () => {
    expect(registerMembers(terms, "2026-05-18").map((m) => m.personId)).toEqual(["bob", "ann"]);
    expect(registerMembers(terms, "2026-05-19").map((m) => m.personId)).toEqual(["ann", "cat"]);
    expect(registerMembers(terms, "2025-01-01").map((m) => m.personId)).toEqual(["bob"]);
  });

  it("leaves substitutes and officers off the register; substitutes may stand in on their days", () => {
    expect(registerMembers(terms, "2026-06-01").some((m) => m.personId === "dan" || m.personId === "eve")).toBe(false);
    expect(substitutesOn(terms, "2026-06-01").map((s) => s.personId)).toEqual(["dan"]);
    expect(substitutesOn(terms, "2025-05-19")).toEqual([]);
  });

  it("reads a member's mark back: substitute when someone attended in their place", () => {
    const recorded = [
      { personId: "ann", role: "member", status: "apologies" as const, substituteForId: null },
      { personId: "dan", role: "substitute", status: "present" as const, substituteForId: "ann" },
      { personId: "cat", role: "member", status: "present" as const, substituteForId: null },
    ];
    expect(markOf("ann", recorded)).toEqual({ mark: "substitute", substituteId: "dan" });
    expect(markOf("cat", recorded)).toEqual({ mark: "present", substituteId: null });
    expect(markOf("bob", recorded)).toEqual({ mark: null, substituteId: null });
  });
});

import { describe, expect, it } from "vitest";
import { chaseDay, chaseRefusal } from "./chase.server";

const at = (iso: string) => new Date(iso);

describe("chasing: once a day, never a closed record", () => {
  it("allows the first chase of the day", () => {
    expect(chaseRefusal({ kind: "question", status: "awaiting_response" }, [], at("2026-12-06T10:00:00Z"))).toBeNull();
  });
  it("refuses a second chase on the same London day", () => {
    expect(chaseRefusal({ kind: "question", status: "holding_response" }, ["2026-12-06"], at("2026-12-06T23:30:00Z"))).toBe("already_today");
  });
  it("allows it again the next day", () => {
    expect(chaseRefusal({ kind: "action", status: "open" }, ["2026-12-06"], at("2026-12-07T00:30:00Z"))).toBeNull();
  });
  it("counts the day in Europe/London (BST: 23:30 UTC is the next day)", () => {
    expect(chaseDay(at("2026-06-06T23:30:00Z"))).toBe("2026-06-07");
    expect(chaseRefusal({ kind: "action", status: "in_progress" }, ["2026-06-06"], at("2026-06-06T23:30:00Z"))).toBeNull();
  });
  it("refuses closed records", () => {
    for (const status of ["answered", "closed", "rejected", "answered_at_meeting", "submitted"] as const) {
      expect(chaseRefusal({ kind: "question", status }, [], at("2026-12-06T10:00:00Z"))).toBe("closed");
    }
    expect(chaseRefusal({ kind: "action", status: "completed" }, [], at("2026-12-06T10:00:00Z"))).toBe("closed");
    expect(chaseRefusal({ kind: "action", status: "cancelled" }, [], at("2026-12-06T10:00:00Z"))).toBe("closed");
  });
});

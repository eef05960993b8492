import { describe, expect, it } from "vitest";
import { approvalDate, approvalProblem, meetingDayHasCome, minutesItemGuess, recordingProblem } from "./minutes-approval.server";

const BODY = "b1";
const meeting = (id: string, startsAt: string, extra: Partial<{ bodyId: string; status: string; minutesPublishedAt: Date | null; minutesApprovedAt: Date | null }> = {}) => ({
  id,
  bodyId: BODY,
  startsAt: new Date(startsAt),
  status: "scheduled",
  minutesPublishedAt: new Date("2026-11-20T10:00:00Z"),
  minutesApprovedAt: null,
  ...extra,
});

// 5 December 2026, 10:00 in London.
const NOW = new Date("2026-12-05T10:00:00Z");

describe("recording a meeting's proceedings", () => {
  it("is possible from the meeting's day (London) on, not before", () => {
    expect(meetingDayHasCome({ startsAt: new Date("2026-12-05T18:00:00Z") }, NOW)).toBe(true);
    expect(meetingDayHasCome({ startsAt: new Date("2026-12-06T00:30:00Z") }, NOW)).toBe(false);
    expect(recordingProblem({ startsAt: new Date("2026-11-12T18:00:00Z"), status: "scheduled" }, NOW)).toBeNull();
    expect(recordingProblem({ startsAt: new Date("2027-01-14T18:00:00Z"), status: "confirmed" }, NOW)).toMatch(/not been held yet/);
  });

  it("is refused for a cancelled or postponed meeting", () => {
    expect(recordingProblem({ startsAt: new Date("2026-11-12T18:00:00Z"), status: "cancelled" }, NOW)).toMatch(/cancelled/);
    expect(recordingProblem({ startsAt: new Date("2026-11-12T18:00:00Z"), status: "postponed" }, NOW)).toMatch(/postponed/);
  });

  it("uses the London day, not UTC: 23:30 BST on 1 June is 1 June", () => {
    const now = new Date("2026-06-01T22:45:00Z"); // 23:45 on 1 June in London
    expect(meetingDayHasCome({ startsAt: new Date("2026-06-01T22:30:00Z") }, now)).toBe(true);
    expect(meetingDayHasCome({ startsAt: new Date("2026-06-01T23:30:00Z") }, now)).toBe(false); // 00:30 on 2 June
  });
});

describe("approving minutes", () => {
  const recorded = meeting("m1", "2026-11-12T18:00:00Z");

  it("is allowed at a later meeting of the same body held before or on today", () => {
    expect(approvalProblem(recorded, meeting("m2", "2026-12-03T18:00:00Z"), NOW)).toBeNull();
    expect(approvalProblem(recorded, meeting("m2", "2026-12-05T18:00:00Z"), NOW)).toBeNull(); // being held today
  });

  it("is refused at a meeting not yet held (the 14 January 2027 case)", () => {
    expect(approvalProblem(recorded, meeting("m3", "2027-01-14T18:00:00Z"), NOW)).toMatch(/not been held yet/);
  });

  it("is refused at a meeting of another body", () => {
    expect(approvalProblem(recorded, meeting("m2", "2026-12-03T18:00:00Z", { bodyId: "b2" }), NOW)).toMatch(/same board or committee/);
  });

  it("is refused at the same or an earlier meeting", () => {
    expect(approvalProblem(recorded, recorded, NOW)).toMatch(/later meeting/);
    expect(approvalProblem(recorded, meeting("m0", "2026-10-01T18:00:00Z"), NOW)).toMatch(/later meeting/);
  });

  it("is refused for unpublished or already approved minutes, and at a cancelled meeting", () => {
    expect(approvalProblem({ ...recorded, minutesPublishedAt: null }, meeting("m2", "2026-12-03T18:00:00Z"), NOW)).toMatch(/not been published/);
    expect(approvalProblem({ ...recorded, minutesApprovedAt: NOW }, meeting("m2", "2026-12-03T18:00:00Z"), NOW)).toMatch(/already been approved/);
    expect(approvalProblem(recorded, meeting("m2", "2026-12-03T18:00:00Z", { status: "cancelled" }), NOW)).toMatch(/cancelled/);
  });

  it("is dated to the approving meeting, not to the moment it was recorded", () => {
    expect(approvalDate(meeting("m2", "2026-12-03T18:00:00Z")).toISOString()).toBe("2026-12-03T18:00:00.000Z");
  });

  it("guesses the item for the minutes of the previous meeting", () => {
    const items = [
      { id: "a", title: "Apologies for absence" },
      { id: "b", title: "Minutes of the previous meeting" },
    ];
    expect(minutesItemGuess(items)?.id).toBe("b");
    expect(minutesItemGuess([{ id: "a", title: "Apologies" }])).toBeNull();
  });
});

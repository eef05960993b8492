import { describe, expect, it } from "vitest";
import { topicStatus } from "./topic-status.server";

const NOW = new Date("2026-12-06T12:00:00Z");
const future = { status: "scheduled" as const, startsAt: new Date("2027-01-10T18:00:00Z") };
const past = { status: "scheduled" as const, startsAt: new Date("2026-11-10T18:00:00Z") };

describe("topicStatus", () => {
  it("keeps a clerk's decision while no agenda item is linked", () => {
    expect(topicStatus({ decision: "proposed", agendaMeeting: null }, NOW)).toBe("proposed");
    expect(topicStatus({ decision: "planned", agendaMeeting: null }, NOW)).toBe("planned");
  });
  it("is on an agenda when linked to an item of a meeting not yet held", () => {
    expect(topicStatus({ decision: "planned", agendaMeeting: future }, NOW)).toBe("on_agenda");
  });
  it("is done once that meeting is held", () => {
    expect(topicStatus({ decision: "planned", agendaMeeting: past }, NOW)).toBe("done");
    expect(topicStatus({ decision: "planned", agendaMeeting: { ...future, status: "held" } }, NOW)).toBe("done");
  });
  it("is not done when the meeting was cancelled or postponed", () => {
    expect(topicStatus({ decision: "planned", agendaMeeting: { ...past, status: "cancelled" } }, NOW)).toBe("on_agenda");
  });
  it("keeps deferred and dropped whatever the agenda", () => {
    expect(topicStatus({ decision: "deferred", agendaMeeting: past }, NOW)).toBe("deferred");
    expect(topicStatus({ decision: "dropped", agendaMeeting: null }, NOW)).toBe("dropped");
  });
});

import { describe, expect, it } from "vitest";
import { decisionDatesProblem, decisionStatus } from "./decision-status.server";

const none = { callInUntil: null, calledInOn: null, implementedOn: null };

describe("decision status at fixed dates", () => {
  it("is made when call-in does not apply (a scrutiny resolution)", () => {
    expect(decisionStatus(none, "2026-03-01")).toEqual({ status: "made", label: "Made", callInUntil: null });
  });

  it("is subject to call-in up to and including the last day, then made", () => {
    const d = { ...none, callInUntil: "2026-03-12" };
    expect(decisionStatus(d, "2026-03-05").status).toBe("subject_to_call_in");
    expect(decisionStatus(d, "2026-03-12")).toEqual({ status: "subject_to_call_in", label: "Subject to call-in until 12 March 2026", callInUntil: "2026-03-12" });
    expect(decisionStatus(d, "2026-03-13").status).toBe("made");
  });

  it("is called in from the call-in day, and implemented from the implementation day", () => {
    const d = { callInUntil: "2026-03-12", calledInOn: "2026-03-10", implementedOn: "2026-04-20" };
    expect(decisionStatus(d, "2026-03-09").status).toBe("subject_to_call_in");
    expect(decisionStatus(d, "2026-03-10")).toEqual({ status: "called_in", label: "Called in on 10 March 2026", callInUntil: null });
    expect(decisionStatus(d, "2026-04-19").status).toBe("called_in");
    expect(decisionStatus(d, "2026-04-20")).toEqual({ status: "implemented", label: "Implemented on 20 April 2026", callInUntil: null });
  });

  it("ignores a call-in day where call-in does not apply", () => {
    expect(decisionStatus({ ...none, calledInOn: "2026-03-10" }, "2026-03-11").status).toBe("made");
  });
});

describe("what a clerk may record", () => {
  it("refuses a call-in without a call-in period, or after it", () => {
    expect(decisionDatesProblem({ ...none, calledInOn: "2026-03-10" }, "2026-03-01")?.field).toBe("calledInOn");
    expect(decisionDatesProblem({ ...none, callInUntil: "2026-03-08", calledInOn: "2026-03-10" }, "2026-03-01")?.message).toContain("8 March 2026");
    expect(decisionDatesProblem({ ...none, callInUntil: "2026-03-12", calledInOn: "2026-03-10" }, "2026-03-01")).toBeNull();
  });
  it("refuses a day before the meeting", () => {
    expect(decisionDatesProblem({ ...none, implementedOn: "2026-02-01" }, "2026-03-01")?.field).toBe("implementedOn");
  });
});

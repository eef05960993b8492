/** A record's history in words: labels, times as pages write them, names for ids, no empty "Removed:" lines. */
import { describe, expect, it } from "vitest";
import { describeChanges, describeValues, type FieldSpecs } from "./change-wording.server";

const SPECS: FieldSpecs = {
  title: { label: "Title", kind: "text" },
  startsAt: { label: "Start", dateLabel: "Date", kind: "start" },
  endsAt: { label: "End", kind: "time" },
  venue: { label: "Venue", kind: "text" },
  status: { label: "Status", kind: "choice", labels: { scheduled: "scheduled", postponed: "postponed" } },
  leadOfficerId: { label: "Lead officer", kind: "record" },
  isExempt: { label: "Exempt", kind: "flag", on: "Marked as exempt", off: "No longer exempt" },
  body: { label: "Minute", kind: "long" },
};
const OFFICER = "6f1c2b9e-0000-4000-8000-000000000001";
const nameOf = (id: string) => (id === OFFICER ? "Jane Officer" : null);
const who: { at: Date; author: string | null } = { at: new Date("2026-12-10T14:05:00Z"), author: "Demo Clerk" };
const sentences = (before: Record<string, unknown>, after: Record<string, unknown>, by = who) =>
  describeChanges(SPECS, before, after, by, nameOf).map((c) => c.sentence);

describe("describeChanges", () => {
  it("says a new start time in London time, with when and by whom", () => {
    // 18:00 and 18:30 London time in December (GMT).
    expect(sentences({ startsAt: "2026-12-17T18:00:00.000Z" }, { startsAt: "2026-12-17T18:30:00.000Z" })).toEqual([
      "Start changed from 6pm to 6:30pm on 10 December 2026 by Demo Clerk",
    ]);
  });

  it("says a new date and a new time as two changes, in British Summer Time too", () => {
    expect(sentences({ startsAt: "2026-06-17T17:00:00.000Z" }, { startsAt: "2026-06-18T17:30:00.000Z" })).toEqual([
      "Date changed from 17 June 2026 to 18 June 2026 on 10 December 2026 by Demo Clerk",
      "Start changed from 6pm to 6:30pm on 10 December 2026 by Demo Clerk",
    ]);
  });

  it("does not say the end changed when only the meeting's date moved", () => {
    expect(
      sentences(
        { startsAt: "2026-12-17T18:00:00.000Z", endsAt: "2026-12-17T20:00:00.000Z" },
        { startsAt: "2026-12-18T18:00:00.000Z", endsAt: "2026-12-18T20:30:00.000Z" },
      ),
    ).toEqual([
      "Date changed from 17 December 2026 to 18 December 2026 on 10 December 2026 by Demo Clerk",
      "End changed from 8pm to 8:30pm on 10 December 2026 by Demo Clerk",
    ]);
  });

  it("says a value set, removed and changed, with labels and never field names", () => {
    const out = sentences(
      { title: "Budget", venue: null, endsAt: "2026-12-17T20:00:00.000Z", status: "scheduled" },
      { title: "Budget 2027", venue: "Council House", endsAt: null, status: "postponed" },
    );
    expect(out).toEqual([
      "Title changed from “Budget” to “Budget 2027” on 10 December 2026 by Demo Clerk",
      "End removed (was 8pm) on 10 December 2026 by Demo Clerk",
      "Venue set to “Council House” on 10 December 2026 by Demo Clerk",
      "Status changed from scheduled to postponed on 10 December 2026 by Demo Clerk",
    ]);
    expect(out.join(" ")).not.toMatch(/startsAt|endsAt|venue:|T\d\d:\d\d|\d{4}-\d\d-\d\d/);
  });

  it("names a linked person, or says another record", () => {
    expect(sentences({ leadOfficerId: null }, { leadOfficerId: OFFICER })).toEqual(["Lead officer set to Jane Officer on 10 December 2026 by Demo Clerk"]);
    const unknown = "6f1c2b9e-0000-4000-8000-000000000999";
    expect(sentences({ leadOfficerId: OFFICER }, { leadOfficerId: unknown })).toEqual([
      "Lead officer changed from Jane Officer to another record on 10 December 2026 by Demo Clerk",
    ]);
  });

  it("says a yes/no as what it means", () => {
    expect(sentences({ isExempt: false }, { isExempt: true })).toEqual(["Marked as exempt on 10 December 2026 by Demo Clerk"]);
    expect(sentences({ isExempt: true }, { isExempt: false })).toEqual(["No longer exempt on 10 December 2026 by Demo Clerk"]);
  });

  it("lists the lines of long text added and removed, never a blank one", () => {
    const [change] = describeChanges(SPECS, { body: "First line\n\nSecond line\n" }, { body: "First line\nThird line\n\n\n" }, who, nameOf);
    expect(change.sentence).toBe("Minute changed on 10 December 2026 by Demo Clerk");
    expect(change.lines).toHaveLength(2);
    expect(change.lines).toEqual(expect.arrayContaining([{ kind: "removed", text: "Second line" }, { kind: "added", text: "Third line" }]));
    const [spacing] = describeChanges(SPECS, { body: "One\n\nTwo" }, { body: "One\nTwo" }, who, nameOf);
    expect(spacing).toEqual({ sentence: "Blank lines in the minute changed on 10 December 2026 by Demo Clerk", lines: [] });
  });

  it("says nothing for a field saved unchanged (null and empty are the same), and 'another detail' for an unlabelled one", () => {
    expect(sentences({ venue: null, title: "A" }, { venue: "", title: "A" })).toEqual([]);
    expect(sentences({ secretColumn: 1 }, { secretColumn: 2 })).toEqual(["Another detail changed on 10 December 2026 by Demo Clerk"]);
  });

  it("says when who made a change was not recorded", () => {
    expect(sentences({ title: "A" }, { title: "B" }, { at: who.at, author: null })).toEqual([
      "Title changed from “A” to “B” on 10 December 2026 (who made it was not recorded)",
    ]);
  });
});

describe("describeValues", () => {
  it("gives a first version's fields with labels, dates and names, leaving out empty ones", () => {
    expect(describeValues(SPECS, { title: "Budget", startsAt: "2026-12-17T18:00:00.000Z", venue: "", leadOfficerId: OFFICER, isExempt: false }, nameOf)).toEqual([
      { label: "Title", value: "Budget" },
      { label: "Date", value: "17 December 2026" },
      { label: "Start", value: "6pm" },
      { label: "Lead officer", value: "Jane Officer" },
      { label: "Exempt", value: "No" },
    ]);
  });
});

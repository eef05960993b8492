/**
 * The clerk's rules: publishing and the statutory clock, supplementary agendas,
 * approval as a correct record then the lock, stale saves, bad input.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addItem, moveItem, updateItem, type ItemInput } from "~/models/meetings";
import { ClerkError, ConflictError } from "~/utils/clerk-errors.server";
import { createItemDocument, detectFileKind } from "~/models/meetings";
import { approveMinutes, createMeeting, publishAgenda, publishMinutes, publishSupplementary, setMeetingStatus } from "~/models/meetings";
import { LOCKED_MESSAGE, saveMinute } from "~/models/meetings";
import { auditLog, agendaItems, meetings, minuteAmendments, minutes, revisions } from "../../db/schema";
import { makeUser } from "../support/accounts";
import { makeBody } from "../support/factories";

let actor: { userId: string };
let bodyId: string;
const BEFORE = new Date("2030-01-02T09:00:00Z");
/** After the meetings of the minutes test (3 June and 1 July 2030): both held. */
const AFTER = new Date("2030-07-02T09:00:00Z");

beforeAll(async () => {
  const clerk = await makeUser("clerk");
  actor = { userId: clerk.id };
  bodyId = (await makeBody()).id;
});

const meetingInput = (day: string) => ({ bodyId, title: `Board ${day}`, day, startTime: "18:00", endTime: "", venue: "Council House", attendanceMode: "in_person" as const });
const tx = <T>(fn: (t: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => Promise<T>) => db().transaction(fn);

function itemInput(over: Partial<ItemInput> = {}): ItemInput {
  return { title: "Budget", purpose: "", body: "Body", leadOfficerId: null, isExempt: false, exemptParagraph: null, exemptReason: "", publicTitle: "", publicSummary: "", priorityIds: [], ...over };
}

describe("creating a meeting", () => {
  it("refuses a date in the past and an end before the start, storing nothing", async () => {
    await expect(tx((t) => createMeeting(t, actor, meetingInput("2029-12-01"), BEFORE))).rejects.toThrow("A new meeting must be in the future");
    await expect(tx((t) => createMeeting(t, actor, { ...meetingInput("2030-03-18"), endTime: "17:00" }, BEFORE))).rejects.toThrow("The end time must be after the start time");
    const rows = await db().select().from(meetings).where(eq(meetings.bodyId, bodyId));
    expect(rows).toHaveLength(0);
  });
});

describe("publishing an agenda", () => {
  it("is on time without a reason, and items added later form a supplementary agenda", async () => {
    // Monday 18 March 2030: deadline Friday 8 March.
    const m = await tx((t) => createMeeting(t, actor, meetingInput("2030-03-18"), BEFORE));
    await expect(tx((t) => publishAgenda(t, actor, m.id, "", new Date("2030-03-01T10:00:00Z")))).rejects.toThrow(/at least one agenda item/);
    await tx((t) => addItem(t, actor, m.id, { title: "Apologies", parentId: null }));
    await tx((t) => publishAgenda(t, actor, m.id, "", new Date("2030-03-08T10:00:00Z")));
    const late = await tx((t) => addItem(t, actor, m.id, { title: "Late report", parentId: null }));
    await expect(tx((t) => publishSupplementary(t, actor, m.id, "", new Date("2030-03-12T10:00:00Z")))).rejects.toMatchObject({ field: "supplementaryReason" });
    await tx((t) => publishSupplementary(t, actor, m.id, "Ofsted letter arrived on 11 March", new Date("2030-03-12T10:00:00Z")));
    const [item] = await db().select().from(agendaItems).where(eq(agendaItems.id, late.id));
    const [meeting] = await db().select().from(meetings).where(eq(meetings.id, m.id));
    expect(item.publishedAt?.toISOString()).toBe("2030-03-12T10:00:00.000Z");
    expect(meeting.agendaPublishedAt?.toISOString()).toBe("2030-03-08T10:00:00.000Z");
    expect(meeting.urgencyReason).toContain("Ofsted letter arrived on 11 March");
    const actions = (await db().select().from(auditLog).where(eq(auditLog.entityId, m.id)).orderBy(auditLog.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["create", "publish_agenda", "publish_supplementary"]));
  });

  it("after the deadline needs an urgency reason, which is kept", async () => {
    const m = await tx((t) => createMeeting(t, actor, meetingInput("2030-03-19"), BEFORE));
    await tx((t) => addItem(t, actor, m.id, { title: "Item", parentId: null }));
    const late = new Date("2030-03-13T10:00:00Z");
    await expect(tx((t) => publishAgenda(t, actor, m.id, "", late))).rejects.toMatchObject({ field: "urgencyReason" });
    const [draft] = await db().select().from(meetings).where(eq(meetings.id, m.id));
    expect(draft.agendaPublishedAt).toBeNull();
    await tx((t) => publishAgenda(t, actor, m.id, "The budget figures were late", late));
    const [published] = await db().select().from(meetings).where(eq(meetings.id, m.id));
    expect(published.urgencyReason).toBe("The budget figures were late");
  });

  it("needs a reason to postpone or cancel", async () => {
    const m = await tx((t) => createMeeting(t, actor, meetingInput("2030-04-01"), BEFORE));
    await expect(tx((t) => setMeetingStatus(t, actor, m.id, "cancelled", ""))).rejects.toMatchObject({ field: "statusReason" });
    await tx((t) => setMeetingStatus(t, actor, m.id, "postponed", "Not quorate"));
    const [row] = await db().select().from(meetings).where(eq(meetings.id, m.id));
    expect(row.status).toBe("postponed");
    expect(row.statusReason).toBe("Not quorate");
  });
});

describe("the agenda builder", () => {
  it("moves items but not past either end, and requires the paragraph for an exempt item", async () => {
    const m = await tx((t) => createMeeting(t, actor, meetingInput("2030-05-06"), BEFORE));
    const a = await tx((t) => addItem(t, actor, m.id, { title: "A", parentId: null }));
    const b = await tx((t) => addItem(t, actor, m.id, { title: "B", parentId: null }));
    await expect(tx((t) => moveItem(t, actor, b.id, "down"))).rejects.toThrow("The item is already last");
    await expect(tx((t) => moveItem(t, actor, a.id, "up"))).rejects.toThrow("The item is already first");
    await tx((t) => moveItem(t, actor, b.id, "up"));
    const rows = await db().select().from(agendaItems).where(eq(agendaItems.meetingId, m.id));
    expect(rows.find((r) => r.id === b.id)?.position).toBe(1);
    await expect(tx((t) => updateItem(t, actor, a.id, 1, itemInput({ isExempt: true }), ""))).rejects.toMatchObject({ field: "exemptParagraph" });
  });

  it("refuses a stale save and keeps the newer text", async () => {
    const m = await tx((t) => createMeeting(t, actor, meetingInput("2030-05-07"), BEFORE));
    const a = await tx((t) => addItem(t, actor, m.id, { title: "A", parentId: null }));
    await tx((t) => updateItem(t, actor, a.id, 1, itemInput({ body: "First clerk's text" }), ""));
    const stale = tx((t) => updateItem(t, actor, a.id, 1, itemInput({ body: "Second clerk's text" }), ""));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await stale.catch((e: ConflictError) => expect(e.current.body).toBe("First clerk's text"));
    const [row] = await db().select().from(agendaItems).where(eq(agendaItems.id, a.id));
    expect(row.body).toBe("First clerk's text");
    const versions = await db().select().from(revisions).where(eq(revisions.entityId, a.id));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it("checks an upload's type by its content, not its name", async () => {
    const m = await tx((t) => createMeeting(t, actor, meetingInput("2030-05-08"), BEFORE));
    const a = await tx((t) => addItem(t, actor, m.id, { title: "A", parentId: null }));
    const liar = { name: "report.pdf", bytes: new TextEncoder().encode("<script>alert(1)</script>") };
    await expect(tx((t) => createItemDocument(t, actor, a.id, { title: "Report", body: "", file: liar }))).rejects.toMatchObject({ field: "file" });
    expect(detectFileKind(new TextEncoder().encode("%PDF-1.7\n"))).toBe("pdf");
    expect(detectFileKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("png");
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.7"));
    await expect(tx((t) => createItemDocument(t, actor, a.id, { title: "Big", body: "", file: { name: "big.pdf", bytes: big } }))).rejects.toThrow(/smaller than 20 MB/);
  });
});

describe("minutes: draft, approval at a later meeting, then locked", () => {
  it("records amendments, locks the minutes and allows only a recorded correction", async () => {
    const first = await tx((t) => createMeeting(t, actor, meetingInput("2030-06-03"), BEFORE));
    const second = await tx((t) => createMeeting(t, actor, meetingInput("2030-07-01"), BEFORE));
    const otherBody = await makeBody();
    const elsewhere = await tx((t) => createMeeting(t, actor, { ...meetingInput("2030-07-02"), bodyId: otherBody.id }, BEFORE));
    const item = await tx((t) => addItem(t, actor, first.id, { title: "Budget", parentId: null }));
    const minutesItem = await tx((t) => addItem(t, actor, second.id, { title: "Minutes of the previous meeting", parentId: null }));
    const elsewhereItem = await tx((t) => addItem(t, actor, elsewhere.id, { title: "Minutes of the previous meeting", parentId: null }));
    await tx((t) => publishAgenda(t, actor, first.id, "", new Date("2030-05-20T10:00:00Z")));
    // Minutes are written once the meeting is held (app/rules/minutes-approval.server.ts).
    await expect(tx((t) => saveMinute(t, actor, item.id, { body: "Too early.", decisions: "" }, { version: 0, correction: false, reason: "" }, new Date("2030-06-02T10:00:00Z")))).rejects.toThrow(/not been held yet/);
    const minute = await tx((t) => saveMinute(t, actor, item.id, { body: "The board noted the report.", decisions: "Noted." }, { version: 0, correction: false, reason: "" }, AFTER));
    await tx((t) => publishMinutes(t, actor, first.id, new Date("2030-06-05T10:00:00Z")));

    await expect(tx((t) => approveMinutes(t, actor, elsewhere.id, first.id, elsewhereItem.id, [], AFTER))).rejects.toThrow(/same board or committee/);
    await expect(tx((t) => approveMinutes(t, actor, first.id, second.id, item.id, [], AFTER))).rejects.toBeInstanceOf(ClerkError);
    // Not at a meeting that has not been held yet, nor at an item of another meeting.
    await expect(tx((t) => approveMinutes(t, actor, second.id, first.id, minutesItem.id, [], new Date("2030-06-20T10:00:00Z")))).rejects.toThrow(/not been held yet/);
    await expect(tx((t) => approveMinutes(t, actor, second.id, first.id, item.id, [], AFTER))).rejects.toMatchObject({ field: "atItemId" });

    await tx((t) =>
      approveMinutes(t, actor, second.id, first.id, minutesItem.id, [{ minuteId: minute.id, body: "The board noted the report, with thanks.", decisions: "Noted." }], AFTER),
    );
    const [m] = await db().select().from(meetings).where(eq(meetings.id, first.id));
    // Dated to the approving meeting, not to when the clerk recorded it.
    expect(m.minutesApprovedAt?.toISOString()).toBe(second.startsAt.toISOString());
    expect(m.minutesApprovedAtItemId).toBe(minutesItem.id);
    expect(m.minutesApprovedAtMeetingId).toBe(second.id);
    const [amendment] = await db().select().from(minuteAmendments).where(eq(minuteAmendments.minuteId, minute.id));
    expect(amendment.before).toContain("The board noted the report.");
    expect(amendment.after).toContain("with thanks");
    expect(amendment.approvedAtMeetingId).toBe(second.id);

    const [current] = await db().select().from(minutes).where(eq(minutes.id, minute.id));
    await expect(
      tx((t) => saveMinute(t, actor, item.id, { body: "Rewritten", decisions: "" }, { version: current.version, correction: false, reason: "" }, AFTER)),
    ).rejects.toThrow(LOCKED_MESSAGE);
    await expect(
      tx((t) => saveMinute(t, actor, item.id, { body: "Rewritten", decisions: "" }, { version: current.version, correction: true, reason: "" }, AFTER)),
    ).rejects.toMatchObject({ field: "reason" });
    await tx((t) =>
      saveMinute(t, actor, item.id, { body: "The board noted the report, with thanks.", decisions: "Noted unanimously." }, { version: current.version, correction: true, reason: "Vote recorded wrongly" }, AFTER),
    );
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, minute.id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toContain("correct");
    const meetingAudit = await db().select().from(auditLog).where(eq(auditLog.entityId, first.id)).orderBy(auditLog.id);
    expect(meetingAudit.map((a) => a.action)).toEqual(expect.arrayContaining(["publish_minutes", "approve_minutes"]));
  });
});

/**
 * Issue 18, items 2, 3 and 5 through the models (with the viewer) and the real
 * loaders: committee pages (terms of reference, chair, past members, clerk),
 * the meeting calendar (bad months, drafts, cancelled meetings, undated ones)
 * and recordings (http(s) only, offsets within the recording, exempt items'
 * offsets never public; the API's OCD media).
 */
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { db } from "~/db.server";
import {
  calendarMeetings,
  forthcomingMeetings,
  meetingMedia,
  setItemRecordingOffset,
  setMeetingRecording,
} from "~/models/meetings";
import { bodyProfile, bodyProfileFormValues, pastMembers, updateBodyProfile } from "~/models/people";
import { monthRange } from "~/rules/calendar-month.server";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { ClerkError, ConflictError, contentVersion } from "~/utils/clerk-errors.server";
import { auditLog, bodies, memberships, people } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let clerkCookie: string;
let clerkViewer: Viewer;
let actor: { userId: string };
let body: typeof bodies.$inferSelect;
let recorded: { id: string; slug: string };
let publicItem: { id: string };
let exemptItem: { id: string };

const text = (html: string) =>
  (html.match(/<main[\s\S]*<\/main>/)?.[0] ?? "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;|’/g, "'")
    .replace(/\s+/g, " ")
    .replace(/ ([,.:)])/g, "$1")
    .replace(/\( /g, "(");

async function refusal(write: () => Promise<unknown>): Promise<ClerkError> {
  try {
    await write();
  } catch (error) {
    if (error instanceof ClerkError) return error;
    throw error;
  }
  throw new Error("the write was not refused");
}

const audits = (entityId: string, action: string) =>
  db().select().from(auditLog).where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action))).orderBy(auditLog.id);

beforeAll(async () => {
  await importContent({ directory: path.resolve(process.cwd(), "content"), log: () => {} });
  server = await startTestServer();
  const clerk = await makeUser("clerk");
  actor = { userId: clerk.id };
  clerkViewer = { kind: "user", userId: clerk.id, name: clerk.name, email: clerk.email, role: "clerk", personId: null, organisationId: null };
  clerkCookie = await cookieFor(clerk.id);
  body = await makeBody({ name: "Corporate Parenting Panel", slug: "bcr-panel" });
  const [chair, vice, former] = await db()
    .insert(people)
    .values([
      { slug: "bcr-chair", name: "Rina Patel", honorific: "Councillor" },
      { slug: "bcr-vice", name: "Owen Doyle", honorific: "Councillor" },
      { slug: "bcr-former", name: "Hazel Moss", honorific: "Councillor" },
    ])
    .returning();
  await db().insert(memberships).values([
    { personId: chair.id, bodyId: body.id, role: "chair", startOn: "2024-05-20" },
    { personId: vice.id, bodyId: body.id, role: "vice_chair", startOn: "2024-05-20" },
    { personId: former.id, bodyId: body.id, role: "member", startOn: "2019-05-20", endOn: "2023-05-19" },
  ]);
  // The calendar's month: March 2030, well in the future.
  await makeMeeting(body.id, { title: "BCR March meeting", slug: "bcr-march", startsAt: new Date("2030-03-12T18:00:00Z") });
  await makeMeeting(body.id, { title: "BCR cancelled meeting", slug: "bcr-cancelled", startsAt: new Date("2030-03-19T18:00:00Z"), status: "cancelled", statusReason: "Not quorate" });
  await makeMeeting(body.id, { title: "BCR draft DRAFTMARK", slug: "bcr-draft", startsAt: new Date("2030-03-26T18:00:00Z"), agendaPublishedAt: null });
  await makeMeeting(body.id, { title: "BCR month only", slug: "bcr-month-only", startsAt: new Date("2030-03-15T12:00:00Z"), datePrecision: "month" });
  // A meeting with a recording: one public item and one exempt item.
  recorded = await makeMeeting(body.id, { title: "BCR recorded", slug: "bcr-recorded", startsAt: new Date("2026-01-15T18:00:00Z") });
  publicItem = await makeItem(recorded.id, { title: "Fostering sufficiency", position: 1 });
  exemptItem = await makeItem(recorded.id, { title: "Placement costs SECRETMARK", position: 2, isExempt: true, exemptParagraph: 3 });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("committee pages (item 2)", () => {
  it("says the seeded board has no terms of reference, and no clerk, rather than inventing them", async () => {
    const page = text(await (await send(server, "/bodies/scrutiny-board")).text());
    expect(page).toContain("The record has no terms of reference for this body.");
    expect(page).toContain("The record does not name this body's clerk.");
    expect(page).toContain("Where it meets Not recorded");
  });

  it("saves the clerk's profile in the audit log, renders Markdown without raw HTML, and refuses a stale form", async () => {
    const [row] = await db().select().from(bodies).where(eq(bodies.id, body.id));
    const version = contentVersion(bodyProfileFormValues(row));
    const input = {
      termsOfReference: "## Purpose\n\nTo hold the council to account as **corporate parent**.<script>alert(1)</script>",
      meetingPlace: "Council House, Oldbury",
      meetingFrequency: "Every six weeks",
      clerkName: "Sam Clerk",
      clerkEmail: "sam.clerk@example.gov.uk",
      clerkPhone: "0121 569 3896",
    };
    await db().transaction((tx) => updateBodyProfile(tx, actor, body.id, version, input));
    expect(await audits(body.id, "update_profile")).toHaveLength(1);
    const profile = await bodyProfile(body.id);
    expect(profile?.termsOfReferenceHtml).toContain("<strong>corporate parent</strong>");
    expect(profile?.termsOfReferenceHtml).not.toContain("<script");
    expect(profile?.clerk).toEqual({ name: "Sam Clerk", email: "sam.clerk@example.gov.uk", phone: "0121 569 3896" });
    await expect(db().transaction((tx) => updateBodyProfile(tx, actor, body.id, version, { ...input, clerkName: "Late" }))).rejects.toBeInstanceOf(ConflictError);
  });

  it("shows chair, vice-chair, past members, the clerk, where it meets and its feeds on the public page", async () => {
    const page = text(await (await send(server, "/bodies/bcr-panel")).text());
    expect(page).toContain("Chair Councillor Rina Patel");
    expect(page).toContain("Vice-chair Councillor Owen Doyle");
    expect(page).toMatch(/Past members[\s\S]*Councillor Hazel Moss Member from 20 May 2019 to 19 May 2023/);
    expect(page).toContain("Sam Clerk");
    expect(page).toContain("Council House, Oldbury");
    expect(page).toContain("Every six weeks");
    expect(page).toContain("/feeds/bodies/bcr-panel.ics");
    expect(page).toContain("/feeds/bodies/bcr-panel.atom");
    const past = await pastMembers(PUBLIC_VIEWER, body.id, { page: 1 });
    expect(past.members.map((m) => m.name)).toEqual(["Hazel Moss"]);
  });

  it("refuses a bad clerk email with a message beside the field, keeping what was typed", async () => {
    const form = await send(server, `/clerk/bodies/${body.id}`, { cookie: clerkCookie });
    const version = /name="version" value="(\d+)"/g;
    const html = await form.text();
    const versions = [...html.matchAll(version)].map((m) => m[1]);
    const res = await send(server, `/clerk/bodies/${body.id}`, {
      cookie: clerkCookie,
      form: { intent: "profile", version: versions[1], termsOfReference: "Kept terms", meetingPlace: "", meetingFrequency: "", clerkName: "", clerkEmail: "not an email", clerkPhone: "" },
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("Enter the clerk&#x27;s email address in the correct format");
    expect(page).toContain("Kept terms");
  });
});

describe("meeting calendar (item 3)", () => {
  it("places the viewer's meetings in the month; drafts only for a clerk; undated ones counted, not placed", async () => {
    const range = monthRange({ year: 2030, month: 3 });
    const publicView = await calendarMeetings(PUBLIC_VIEWER, { ...range, bodyId: body.id });
    expect(publicView.meetings.map((m) => [m.title, m.day])).toEqual([
      ["BCR March meeting", "2030-03-12"],
      ["BCR cancelled meeting", "2030-03-19"],
    ]);
    expect(publicView.meetings[1].status).toBe("cancelled");
    expect(publicView.undated).toBe(1);
    const clerkView = await calendarMeetings(clerkViewer, { ...range, bodyId: body.id });
    expect(clerkView.meetings.map((m) => m.title)).toContain("BCR draft DRAFTMARK");
  });

  it("lists forthcoming meetings soonest first, cancelled ones too, without drafts for the public", async () => {
    const { meetings } = await forthcomingMeetings(PUBLIC_VIEWER, { page: 1, bodyId: body.id, now: new Date("2030-01-01T00:00:00Z") });
    expect(meetings.map((m) => m.slug)).toEqual(["bcr-march", "bcr-month-only", "bcr-cancelled"]);
    expect(meetings.find((m) => m.slug === "bcr-month-only")?.calendarDay).toBe(false);
  });

  it("shows the month as a table with the meetings, and Add to calendar", async () => {
    const res = await send(server, "/meetings/calendar?body=bcr-panel&month=2030-03");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<th scope="col"');
    const page = text(html);
    expect(page).toContain("March 2030: meetings of Corporate Parenting Panel");
    expect(page).toContain("BCR March meeting");
    expect(page).toContain("(Cancelled)");
    expect(page).not.toContain("DRAFTMARK");
    expect(page).toContain("1 meeting in this period is not on the calendar");
    expect(html).toContain("/feeds/meetings/bcr-march.ics");
    expect(html).toContain("month=2030-02");
    expect(html).toContain("month=2030-04");
  });

  it.each([
    ["month=2026-13", "between 01 (January) and 12"],
    ["month=abc", "like 2026-03"],
    ["month=9999-01", "years 2000 to 2099"],
    ["month=2026-1", "like 2026-03"],
    ["body=no-such-body", "no board or committee at that address"],
  ])("answers %s with 400 and a message, never 500", async (query, message) => {
    const res = await send(server, `/meetings/calendar?${query}`);
    expect(res.status).toBe(400);
    const page = text(await res.text());
    expect(page).toContain("There is a problem");
    expect(page).toContain(message);
  });
});

describe("recordings (item 5)", () => {
  it("refuses links that are not http(s) and a missing kind", async () => {
    for (const url of ["javascript:alert(1)", "data:text/html,x", "ftp://files.example/x", "webcast.example/x"]) {
      const e = await refusal(() => db().transaction((tx) => setMeetingRecording(tx, actor, recorded.id, { url, kind: "archived", lengthSeconds: null })));
      expect(e.field).toBe("recordingUrl");
    }
    const e = await refusal(() => db().transaction((tx) => setMeetingRecording(tx, actor, recorded.id, { url: "https://webcast.example/m/1", kind: "", lengthSeconds: null })));
    expect(e.field).toBe("recordingKind");
  });

  it("refuses an offset before there is a recording, and one past its end", async () => {
    const none = await refusal(() => db().transaction((tx) => setItemRecordingOffset(tx, actor, publicItem.id, 60)));
    expect(none.message).toMatch(/no recording/);
    await db().transaction((tx) => setMeetingRecording(tx, actor, recorded.id, { url: "https://webcast.example/m/1", kind: "archived", lengthSeconds: 3600 }));
    const past = await refusal(() => db().transaction((tx) => setItemRecordingOffset(tx, actor, publicItem.id, 3601)));
    expect(past.message).toMatch(/within the recording, which is 1:00:00 long/);
    await db().transaction((tx) => setItemRecordingOffset(tx, actor, publicItem.id, 754));
    await db().transaction((tx) => setItemRecordingOffset(tx, actor, exemptItem.id, 2000));
    // Shortening the recording below an item's start is refused.
    const shorter = await refusal(() => db().transaction((tx) => setMeetingRecording(tx, actor, recorded.id, { url: "https://webcast.example/m/1", kind: "archived", lengthSeconds: 1000 })));
    expect(shorter.field).toBe("recordingLength");
    expect(await audits(recorded.id, "set_recording")).toHaveLength(1);
    expect(await audits(publicItem.id, "set_recording_offset")).toHaveLength(1);
  });

  it("gives the public the link and the public item's start, never the exempt item's", async () => {
    const pub = await meetingMedia(PUBLIC_VIEWER, recorded.id);
    expect(pub.recording?.url).toBe("https://webcast.example/m/1");
    expect(pub.offsets[publicItem.id]).toEqual({ seconds: 754, text: "0:12:34", url: "https://webcast.example/m/1#t=754" });
    expect(pub.offsets[exemptItem.id]).toBeUndefined();
    const clerk = await meetingMedia(clerkViewer, recorded.id);
    expect(clerk.offsets[exemptItem.id]?.seconds).toBe(2000);

    const page = text(await (await send(server, "/meetings/bcr-recorded")).text());
    expect(page).toContain("Watch the recording of this meeting");
    expect(page).toContain("Watch this item (item 1) from 0:12:34 in the recording");
    expect(page).not.toContain("0:33:20");
  });

  it("carries the recording in the API as OCD media with offset; none on the exempt item", async () => {
    const res = await send(server, `/api/v1/meetings/${recorded.id}`);
    const { data } = (await res.json()) as { data: { media: { offset: number | null; links: { url: string }[] }[]; agenda: { id: string; media: { offset: number }[] }[] } };
    expect(data.media).toEqual([
      { note: "Recording", kind: "archived", date: null, offset: null, length_seconds: 3600, links: [{ media_type: "text/html", url: "https://webcast.example/m/1" }] },
    ]);
    expect(data.agenda.find((i) => i.id === publicItem.id)?.media[0].offset).toBe(754);
    expect(data.agenda.find((i) => i.id === exemptItem.id)?.media).toEqual([]);
  });

  it("refuses javascript: through the clerk's form with the message beside the field", async () => {
    const res = await send(server, `/clerk/meetings/${recorded.id}/edit`, {
      cookie: clerkCookie,
      form: { intent: "recording", recordingUrl: "javascript:alert(1)", recordingKind: "live", recordingLength: "" },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter the link as a full web address starting with https://");
    const bad = await send(server, `/clerk/items/${publicItem.id}`, { cookie: clerkCookie, form: { intent: "recording-offset", recordingOffset: "-0:01:00" } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("The start time cannot be negative");
  });
});

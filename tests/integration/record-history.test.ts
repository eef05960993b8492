/**
 * The clerk's "History of changes" in words (issue 16, item 10): through the real models
 * and the page, for a meeting and an agenda item edited by a clerk.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addItem, createMeeting, recordHistory, updateItem, updateMeeting } from "~/models/meetings";
import type { Viewer } from "~/rules/viewer.server";
import { people } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let clerk: Viewer & { kind: "user" };
let meetingId: string;
let itemId: string;
let officerId: string;

const details = { title: "Budget scrutiny", day: "2030-12-17", startTime: "18:00", endTime: "20:00", venue: "", attendanceMode: "in_person" as const };

beforeAll(async () => {
  const user = await makeUser("clerk", { name: "Demo Clerk" });
  clerk = { kind: "user", userId: user.id, name: user.name, email: user.email, role: "clerk", personId: null, organisationId: null };
  const actor = { userId: user.id };
  const body = await makeBody({ name: "History Board" });
  const [officer] = await db().insert(people).values({ slug: "jane-officer-history", name: "Jane Officer" }).returning();
  officerId = officer.id;
  const meeting = await db().transaction((tx) => createMeeting(tx, actor, { bodyId: body.id, ...details }));
  meetingId = meeting.id;
  await db().transaction((tx) => updateMeeting(tx, actor, meetingId, 1, { ...details, startTime: "18:30", venue: "Council House" }, "Room booked"));
  await db().transaction((tx) => updateMeeting(tx, actor, meetingId, 2, { ...details, day: "2030-12-18", startTime: "18:30", venue: "Council House" }, ""));
  const item = await db().transaction((tx) => addItem(tx, actor, meetingId, { title: "Budget", parentId: null }));
  itemId = item.id;
  const base = { title: "Budget", purpose: "", body: "First paragraph\n\nSecond paragraph", leadOfficerId: null, isExempt: false, exemptParagraph: null, exemptReason: "", publicTitle: "", publicSummary: "", priorityIds: [] };
  await db().transaction((tx) => updateItem(tx, actor, itemId, 1, base, ""));
  await db().transaction((tx) => updateItem(tx, actor, itemId, 2, { ...base, body: "First paragraph\nThird paragraph\n\n", leadOfficerId: officerId }, ""));
});

describe("a record's history in words", () => {
  it("says each change to a meeting as a sentence with the board's labels", async () => {
    const history = (await recordHistory(clerk, "meeting", meetingId, 1))!;
    expect(history.total).toBe(3);
    const [third, second, first] = history.versions;
    const today = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date());
    expect(third.changes.map((c) => c.sentence)).toEqual([`Date changed from 17 December 2030 to 18 December 2030 on ${today} by Demo Clerk`]);
    expect(second.changes.map((c) => c.sentence)).toEqual([
      `Start changed from 6pm to 6:30pm on ${today} by Demo Clerk`,
      `Venue set to “Council House” on ${today} by Demo Clerk`,
    ]);
    expect(second.reason).toBe("Room booked");
    expect(first.heading).toBe(`Created on ${today} by Demo Clerk`);
    expect(first.values).toEqual(
      expect.arrayContaining([
        { label: "Title", value: "Budget scrutiny" },
        { label: "Date", value: "17 December 2030" },
        { label: "Start", value: "6pm" },
        { label: "End", value: "8pm" },
      ]),
    );
    const everything = JSON.stringify(history);
    expect(everything).not.toMatch(/startsAt|endsAt|2030-12-1\dT/);
  });

  it("names the lead officer and lists text lines added and removed, none blank", async () => {
    const history = (await recordHistory(clerk, "agenda_item", itemId, 1))!;
    const latest = history.versions[0];
    const sentences = latest.changes.map((c) => c.sentence);
    expect(sentences[0]).toMatch(/^Body changed on /);
    expect(sentences[1]).toMatch(/^Lead officer set to Jane Officer on /);
    expect(latest.changes[0].lines).toEqual(
      expect.arrayContaining([
        { kind: "removed", text: "Second paragraph" },
        { kind: "added", text: "Third paragraph" },
      ]),
    );
    expect(latest.changes[0].lines.every((l) => l.text.trim() !== "")).toBe(true);
    expect(JSON.stringify(history)).not.toContain(officerId);
  });

  it("is for those who may see drafts only, and pages", async () => {
    const member = { ...clerk, role: "member" as const };
    expect(await recordHistory(member, "meeting", meetingId, 1)).toBeNull();
    expect((await recordHistory(clerk, "meeting", meetingId, 2))!.versions).toEqual([]);
  });
});

describe("the history page", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("reads in words, without raw names, ids or empty Removed lines", async () => {
    const cookie = await cookieFor(clerk.userId);
    const response = await send(server, `/clerk/history/meeting/${meetingId}`, { cookie });
    expect(response.status).toBe(200);
    const html = (await response.text()).replace(/<!-- -->/g, "");
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(main).toMatch(/Start changed from 6pm to 6:30pm on \d+ \w+ \d{4} by Demo Clerk\./);
    expect(main).toContain("Reason given: Room booked");
    expect(main).not.toMatch(/startsAt|venue:|2030-12-17T|Removed: <\/del>|Removed: \s*</);
    const item = (await (await send(server, `/clerk/history/agenda_item/${itemId}`, { cookie })).text()).replace(/<!-- -->/g, "");
    const itemMain = item.slice(item.indexOf("<main"), item.indexOf("</main>"));
    expect(itemMain).toContain("Removed: Second paragraph");
    expect(itemMain).toContain("Added: Third paragraph");
    expect(itemMain).toContain("Lead officer set to Jane Officer");
    expect(itemMain).not.toContain(officerId);
    expect(itemMain).not.toMatch(/Removed: <\/del>/);
  });

  it("is refused to an officer and unknown for a record with no history", async () => {
    const officer = await cookieFor((await makeUser("officer")).id);
    expect((await send(server, `/clerk/history/meeting/${meetingId}`, { cookie: officer })).status).toBe(403);
    const cookie = await cookieFor(clerk.userId);
    expect((await send(server, `/clerk/history/meeting/00000000-0000-4000-8000-000000000000`, { cookie })).status).toBe(404);
    expect((await send(server, `/clerk/history/nothing/${meetingId}`, { cookie })).status).toBe(404);
  });
});

/**
 * "Updated on ...: reason" for minutes (issue 4, item 8): after the minutes are
 * published, every change to a minute (an edit with its reason, an amendment made
 * on approval, a recorded correction) shows on the public meeting page and on the
 * agenda item page, with its date and reason. Nothing shows before publication,
 * and nothing of an exempt item's minute reaches the public.
 */
import { eq } from "drizzle-orm";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { meetings } from "../../db/schema";
import { db } from "~/db.server";
import { addItem, updateItem } from "~/models/meetings";
import { approveMinutes, createMeeting, publishAgenda, publishMinutes } from "~/models/meetings";
import { saveMinute } from "~/models/meetings";
import { formatDate } from "~/rules/dates.server";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let actor: { userId: string };
let bodyId: string;
let server: TestServer;
let memberCookie: string;
const BEFORE = new Date("2030-01-02T09:00:00Z");
const tx = <T>(fn: (t: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => Promise<T>) => db().transaction(fn);

beforeAll(async () => {
  actor = { userId: (await makeUser("clerk")).id };
  memberCookie = await cookieFor((await makeUser("member")).id);
  bodyId = (await makeBody({ name: "Updates Board" })).id;
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** The "Updated on ...: reason" lines of a page, as a reader reads them. */
async function updateLines(path: string, cookie?: string) {
  const response = await send(server, path, cookie ? { cookie } : {});
  expect(response.status, path).toBe(200);
  const html = (await response.text()).replaceAll("<!-- -->", "");
  return [...html.matchAll(/<li>(Updated on [^<]*)<\/li>/g)].map((m) => m[1]);
}

describe("public updates to minutes", () => {
  it("show each change after publication with its date and reason, on the meeting page and the item page", async () => {
    const meeting = await tx((t) => createMeeting(t, actor, { bodyId, title: "Updates meeting", day: "2030-06-03", startTime: "18:00", endTime: "", venue: "", attendanceMode: "in_person" }, BEFORE));
    const later = await tx((t) => createMeeting(t, actor, { bodyId, title: "Approving meeting", day: "2030-07-01", startTime: "18:00", endTime: "", venue: "", attendanceMode: "in_person" }, BEFORE));
    const item = await tx((t) => addItem(t, actor, meeting.id, { title: "Budget monitoring", parentId: null }));
    const secret = await tx((t) => addItem(t, actor, meeting.id, { title: "Staffing matter", parentId: null }));
    await tx((t) =>
      updateItem(t, actor, secret.id, 1, { title: "Staffing matter", purpose: "", body: "", leadOfficerId: null, isExempt: true, exemptParagraph: 1, exemptReason: "Named staff", publicTitle: "A staffing matter", publicSummary: "", priorityIds: [] }, ""),
    );
    await tx((t) => publishAgenda(t, actor, meeting.id, "", new Date("2030-05-20T10:00:00Z")));
    // Minutes are recorded only once a meeting is held, and approved at a later held meeting
    // (app/rules/minutes-approval.server.ts): both meetings are moved into the past.
    const heldOn = new Date(Date.now() - 40 * 86_400_000);
    const approvedOn = new Date(Date.now() - 2 * 86_400_000);
    await db().update(meetings).set({ startsAt: heldOn }).where(eq(meetings.id, meeting.id));
    await db().update(meetings).set({ startsAt: approvedOn }).where(eq(meetings.id, later.id));
    const minutesItem = await tx((t) => addItem(t, actor, later.id, { title: "Minutes of the previous meeting", parentId: null }));
    const itemPath = `/agenda-items/${item.id}`;
    const meetingPath = `/meetings/${meeting.slug}`;

    // Written and changed before publication: no public update line.
    const first = await tx((t) => saveMinute(t, actor, item.id, { body: "The board noted the report.", decisions: "Noted." }, { version: 0, correction: false, reason: "" }));
    await tx((t) => saveMinute(t, actor, item.id, { body: "The board noted the budget report.", decisions: "Noted." }, { version: 1, correction: false, reason: "Typo before publishing" }));
    const secretMinute = await tx((t) => saveMinute(t, actor, secret.id, { body: "Discussed a named officer.", decisions: "" }, { version: 0, correction: false, reason: "" }));
    await tx((t) => publishMinutes(t, actor, meeting.id));
    expect(await updateLines(meetingPath)).toEqual([]);
    expect(await updateLines(itemPath)).toEqual([]);

    // Changed after publication: the reason is required and shown.
    await tx((t) => saveMinute(t, actor, item.id, { body: "The board noted the budget report and the forecast.", decisions: "Noted." }, { version: 2, correction: false, reason: "Forecast added" }));
    await tx((t) => saveMinute(t, actor, secret.id, { body: "Discussed a named officer again.", decisions: "" }, { version: secretMinute.version, correction: false, reason: "Exempt reason marker" }));
    const today = formatDate(new Date());
    const edited = await updateLines(itemPath);
    expect(edited).toHaveLength(1);
    expect(edited[0]).toMatch(/^Updated on .+: Forecast added$/);
    expect(edited[0]).toContain(today);
    expect(await updateLines(meetingPath)).toEqual(edited);

    // Amended on approval at a later meeting, then a recorded correction: newest first.
    await tx((t) => approveMinutes(t, actor, later.id, meeting.id, minutesItem.id, [{ minuteId: first.id, body: "The board noted the budget report and the revised forecast.", decisions: "Noted." }]));
    await tx((t) => saveMinute(t, actor, item.id, { body: "The board noted the budget report and the revised forecast.", decisions: "Noted unanimously." }, { version: 4, correction: true, reason: "Vote recorded wrongly" }));
    const all = await updateLines(itemPath);
    expect(all.map((l) => l.replace(/^Updated on .+?: /, ""))).toEqual([
      "Correction: Vote recorded wrongly",
      `Amended on approval at Approving meeting (${formatDate(approvedOn)})`,
      "Forecast added",
    ]);
    expect(await updateLines(meetingPath)).toEqual(all);

    // The public reads what the amendment changed: the text before and after, and where it was approved.
    const itemPage = (await (await send(server, itemPath)).text()).replaceAll("<!-- -->", "");
    expect(itemPage).toContain(`Amended when approved at Approving meeting (${formatDate(approvedOn)}): the text before and after`);
    const [, before, after] = itemPage.match(/As published in draft<\/h3><p[^>]*>([^<]*)<\/p><h3[^>]*>As approved<\/h3><p[^>]*>([^<]*)<\/p>/) ?? [];
    expect(before).toContain("The board noted the budget report and the forecast.");
    expect(after).toContain("The board noted the budget report and the revised forecast.");

    // The exempt item's minute and its update reach members, never the public.
    const publicMeeting = await (await send(server, meetingPath)).text();
    expect(publicMeeting).not.toContain("Exempt reason marker");
    expect(publicMeeting).not.toContain("named officer");
    const publicSecret = await (await send(server, `/agenda-items/${secret.id}`)).text();
    expect(publicSecret).not.toContain("Exempt reason marker");
    expect(await updateLines(`/agenda-items/${secret.id}`, memberCookie)).toEqual([expect.stringMatching(/: Exempt reason marker$/)]);
  });
});

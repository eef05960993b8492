/**
 * The clerk's inbox (issue 16, item 1): its sections on a fixed day, computed by one model
 * function, each row linked to where the work is done; and who may see it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { clerkInbox, clerkInboxSection, INBOX_SECTIONS } from "~/models/inbox";
import type { Viewer } from "~/rules/viewer.server";
import { actionCancellationRequests, actions } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation, makeQuestion, makeResponse } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

// Monday 2 March 2026, 10:00.
const NOW = new Date("2026-03-02T10:00:00Z");
let clerk: Viewer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const user = await makeUser("clerk", { name: "Inbox Clerk" });
  clerk = { kind: "user", userId: user.id, name: user.name, email: user.email, role: "clerk", personId: null, organisationId: null };
  const org = await makeOrganisation({ name: "Inbox Trust" });
  const body = await makeBody({ name: "Inbox Board" });
  const unpublished = { agendaPublishedAt: null };
  ids.march = (await makeMeeting(body.id, { title: "March board", startsAt: new Date("2026-03-16T18:00:00Z"), ...unpublished })).id;
  ids.late = (await makeMeeting(body.id, { title: "Late board", startsAt: new Date("2026-03-05T18:00:00Z"), ...unpublished })).id;
  await makeMeeting(body.id, { title: "June board", startsAt: new Date("2026-06-15T18:00:00Z"), ...unpublished });
  await makeMeeting(body.id, { title: "Cancelled board", startsAt: new Date("2026-03-12T18:00:00Z"), status: "cancelled", ...unpublished });
  ids.february = (await makeMeeting(body.id, { title: "February board", startsAt: new Date("2026-02-10T18:00:00Z") })).id;
  const febItem = await makeItem(ids.february, { title: "Finance" });
  await makeItem(ids.february, { title: "Any other business", position: 2 });
  await makeMinute(febItem.id, "Discussed the budget.");
  await makeMeeting(body.id, { title: "Old board", startsAt: new Date("2024-01-10T18:00:00Z") });
  await makeMeeting(body.id, { title: "Cancelled February", startsAt: new Date("2026-02-20T18:00:00Z"), status: "cancelled" });
  ids.january = (await makeMeeting(body.id, { title: "January board", minutesPublishedAt: new Date("2026-01-20T09:00:00Z") })).id;
  const item = await makeItem(ids.january, { title: "Waiting lists" });
  ids.submitted = (await makeQuestion(item.id, org.id, { text: "Why are waiting lists growing?", acceptedAt: null, dueOn: null })).id;
  ids.overdue = (await makeQuestion(item.id, org.id, { text: "When will the ward reopen?", dueOn: "2026-02-12" })).id;
  const answered = await makeQuestion(item.id, org.id, { text: "Answered already", dueOn: "2026-02-12" });
  await makeResponse(answered.id);
  await makeQuestion(item.id, org.id, { text: "Not yet due", dueOn: "2026-03-20" });
  const [action] = await db()
    .insert(actions)
    .values([
      { reference: "A1", description: "Publish the ward plan", questionId: ids.overdue, owningOrganisationId: org.id, dueOn: "2026-02-27" },
      { reference: "A2", description: "Done already", questionId: ids.overdue, owningOrganisationId: org.id, dueOn: "2026-02-01", completedAt: new Date("2026-02-01T10:00:00Z") },
      { reference: "A3", description: "Due later", questionId: ids.overdue, owningOrganisationId: org.id, dueOn: "2026-04-01" },
    ])
    .returning();
  ids.action = action.id;
  await db().insert(actionCancellationRequests).values({ actionId: action.id, reason: "No longer needed", requestedAt: new Date("2026-02-28T10:00:00Z") });
});

describe("the clerk's inbox on Monday 2 March 2026", () => {
  it("has one section per kind of work, in order, from one function", async () => {
    const inbox = await clerkInbox(clerk, NOW);
    expect(inbox.map((s) => s.key)).toEqual(INBOX_SECTIONS.map((s) => s.key));
    expect(Object.fromEntries(inbox.map((s) => [s.key, s.count]))).toEqual({
      "questions-to-accept": 1,
      "responses-overdue": 1,
      "actions-overdue": 1,
      cancellations: 1,
      "agendas-to-publish": 2,
      "minutes-to-publish": 1,
      "minutes-to-approve": 1,
      "exempt-reviews": 0,
      "recommendation-responses": 0,
      "inaccessible-files": 0,
    });
  });

  it("links each row to the page where it is done", async () => {
    const inbox = Object.fromEntries((await clerkInbox(clerk, NOW)).map((s) => [s.key, s]));
    expect(inbox["questions-to-accept"].rows).toEqual([expect.objectContaining({ text: "Why are waiting lists growing?", href: `/questions/${ids.submitted}` })]);
    expect(inbox["responses-overdue"].rows).toEqual([
      expect.objectContaining({ href: `/questions/${ids.overdue}`, detail: "Inbox Trust, due 12 February 2026", warning: "18 days late" }),
    ]);
    expect(inbox["actions-overdue"].rows).toEqual([expect.objectContaining({ text: "A1: Publish the ward plan", href: `/actions/${ids.action}`, warning: "3 days late" })]);
    expect(inbox.cancellations.rows[0].href).toBe(`/actions/${ids.action}`);
    expect(inbox["minutes-to-publish"].rows).toEqual([
      expect.objectContaining({ text: "February board", href: `/clerk/meetings/${ids.february}/minutes` }),
    ]);
    expect(inbox["minutes-to-publish"].rows[0].detail).toMatch(/1 of 2 items minuted$/);
    expect(inbox["minutes-to-approve"].rows).toEqual([
      expect.objectContaining({ text: "January board", href: `/clerk/meetings/${ids.february}/minutes?approve=${ids.january}` }),
    ]);
  });

  it("gives each agenda its statutory deadline (five clear working days), the passed one first", async () => {
    const agendas = (await clerkInbox(clerk, NOW)).find((s) => s.key === "agendas-to-publish")!;
    expect(agendas.rows.map((r) => [r.text, r.href, r.warning])).toEqual([
      ["Late board", `/clerk/meetings/${ids.late}`, "Deadline passed"],
      ["March board", `/clerk/meetings/${ids.march}`, undefined],
    ]);
    expect(agendas.rows[0].detail).toContain("Publish by 25 February 2026");
    expect(agendas.rows[1].detail).toContain("Publish by 6 March 2026 (4 working days left)");
  });

  it("moves with the day: after the March meeting nothing is due, the Late board's minutes are", async () => {
    const later = new Date("2026-03-17T10:00:00Z");
    const inbox = Object.fromEntries((await clerkInbox(clerk, later)).map((s) => [s.key, s]));
    expect(inbox["agendas-to-publish"].count).toBe(0);
    expect(inbox["minutes-to-publish"].rows.map((r) => r.text)).toEqual(["February board", "Late board", "March board"]);
  });

  it("serves a section a page at a time, and no section for an unknown key", async () => {
    const section = await clerkInboxSection(clerk, "agendas-to-publish", 1, NOW);
    expect(section?.rows).toHaveLength(2);
    expect((await clerkInboxSection(clerk, "agendas-to-publish", 2, NOW))?.rows).toHaveLength(0);
    expect(await clerkInboxSection(clerk, "nothing-here", 1, NOW)).toBeNull();
  });
});

describe("who may see the inbox", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends the public to sign in", async () => {
    for (const path of ["/clerk", "/clerk/inbox/responses-overdue"]) {
      const response = await send(server, path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toMatch(/^\/sign-in\?redirectTo=/);
    }
  });

  it("refuses members and officers", async () => {
    for (const role of ["member", "officer"] as const) {
      const cookie = await cookieFor((await makeUser(role)).id);
      for (const path of ["/clerk", "/clerk/inbox/responses-overdue"]) {
        expect((await send(server, path, { cookie })).status, `${role} ${path}`).toBe(403);
      }
    }
  });

  it("shows clerks and administrators the sections with their counts", async () => {
    for (const role of ["clerk", "admin"] as const) {
      const cookie = await cookieFor((await makeUser(role)).id);
      const response = await send(server, "/clerk", { cookie });
      expect(response.status, role).toBe(200);
      const html = (await response.text()).replace(/<!-- -->/g, "");
      expect(html).toContain("Waiting for you");
      expect(html).toContain("Questions to accept or reject (1)");
      expect(html).toContain(`href="/questions/${ids.submitted}"`);
      const section = await send(server, "/clerk/inbox/questions-to-accept", { cookie });
      expect(section.status).toBe(200);
      expect(await section.text()).toContain("Why are waiting lists growing?");
      expect((await send(server, "/clerk/inbox/not-a-section", { cookie })).status).toBe(404);
    }
  });
});

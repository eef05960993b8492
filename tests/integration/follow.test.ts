/**
 * Following by e-mail (confirmed by a link) or signed in, and the e-mails that
 * followers get, derived from the audit log.
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { deliverFollowerNotifications } from "~/models/follow.server";
import { actions, outbox, subscriptions } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let f: { body: string; meeting: string; draft: string; question: string; action: string };
const SITE = "https://portal.example";

beforeAll(async () => {
  server = await startTestServer();
  const org = await makeOrganisation();
  const body = await makeBody({ name: "Follow Board" });
  const meeting = await makeMeeting(body.id, { title: "Followed meeting" });
  const draft = await makeMeeting(body.id, { title: "Draft meeting", agendaPublishedAt: null });
  const item = await makeItem(meeting.id);
  const q = await makeQuestion(item.id, org.id, { text: "Followed question?" });
  const [a] = await db().insert(actions).values({ description: "Followed action", questionId: q.id, owningOrganisationId: org.id, dueOn: "2026-05-01" }).returning();
  f = { body: body.id, meeting: meeting.id, draft: draft.id, question: q.id, action: a.id };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const mailTo = (to: string) => db().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(outbox.createdAt);
const event = (entityType: string, action: string, entityId: string) =>
  db().transaction((tx) => recordAudit(tx, { userId: null, action, entityType, entityId, after: { kind: "full" } }));

async function followByEmail(email: string, type: string, id: string) {
  const response = await send(server, `/follow?type=${type}&id=${id}`, { form: { type, id, email } });
  expect(response.status).toBe(303);
  const [mail] = (await mailTo(email)).filter((m) => m.subject.startsWith("Confirm"));
  return /\/follow\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.body)![0];
}

describe("following by e-mail", () => {
  it("asks for a valid address, keeping what was typed", async () => {
    const response = await send(server, `/follow?type=meeting&id=${f.meeting}`, { form: { type: "meeting", id: f.meeting, email: "not-an-address" } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter an email address in the correct format");
    expect(html).toContain('value="not-an-address"');
  });

  it("cannot follow a draft or something that does not exist", async () => {
    expect((await send(server, `/follow?type=meeting&id=${f.draft}`)).status).toBe(404);
    expect((await send(server, `/follow?type=spaceship&id=${f.meeting}`)).status).toBe(404);
    expect((await send(server, "/follow", { form: { type: "meeting", id: f.draft, email: "a@example.org" } })).status).toBe(404);
  });

  it("confirms once by a link, and says so when it is used again or has expired", async () => {
    const link = await followByEmail("reader@example.org", "meeting", f.meeting);
    expect((await send(server, link)).status).toBe(200);
    const confirmed = await send(server, link, { method: "POST", form: {} });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toMatch(/^\/follow\/manage\/.+\?confirmed$/);
    const manage = await (await send(server, confirmed.headers.get("location")!)).text();
    expect(manage).toContain("Follow Board: Followed meeting");
    const again = await send(server, link, { method: "POST", form: {} });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already been used");

    const late = await followByEmail("late@example.org", "body", f.body);
    await db().update(subscriptions).set({ confirmExpiresAt: new Date(Date.now() - 1000) }).where(eq(subscriptions.email, "late@example.org"));
    const expired = await send(server, late);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("expired");
    expect((await send(server, "/follow/confirm/not-a-real-token-0000000000000000000000000")).status).toBe(404);
  });
});

describe("notifications from the audit log", () => {
  it("e-mails each follower once per change, with a one-click unsubscribe link", async () => {
    await deliverFollowerNotifications({ site: SITE }); // nothing yet: moves the cursor past setup
    const member = await makeUser("member", { email: "follower@example.org" });
    const cookie = await cookieFor(member.id);
    expect((await send(server, "/follow", { cookie, form: { type: "question", id: f.question } })).status).toBe(303);
    const bodyLink = await followByEmail("body-follower@example.org", "body", f.body);
    await send(server, bodyLink, { method: "POST", form: {} });

    await event("meeting", "publish_agenda", f.meeting);
    await event("question", "respond", f.question);
    await event("action", "complete", f.action);
    await event("meeting", "cancel", f.draft); // a draft: nobody hears of it
    await event("meeting", "update", f.meeting); // not a notified action
    const queued = await deliverFollowerNotifications({ site: SITE });
    expect(await deliverFollowerNotifications({ site: SITE })).toBe(0);

    const reader = (await mailTo("reader@example.org")).filter((m) => m.dedupeKey?.startsWith("follow:"));
    expect(reader.map((m) => m.subject)).toEqual(["Agenda published: Follow Board: Followed meeting", "Response posted: Followed question?"]);
    expect(reader[0].body).toContain(`${SITE}/meetings/`);
    expect(reader[0].body).toMatch(new RegExp(`${SITE}/follow/unsubscribe/[0-9a-f-]{36}\\.`));
    const follower = (await mailTo("follower@example.org")).map((m) => m.subject);
    expect(follower).toEqual(["Response posted: Followed question?", "Action completed: Followed action"]);
    const bodyMail = (await mailTo("body-follower@example.org")).filter((m) => m.dedupeKey?.startsWith("follow:"));
    expect(bodyMail.map((m) => m.subject)).toEqual(["Agenda published: Follow Board: Followed meeting", "Response posted: Followed question?"]);
    expect(queued).toBe(6);
    const draftMail = await db().select().from(outbox).where(like(outbox.subject, "%Draft meeting%"));
    expect(draftMail).toEqual([]);

    // The signed-in follower's list.
    const page = await (await send(server, "/account/following", { cookie })).text();
    expect(page).toContain("Followed question?");

    // One click: GET asks, POST stops; later changes are not e-mailed.
    const path = /\/follow\/unsubscribe\/[^\s]+/.exec(reader[0].body)![0];
    const ask = await send(server, path);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain("Stop following");
    expect((await send(server, path, { method: "POST", form: {} })).status).toBe(303);
    await event("meeting", "publish_minutes", f.meeting);
    await deliverFollowerNotifications({ site: SITE });
    const after = (await mailTo("reader@example.org")).filter((m) => m.dedupeKey?.startsWith("follow:"));
    expect(after).toHaveLength(2);
    const bodyAfter = (await mailTo("body-follower@example.org")).map((m) => m.subject);
    expect(bodyAfter).toContain("Minutes published: Follow Board: Followed meeting");
    const active = await db().select().from(subscriptions).where(and(eq(subscriptions.email, "reader@example.org")));
    expect(active[0].unsubscribedAt).not.toBeNull();
  });
});

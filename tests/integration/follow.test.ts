/**
 * Following by e-mail (confirmed by a link) or signed in, and the e-mails that
 * followers get, derived from the audit log.
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { recordAudit } from "~/models/records";
import { deliverFollowerNotifications, NOTIFY_EVENTS } from "~/models/publishing";
import { sendPendingEmails } from "~/models/publishing";
import { actions, auditLog, outbox, subscriptions } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation, makeQuestion } from "../support/factories";
import { recordBoardRecommendation } from "~/models/oversight";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let f: { body: string; meeting: string; draft: string; question: string; action: string; recommendation: string };
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
  // A board's own recommendation, agreed at a minute the public may read (issue 17).
  const clerkId = (await makeUser("clerk")).id;
  const minuted = await makeMeeting(body.id, { title: "Minuted meeting", minutesPublishedAt: new Date("2026-03-12T09:00:00Z") });
  const minute = await makeMinute((await makeItem(minuted.id)).id, "Resolved to recommend");
  const recommendation = await db().transaction((tx) =>
    recordBoardRecommendation(tx, { userId: clerkId }, { bodyId: body.id, reference: "FB/1", text: "Followed recommendation", agreedAtMinuteId: minute.id, agreedInDocumentId: null, agreedOn: null, addresseeOrganisationId: org.id, leadPersonId: null, receivedOn: null, reviewOn: null }),
  );
  f = { body: body.id, meeting: meeting.id, draft: draft.id, question: q.id, action: a.id, recommendation: recommendation.id };
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

describe("one-click unsubscribe (RFC 8058)", () => {
  const ONE_CLICK = "List-Unsubscribe=One-Click";
  const urlIn = (body: string) => /https?:\/\/[^\s]+\/follow\/unsubscribe\/[^\s]+/.exec(body)![0];
  const linkIn = (body: string) => new URL(urlIn(body)).pathname;
  const subscriptionOf = async (email: string) => (await db().select().from(subscriptions).where(eq(subscriptions.email, email)))[0];

  /** A signed-in person follows at once; the e-mail address is the account's. */
  async function followAs(email: string, type: string, id: string) {
    const user = await makeUser("member", { email });
    expect((await send(server, "/follow", { cookie: await cookieFor(user.id), form: { type, id } })).status).toBe(303);
    return subscriptionOf(email);
  }

  it("puts List-Unsubscribe and List-Unsubscribe-Post on every kind of follow e-mail, with the link of its body", async () => {
    await deliverFollowerNotifications({ site: SITE });
    await followAs("every-meeting-event@example.org", "body", f.body);
    await followAs("every-action-event@example.org", "action", f.action);
    await followAs("every-recommendation-event@example.org", "recommendation", f.recommendation);
    const emitted: string[] = [];
    for (const [type, acts] of Object.entries(NOTIFY_EVENTS)) {
      const id = type === "meeting" ? f.meeting : type === "question" ? f.question : type === "recommendation" ? f.recommendation : f.action;
      for (const [act, label] of Object.entries(acts)) {
        await event(type, act, id);
        emitted.push(label);
      }
    }
    await deliverFollowerNotifications({ site: SITE });
    // Sent from here on (to the log: no SMTP in tests).
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    // Already following, asked again by e-mail: that e-mail has the links too.
    await send(server, "/follow", { form: { type: "body", id: f.body, email: "every-meeting-event@example.org" } });

    const mails = [
      ...(await mailTo("every-meeting-event@example.org")),
      ...(await mailTo("every-action-event@example.org")),
      ...(await mailTo("every-recommendation-event@example.org")),
    ];
    const kinds = new Set(mails.map((m) => m.subject.split(":")[0]));
    expect([...kinds].sort()).toEqual([...emitted, "You already follow"].sort());
    for (const mail of mails) {
      expect(mail.headers, mail.subject).toEqual({
        "List-Unsubscribe": `<${urlIn(mail.body)}>`,
        "List-Unsubscribe-Post": ONE_CLICK,
      });
      expect(mail.body).toContain("open this link and press “Unsubscribe” (opening it alone changes nothing)");
    }
    // The confirmation e-mail is not a notification: it has no unsubscribe headers.
    await send(server, `/follow`, { form: { type: "meeting", id: f.meeting, email: "not-yet@example.org" } });
    expect((await mailTo("not-yet@example.org"))[0].headers).toEqual({});

    // The admin outbox page shows the headers; the server log never does (their link works for anyone).
    const admin = await makeUser("admin");
    const listing = await (await send(server, "/admin/outbox", { cookie: await cookieFor(admin.id) })).text();
    expect(listing).toContain(`List-Unsubscribe: &lt;${SITE}/follow/unsubscribe/`);
    expect(listing).toContain(`List-Unsubscribe-Post: ${ONE_CLICK}`);
    try {
      await sendPendingEmails({ limit: 500 });
      const logged = log.mock.calls.map((c) => String(c[0])).join("\n");
      expect(logged).toContain("/admin/outbox");
      expect(logged).not.toContain(urlIn(mails[0].body));
      expect(logged).not.toContain("List-Unsubscribe");
    } finally {
      log.mockRestore();
    }
  });

  it("GET only asks, with one button; the mail program's POST (no Origin, no cookie) stops at once, and again changes nothing", async () => {
    const sub = await followAs("one-click@example.org", "meeting", f.meeting);
    await event("meeting", "publish_minutes", f.meeting);
    await deliverFollowerNotifications({ site: SITE });
    const [mail] = await mailTo("one-click@example.org");
    const link = linkIn(mail.body);

    // A link scanner's GET changes nothing.
    const page = await send(server, link);
    expect(page.status).toBe(200);
    const html = /<main[\s\S]*<\/main>/.exec(await page.text())![0];
    expect(html.match(/<button\b/g)).toHaveLength(1);
    expect(html).toMatch(/<button[^>]*>Unsubscribe<\/button>/);
    expect((await subscriptionOf("one-click@example.org")).unsubscribedAt).toBeNull();

    const oneClick = await send(server, link, { origin: null, body: ONE_CLICK });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain("You have stopped following this meeting");
    expect((await subscriptionOf("one-click@example.org")).unsubscribedAt).not.toBeNull();
    const again = await send(server, link, { origin: null, body: ONE_CLICK });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("You no longer get emails about this meeting");
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, sub.id), eq(auditLog.action, "unsubscribe"))).orderBy(auditLog.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ via: "one_click" });

    // Nothing more is e-mailed.
    await event("meeting", "approve_minutes", f.meeting);
    await deliverFollowerNotifications({ site: SITE });
    expect(await mailTo("one-click@example.org")).toHaveLength(1);
  });

  it("accepts the one-click body as multipart/form-data too", async () => {
    await followAs("multipart@example.org", "question", f.question);
    await event("question", "correct_response", f.question);
    await deliverFollowerNotifications({ site: SITE });
    const [mail] = await mailTo("multipart@example.org");
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const response = await fetch(`${server.origin}${linkIn(mail.body)}`, { method: "POST", body: form, redirect: "manual" });
    expect(response.status).toBe(200);
    expect((await subscriptionOf("multipart@example.org")).unsubscribedAt).not.toBeNull();
  });

  it("answers 404 with a clear page for a missing or unknown token, never a 500", async () => {
    const madeUp = `/follow/unsubscribe/${crypto.randomUUID()}.${"A".repeat(43)}`;
    for (const path of ["/follow/unsubscribe/", "/follow/unsubscribe", "/follow/unsubscribe/not-a-token", madeUp]) {
      const response = await send(server, path, { origin: null, body: ONE_CLICK });
      expect(response.status, path).toBe(404);
    }
    for (const response of [await send(server, madeUp), await send(server, madeUp, { form: {} })]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("This unsubscribe link is not valid");
    }
  });

  it("still refuses every other POST that did not come from this site", async () => {
    await followAs("refuse@example.org", "body", f.body);
    await event("meeting", "postpone", f.meeting);
    await deliverFollowerNotifications({ site: SITE });
    const [mail] = await mailTo("refuse@example.org");
    const link = linkIn(mail.body);
    const manage = link.replace("/unsubscribe/", "/manage/");
    const sub = await subscriptionOf("refuse@example.org");
    const attempts = [
      send(server, link, { origin: null, form: {} }), // the page's button, but from nowhere
      send(server, link, { origin: "https://evil.example", form: { "List-Unsubscribe": "Yes" } }),
      send(server, link, { origin: null, method: "PUT", body: ONE_CLICK }),
      send(server, link, { origin: null, method: "DELETE", body: ONE_CLICK }),
      send(server, `${link}/more`, { origin: null, body: ONE_CLICK }),
      send(server, manage, { origin: null, form: { subscription: sub.id } }),
      send(server, "/follow", { origin: null, form: { type: "body", id: f.body, email: "x@example.org" } }),
      send(server, "/account/following", { origin: null, body: ONE_CLICK }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status, response.url).toBe(403);
      expect(await response.text()).toContain("did not come from this site");
    }
    expect((await subscriptionOf("refuse@example.org")).unsubscribedAt).toBeNull();
    // The site's own button still works (303 back to the page).
    const own = await send(server, link, { form: {} });
    expect(own.status).toBe(303);
    expect((await subscriptionOf("refuse@example.org")).unsubscribedAt).not.toBeNull();
  });
});

/**
 * Issue #22, the accounts items: nobody can lock another person out of their
 * account (9), following cannot be used to bomb an address with e-mail (6),
 * and the decisions of item 14 (docs/decisions/011 to 014).
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setClockForTests } from "~/auth/clock.server";
import { attemptSignIn } from "~/models/people";
import { db } from "~/db.server";
import { findFollowTarget, followByEmail, unsubscribeToken } from "~/models/publishing";
import { issueToken, redeemToken } from "~/models/people";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { actions, auditLog, memberships, outbox, people, questions, responses, signInAttempts, subscriptions, users } from "../../db/schema";
import { cookieFor, makeUser, TEST_PASSWORD } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  setClockForTests(null);
  await server?.close();
});
afterEach(() => setClockForTests(null));

const noSleep = async () => {};

describe("item 9: nobody can lock another person out", () => {
  it("wrong passwords for the administrator's address, in any case, from any client address, only slow the right one", async () => {
    const admin = await makeUser("admin");
    for (let i = 0; i < 25; i += 1) {
      const email = i % 2 ? admin.email.toUpperCase() : ` ${admin.email}`;
      const result = await attemptSignIn({ email, password: `guess ${i}`, ipAddress: `198.51.100.${i}`, sleep: noSleep });
      expect(result.kind).toBe("invalid");
    }
    // The administrator, from a client that has not failed: slowed, never refused.
    const delays: number[] = [];
    const result = await attemptSignIn({
      email: admin.email,
      password: TEST_PASSWORD,
      ipAddress: "203.0.113.9",
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(result.kind).toBe("ok");
    expect(delays).toEqual([4000]);
  });

  it("refuses the client that failed ten times, and a password reset lifts it", async () => {
    const user = await makeUser("clerk");
    let last = "";
    for (let i = 0; i < 10; i += 1) {
      last = (await attemptSignIn({ email: user.email, password: `wrong ${i}`, ipAddress: "192.0.2.10", sleep: noSleep })).kind;
    }
    expect(last).toBe("locked");
    expect((await attemptSignIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "192.0.2.10", sleep: noSleep })).kind).toBe("locked");

    const token = await db().transaction((tx) => issueToken(tx, { userId: null }, user.id, "password_reset"));
    const newPassword = "a brand new passphrase 77";
    const redeemed = await db().transaction((tx) => redeemToken(tx, { ipAddress: "192.0.2.10" }, token, "password_reset", newPassword));
    expect(redeemed.ok).toBe(true);
    expect(await db().select().from(signInAttempts).where(like(signInAttempts.key, `%${user.email}%`))).toEqual([]);
    expect((await attemptSignIn({ email: user.email, password: newPassword, ipAddress: "192.0.2.10", sleep: noSleep })).kind).toBe("ok");
  });
});

const mailTo = (to: string) => db().select().from(outbox).where(eq(outbox.toAddress, to));
const follow = (email: string, type: string, id: string) =>
  send(server, `/follow?type=${type}&id=${id}`, { form: { type, id, email } });

describe("item 6: following cannot bomb an address with e-mail", () => {
  it("five requests to follow the same thing for someone else's address send one confirmation, and the same page each time", async () => {
    const body = await makeBody({ name: "Bombing Board" });
    const meeting = await makeMeeting(body.id, { title: "Bombed meeting" });
    const pages = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await follow("victim@example.org", "meeting", meeting.id);
      expect(response.status).toBe(303);
      pages.push(response.headers.get("location"));
    }
    expect(new Set(pages).size).toBe(1);
    const mails = await mailTo("victim@example.org");
    expect(mails.map((m) => m.subject)).toEqual(["Confirm that you want to follow: Bombing Board: Bombed meeting"]);
  });

  it("'You already follow' goes at most once a day, with the same page as a first request", async () => {
    const body = await makeBody({ name: "Already Board" });
    const target = (await findFollowTarget(PUBLIC_VIEWER, "body", body.id))!;
    await db().transaction((tx) => followByEmail(tx, "already@example.org", target, "http://localhost", "192.0.2.200"));
    const [confirmMail] = await mailTo("already@example.org");
    const path = new URL(/https?:\/\/\S+\/follow\/confirm\/\S+/.exec(confirmMail.body)![0]).pathname;
    expect((await send(server, path, { method: "POST", form: {} })).status).toBe(303);
    const firstPage = (await follow("fresh-address@example.org", "body", body.id)).headers.get("location");
    for (let i = 0; i < 5; i += 1) {
      const response = await follow("already@example.org", "body", body.id);
      expect(response.headers.get("location")).toBe(firstPage);
    }
    const already = (await mailTo("already@example.org")).filter((m) => m.subject.startsWith("You already follow"));
    expect(already).toHaveLength(1);
  });

  it("an address gets at most five follow e-mails a day, whatever it is asked to follow", async () => {
    const ids = [];
    for (let i = 0; i < 7; i += 1) ids.push((await makeBody({ name: `Spray Board ${i}` })).id);
    for (const id of ids) expect((await follow("sprayed@example.org", "body", id)).status).toBe(303);
    expect(await mailTo("sprayed@example.org")).toHaveLength(5);
  });

  it("a client address may ask to follow by e-mail at most twenty times an hour", async () => {
    const body = await makeBody({ name: "Client Limit Board" });
    const target = (await findFollowTarget(PUBLIC_VIEWER, "body", body.id))!;
    for (let i = 0; i < 25; i += 1) {
      await db().transaction((tx) => followByEmail(tx, `client-limit-${i}@example.org`, target, "http://localhost", "198.51.100.250"));
    }
    const sent = await db().select().from(outbox).where(like(outbox.toAddress, "client-limit-%"));
    expect(sent).toHaveLength(20);
  });
});

describe("item 14a: the administrator's outbox view masks every token (ADR 011)", () => {
  it("shows reset, invitation, follow confirmation, manage and unsubscribe links without their tokens", async () => {
    const admin = await makeUser("admin");
    const cookie = await cookieFor(admin.id);
    const member = await makeUser("member");
    await send(server, "/forgot-password", { form: { email: member.email } });
    for (let i = 0; i < 50 && (await mailTo(member.email)).length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    const invited = await send(server, "/admin/users/new", {
      cookie,
      form: { name: "Masked Invitee", email: "masked-invitee@example.org", role: "clerk", organisationId: "", bodyId: "" },
    });
    expect(invited.status).toBe(303);
    const body = await makeBody({ name: "Masked Board" });
    await follow("masked-follower@example.org", "body", body.id);
    const [confirmMail] = await mailTo("masked-follower@example.org");
    const confirmPath = new URL(/https?:\/\/\S+\/follow\/confirm\/\S+/.exec(confirmMail.body)![0]).pathname;
    await send(server, confirmPath, { method: "POST", form: {} });
    await follow("masked-follower@example.org", "body", body.id); // "you already follow": manage and unsubscribe links

    const mails = await db().select().from(outbox);
    const tokens = mails.flatMap((m) =>
      [...`${m.body}\n${Object.values(m.headers).join("\n")}`.matchAll(/\/(?:reset-password|invite|follow\/confirm|follow\/manage|follow\/unsubscribe)\/([^\s<>]+)/g)].map((t) => t[1]),
    );
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    let html = "";
    for (let page = 1; page <= 5; page += 1) html += await (await send(server, `/admin/outbox?page=${page}`, { cookie })).text();
    expect(html).toContain("/reset-password/[link hidden]");
    expect(html).toContain("/follow/unsubscribe/[link hidden]");
    for (const token of tokens) expect(html).not.toContain(token);
  });
});

describe("item 14b: a person is public only when the public record names them (ADR 012)", () => {
  const names = async (path: string) => {
    const response = await send(server, path);
    expect(response.status).toBe(200);
    return JSON.stringify(await response.json());
  };

  it("an invited officer, an invited member of a body and a demo account are not in /api/v1/people; a named person is", async () => {
    const body = await makeBody({ name: "People Board", slug: "people-board" });
    const officer = await makeUser("officer", { invited: true, name: "Invited Ivy Officer" });
    const [officerPerson] = await db().select().from(people).where(eq(people.id, officer.personId!));
    expect(officerPerson.organisationId).not.toBeNull();
    const member = await makeUser("member", { invited: true, name: "Invited Ian Member" });
    await db().insert(memberships).values({ personId: member.personId!, bodyId: body.id });
    const demo = await makeUser("member", { name: "Demo Dora Member" });
    await db().update(users).set({ isDemo: true }).where(eq(users.id, demo.id));
    await db().insert(memberships).values({ personId: demo.personId!, bodyId: body.id });
    const sitting = await makeUser("member", { name: "Sitting Sam Member" });
    await db().insert(memberships).values({ personId: sitting.personId!, bodyId: body.id });
    const asker = await makeUser("member", { name: "Asking Ada Member" });
    const meeting = await makeMeeting(body.id, { title: "People meeting" });
    const item = await makeItem(meeting.id);
    const org = await makeOrganisation();
    await makeQuestion(item.id, org.id, { askedById: asker.personId });
    // A demo login who asked a public question is still not part of the public record (issue #15 item 10).
    await makeQuestion(item.id, org.id, { askedById: demo.personId });

    let list = "";
    for (let page = 1; page <= 5; page += 1) list += await names(`/api/v1/people?per_page=200&page=${page}`);
    expect(list).toContain("Sitting Sam Member");
    expect(list).toContain("Asking Ada Member");
    for (const hidden of ["Invited Ivy Officer", "Invited Ian Member", "Demo Dora Member"]) expect(list).not.toContain(hidden);
    expect((await send(server, `/api/v1/people/${officer.personId}`)).status).toBe(404);
    const bodyApi = await names(`/api/v1/bodies/${body.id}`);
    expect(bodyApi).toContain("Sitting Sam Member");
    expect(bodyApi).not.toContain("Invited Ian Member");
    expect(bodyApi).not.toContain("Demo Dora Member");
    const bodyPage = await (await send(server, `/bodies/${body.slug}`)).text();
    expect(bodyPage).toContain("Sitting Sam Member");
    expect(bodyPage).not.toContain("Invited Ian Member");
    expect(bodyPage).not.toContain("Demo Dora Member");
    expect((await send(server, `/api/v1/people/${demo.personId}`)).status).toBe(404);

    // Once the invitation is accepted, the membership names them.
    await db().update(users).set({ passwordHash: "accepted" }).where(eq(users.id, member.id));
    expect(await names(`/api/v1/people/${member.personId}`)).toContain("Invited Ian Member");
  });
});

describe("item 14c: follow tokens are per subscription and revocable (ADR 013)", () => {
  async function confirmedFollow(email: string, name: string) {
    const body = await makeBody({ name });
    const target = (await findFollowTarget(PUBLIC_VIEWER, "body", body.id))!;
    await db().transaction((tx) => followByEmail(tx, email, target, "http://localhost", "192.0.2.140"));
    const mail = (await mailTo(email)).find((m) => m.subject.includes(name))!;
    const path = new URL(/https?:\/\/\S+\/follow\/confirm\/\S+/.exec(mail.body)![0]).pathname;
    const confirmed = await send(server, path, { method: "POST", form: {} });
    expect(confirmed.status).toBe(303);
    const manage = confirmed.headers.get("location")!.replace(/\?.*$/, "");
    const [sub] = await db().select().from(subscriptions).where(and(eq(subscriptions.email, email), eq(subscriptions.targetId, body.id)));
    return { sub, manage, token: manage.split("/").pop()! };
  }

  it("'stop following everything' stops every follow and rotates the link it was used from; the others' one-click links keep working", async () => {
    const email = "rotating@example.org";
    const a = await confirmedFollow(email, "Rotation Board A");
    const b = await confirmedFollow(email, "Rotation Board B");
    // Each subscription has its own token, and links e-mailed before rotation existed still work.
    expect(a.token).not.toBe(b.token);
    expect(a.token).toBe(await unsubscribeToken(db(), a.sub.id));
    const page = await (await send(server, a.manage)).text();
    expect(page).toContain("Rotation Board A");
    expect(page).toContain("Rotation Board B");

    const stopAll = await send(server, a.manage, { form: { intent: "stop-all" } });
    expect(stopAll.status).toBe(303);
    const fresh = stopAll.headers.get("location")!;
    expect(fresh).toMatch(/^\/follow\/manage\/[0-9a-f-]{36}\.[A-Za-z0-9_-]+\?stopped-all$/);
    expect(fresh).not.toContain(a.token);
    const freshPage = await send(server, fresh);
    expect(freshPage.status).toBe(200);
    expect(await freshPage.text()).toContain("You have stopped following everything");
    const rows = await db().select().from(subscriptions).where(eq(subscriptions.email, email));
    expect(rows.every((r) => r.unsubscribedAt !== null)).toBe(true);
    // The old link opens nothing any more.
    expect((await send(server, a.manage)).status).toBe(404);
    expect((await send(server, `/follow/unsubscribe/${a.token}`)).status).toBe(404);
    // The other subscription's link: RFC 8058 one-click still answers, changing nothing.
    const oneClick = await send(server, `/follow/unsubscribe/${b.token}`, { form: { "List-Unsubscribe": "One-Click" } });
    expect(oneClick.status).toBe(200);
    const rotated = await db().select().from(auditLog).where(and(eq(auditLog.entityId, a.sub.id), eq(auditLog.action, "rotate_token"))).orderBy(auditLog.id);
    expect(rotated).toHaveLength(1);
  });

  it("a link whose follow stopped more than 30 days ago no longer opens the list, but still unsubscribes", async () => {
    const c = await confirmedFollow("expiring@example.org", "Expiry Board");
    await db().update(subscriptions).set({ unsubscribedAt: new Date(Date.now() - 31 * 24 * 3_600_000) }).where(eq(subscriptions.id, c.sub.id));
    expect((await send(server, c.manage)).status).toBe(404);
    expect((await send(server, `/follow/unsubscribe/${c.token}`)).status).toBe(200);
  });
});

describe("item 14d: cancelling an action the board agreed is a request the clerk confirms (ADR 014)", () => {
  it("the Trust's officer asks, the action stays open; the clerk refuses with a reason, or confirms, and the question may close", async () => {
    const officer = await makeUser("officer");
    const clerk = await makeUser("clerk");
    const officerCookie = await cookieFor(officer.id);
    const clerkCookie = await cookieFor(clerk.id);
    const trustId = officer.organisationId!;
    const body = await makeBody({ name: "Agreement Board" });
    const meeting = await makeMeeting(body.id, { title: "Agreeing meeting", minutesPublishedAt: new Date("2026-01-20T09:00:00Z") });
    const item = await makeItem(meeting.id, { title: "Placements" });
    const minute = await makeMinute(item.id, "The board agreed the Trust will review placements.");
    const question = await makeQuestion(item.id, trustId, { text: "Will the Trust review placements?" });
    await db().insert(responses).values({ questionId: question.id, kind: "full", body: "Yes.", organisationId: trustId, respondedAt: new Date("2026-01-21T09:00:00Z") });
    const [action] = await db()
      .insert(actions)
      .values({ description: "Review placements", questionId: question.id, minuteId: minute.id, owningOrganisationId: trustId, dueOn: "2027-05-01" })
      .returning();
    const path = `/actions/${action.id}`;
    const post = (cookie: string, form: Record<string, string>) => send(server, path, { cookie, form });

    // The officer may no longer cancel it outright.
    const page = await (await send(server, path, { cookie: officerCookie })).text();
    expect(page).toContain("Ask the clerk to cancel the action");
    expect(page).not.toContain("Cancel the action</strong>");
    const outright = await post(officerCookie, { intent: "cancel", cancellationReason: "No longer needed" });
    expect(outright.status).toBe(403);
    expect((await db().select().from(actions).where(eq(actions.id, action.id)))[0].cancelledAt).toBeNull();

    // Asking: a reason is required, beside its field.
    const empty = await post(officerCookie, { intent: "request-cancel", cancellationReason: " " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter why the action should be cancelled");
    expect((await post(officerCookie, { intent: "request-cancel", cancellationReason: "Placements were reviewed under another plan." })).status).toBe(303);
    const twice = await post(officerCookie, { intent: "request-cancel", cancellationReason: "Again" });
    expect(twice.status).toBe(409);
    expect((await db().select().from(actions).where(eq(actions.id, action.id)))[0].cancelledAt).toBeNull();
    const [q1] = await db().select().from(questions).where(eq(questions.id, question.id));
    expect(q1.closedAt).toBeNull();

    // On both timelines, and on the clerk's dashboard.
    expect(await (await send(server, path)).text()).toContain("Cancellation requested: waiting for the clerk");
    expect(await (await send(server, `/questions/${question.id}`)).text()).toContain("Action: cancellation requested: waiting for the clerk");
    expect(await (await send(server, "/clerk", { cookie: clerkCookie })).text()).toContain("Review placements");
    // The officer cannot decide it.
    expect((await post(officerCookie, { intent: "confirm-cancel", decisionNote: "" })).status).toBe(403);

    // The clerk refuses: a reason beside the field; then the action stays open.
    const noReason = await post(clerkCookie, { intent: "refuse-cancel", decisionNote: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Say why the cancellation is refused");
    expect((await post(clerkCookie, { intent: "refuse-cancel", decisionNote: "The board wants the review reported." })).status).toBe(303);
    expect(await (await send(server, path)).text()).toContain("Cancellation refused by the clerk");
    expect(await (await send(server, "/clerk", { cookie: clerkCookie })).text()).not.toContain("Review placements");

    // Asked again, and confirmed: the action is cancelled and the question has nothing open.
    expect((await post(officerCookie, { intent: "request-cancel", cancellationReason: "Reported at the March meeting instead." })).status).toBe(303);
    expect((await post(clerkCookie, { intent: "confirm-cancel", decisionNote: "" })).status).toBe(303);
    const [done] = await db().select().from(actions).where(eq(actions.id, action.id));
    expect(done.cancelledAt).not.toBeNull();
    expect(done.cancellationReason).toContain("Reported at the March meeting instead.");
    const questionPage = await (await send(server, `/questions/${question.id}`)).text();
    expect(questionPage).toContain("Action: cancellation confirmed by the clerk");
    expect(questionPage).toContain("Closed: answered, and every action completed or cancelled");
    const trail = (await db().select().from(auditLog).where(eq(auditLog.entityId, action.id)).orderBy(auditLog.id)).map((r) => r.action);
    expect(trail).toEqual(expect.arrayContaining(["request_cancel", "refuse_cancel", "cancel"]));
  });
});

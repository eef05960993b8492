/**
 * Following the board's own recommendations and reminding their leads (issue 17, item 5):
 * follow one recommendation, or the whole register, by e-mail (confirmed by a link); its
 * followers hear of its response, the board's judgement and the response becoming overdue, once
 * each; the lead is reminded before the due day and when overdue, once each however often the job
 * runs; the clerk's inbox lists responses due and overdue; the Atom feed of responses and the
 * lead's private calendar. A recommendation agreed in an exempt item (marker text) reaches no
 * e-mail, feed or calendar of anyone who may not see it.
 */
import ICAL from "ical.js";
import { XMLParser } from "fast-xml-parser";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { clerkInboxSection } from "~/models/inbox";
import { recordBoardJudgement, recordBoardRecommendation, recordRecommendationResponse, queueRecommendationReminders, type BoardRecommendationInput } from "~/models/oversight";
import { deliverFollowerNotifications, issueFeedToken, RECOMMENDATION_REGISTER_FOLLOW_ID } from "~/models/publishing";
import type { Viewer } from "~/rules/viewer.server";
import { organisations, outbox, subscriptions, users } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const MARKER = "EXEMPT-REC-FOLLOW-MARKER-41c9";
const SITE = "https://portal.example";
let server: TestServer;
let actor: { userId: string };
let clerk: Viewer;
let officer: { id: string; personId: string; email: string };
let outsider: { id: string; personId: string; email: string };
let laterMinuteId: string;
const rec: Record<"followed" | "overdue" | "reminded" | "exempt" | "exemptOpen" | "unsent" | "noLead", string> = {
  followed: "",
  overdue: "",
  reminded: "",
  exempt: "",
  exemptOpen: "",
  unsent: "",
  noLead: "",
};

beforeAll(async () => {
  server = await startTestServer();
  const clerkUser = await makeUser("clerk");
  actor = { userId: clerkUser.id };
  clerk = { kind: "user", userId: clerkUser.id, name: clerkUser.name, email: clerkUser.email, role: "clerk", personId: null, organisationId: null };
  // The lead: an officer of the addressee (the test officers' organisation).
  const o = await makeUser("officer", { name: "Lead Officer" });
  officer = { id: o.id, personId: o.personId!, email: o.email };
  // Another organisation's officer, named as lead of the exempt one: may not see it.
  const x = await makeUser("officer", { name: "Outside Officer" });
  const elsewhere = await makeOrganisation({ name: "Elsewhere Partner", kind: "partner" });
  await db().update(users).set({ organisationId: elsewhere.id }).where(eq(users.id, x.id));
  outsider = { id: x.id, personId: x.personId!, email: x.email };
  const [trust] = await db().select().from(organisations).where(eq(organisations.id, o.organisationId!));

  const board = await makeBody({ name: "Follow Rec Board" });
  const m = await makeMeeting(board.id, { startsAt: new Date("2026-03-10T18:00:00Z"), minutesPublishedAt: new Date("2026-03-12T09:00:00Z") });
  const later = await makeMeeting(board.id, { startsAt: new Date("2026-07-14T18:00:00Z"), minutesPublishedAt: new Date("2026-07-16T09:00:00Z") });
  const open = await makeMinute((await makeItem(m.id, { title: "Placements" })).id, "Resolved to recommend");
  const exempt = await makeMinute((await makeItem(m.id, { title: "Exempt matter", position: 2, isExempt: true, exemptParagraph: 1 })).id, "Private");
  laterMinuteId = (await makeMinute((await makeItem(later.id, { title: "Review" })).id, "Reviewed")).id;
  const base: BoardRecommendationInput = { bodyId: board.id, agreedInDocumentId: null, agreedOn: null, addresseeOrganisationId: trust.id, leadPersonId: officer.personId, reviewOn: null, agreedAtMinuteId: open.id, receivedOn: "2026-03-14", reference: "", text: "" };
  const make = (reference: string, text: string, over: Partial<BoardRecommendationInput> = {}) =>
    db().transaction(async (tx) => (await recordBoardRecommendation(tx, actor, { ...base, reference, text, ...over })).id);
  rec.followed = await make("RF/2026/01", "Publish the placement sufficiency plan");
  rec.overdue = await make("RF/2026/02", "Report on agency social worker numbers");
  rec.reminded = await make("RF/2026/03", "Review the edge of care service");
  rec.exempt = await make("RF/2026/04", `${MARKER} settle the claim`, { agreedAtMinuteId: exempt.id, leadPersonId: outsider.personId });
  rec.unsent = await make("RF/2026/05", "Not yet sent to the Trust", { receivedOn: null });
  rec.noLead = await make("RF/2026/07", "Name a lead for kinship care", { leadPersonId: null, receivedOn: "2026-04-10" });
  rec.exemptOpen = await make("RF/2026/06", `${MARKER} open`, { agreedAtMinuteId: exempt.id, leadPersonId: outsider.personId });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const mailTo = (to: string) => db().select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(outbox.createdAt, outbox.id);
const followMail = async (to: string) => (await mailTo(to)).filter((m) => m.dedupeKey?.startsWith("follow"));

async function followByEmail(email: string, type: string, id: string) {
  const response = await send(server, `/follow?type=${type}&id=${id}`, { form: { type, id, email }, headers: { "x-forwarded-host": "attacker.example" } });
  expect(response.status).toBe(303);
  const [mail] = (await mailTo(email)).filter((m) => m.subject.startsWith("Confirm"));
  expect(mail.body).not.toContain("attacker.example");
  const link = /\/follow\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.body)![0];
  expect((await send(server, link, { method: "POST", form: {} })).status).toBe(303);
  // They followed in January, before anything happened.
  await db().update(subscriptions).set({ confirmedAt: new Date("2026-01-05T09:00:00Z") }).where(eq(subscriptions.email, email));
}

async function noMarkerAnywhere() {
  const leaked = await db().select().from(outbox).where(like(outbox.body, `%${MARKER}%`));
  expect(leaked).toEqual([]);
  expect(await db().select().from(outbox).where(like(outbox.subject, `%${MARKER}%`))).toEqual([]);
}

describe("following a recommendation, or the register", () => {
  it("offers both from the trail page, with the feed; the follow page says what is sent", async () => {
    const html = await (await send(server, `/recommendations/${rec.followed}`)).text();
    expect(html).toContain(`/follow?type=recommendation&amp;id=${rec.followed}`);
    expect(html).toContain(`/follow?type=recommendation_register&amp;id=${RECOMMENDATION_REGISTER_FOLLOW_ID}`);
    expect(html).toContain('href="/feeds/recommendation-responses.atom"');
    const page = await (await send(server, `/follow?type=recommendation&id=${rec.followed}`)).text();
    expect(page).toContain("RF/2026/01: Publish the placement sufficiency plan");
    expect(page).toContain("when the response becomes overdue");
    expect((await send(server, `/follow?type=recommendation_register&id=${RECOMMENDATION_REGISTER_FOLLOW_ID}`)).status).toBe(200);
  });

  it("cannot follow an exempt recommendation from the public, nor the register under another id", async () => {
    const res = await send(server, `/follow?type=recommendation&id=${rec.exempt}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(MARKER);
    expect((await send(server, "/follow", { form: { type: "recommendation", id: rec.exempt, email: "x@example.org" } })).status).toBe(404);
    expect((await send(server, `/follow?type=recommendation_register&id=${rec.followed}`)).status).toBe(404);
  });

  it("tells followers of the response and the judgement once each, from the site's address, and nothing of the exempt one", async () => {
    await deliverFollowerNotifications({ site: SITE, now: new Date("2026-03-20T12:00:00Z") }); // moves the cursor past setup
    await followByEmail("rec-follower@example.org", "recommendation", rec.followed);
    await followByEmail("register-follower@example.org", "recommendation_register", RECOMMENDATION_REGISTER_FOLLOW_ID);
    // The addressee's officer may see the exempt one, and follows it signed in: still never e-mailed about it.
    const cookie = await cookieFor(officer.id);
    expect((await send(server, "/follow", { cookie, form: { type: "recommendation", id: rec.exempt } })).status).toBe(303);

    const response = { outcome: "partially_accepted" as const, reasons: "Funding is not agreed", actionPlanned: "A plan by **September**", givenBy: "Director of Children's Services", givenByPersonId: null, agreedAt: "Cabinet" };
    await db().transaction((tx) => recordRecommendationResponse(tx, actor, rec.followed, { ...response, givenOn: "2026-05-20" }, "2026-06-01"));
    await db().transaction((tx) => recordRecommendationResponse(tx, actor, rec.exempt, { ...response, reasons: `${MARKER} reasons`, givenOn: "2026-05-10" }, "2026-06-01"));
    // On the due day of the others, so none of them is overdue yet.
    const now = new Date("2026-05-13T12:00:00Z");
    const first = await deliverFollowerNotifications({ site: SITE, now });
    expect(await deliverFollowerNotifications({ site: SITE, now })).toBe(0);

    const own = await followMail("rec-follower@example.org");
    const responded = own.filter((m) => m.subject.startsWith("Response recorded"));
    expect(responded).toHaveLength(1);
    expect(responded[0].subject).toBe("Response recorded: RF/2026/01: Publish the placement sufficiency plan");
    expect(responded[0].body).toContain("Partially accepted by Director of Children's Services on 20 May 2026: 7 days late (due 13 May 2026).");
    expect(responded[0].body).toContain("Funding is not agreed");
    expect(responded[0].body).toContain(`${SITE}/recommendations/${rec.followed}`);
    expect(responded[0].body).toMatch(new RegExp(`${SITE}/follow/unsubscribe/`));
    expect(responded[0].headers["List-Unsubscribe"]).toContain(SITE);
    const register = await followMail("register-follower@example.org");
    expect(register.map((m) => m.subject)).toContain("Response recorded: RF/2026/01: Publish the placement sufficiency plan");
    expect(register.some((m) => m.body.includes("because you follow the register of recommendations"))).toBe(true);
    expect(await followMail(officer.email)).toEqual([]);
    expect(first).toBeGreaterThanOrEqual(2);
    await noMarkerAnywhere();

    await db().transaction((tx) => recordBoardJudgement(tx, actor, rec.followed, { implementationState: "partly_implemented", judgedAtMinuteId: laterMinuteId, judgement: "Half of the plan is in place." }));
    await db().transaction((tx) => recordBoardJudgement(tx, actor, rec.exempt, { implementationState: "implemented", judgedAtMinuteId: laterMinuteId, judgement: MARKER }));
    await deliverFollowerNotifications({ site: SITE, now });
    await deliverFollowerNotifications({ site: SITE, now });
    const judged = (await followMail("rec-follower@example.org")).filter((m) => m.subject.startsWith("The board's judgement recorded"));
    expect(judged).toHaveLength(1);
    expect(judged[0].body).toContain("The board judged it partly implemented on 14 July 2026.");
    expect(judged[0].body).toContain("Half of the plan is in place.");
    await noMarkerAnywhere();
  });

  it("tells followers once when a response becomes overdue, not before", async () => {
    // 13 May is the due day of RF/2026/02 and RF/2026/03: not yet overdue.
    await deliverFollowerNotifications({ site: SITE, now: new Date("2026-05-13T12:00:00Z") });
    const before = (await followMail("register-follower@example.org")).filter((m) => m.subject.startsWith("Response overdue"));
    expect(before).toEqual([]);
    const now = new Date("2026-05-14T12:00:00Z");
    await deliverFollowerNotifications({ site: SITE, now });
    await deliverFollowerNotifications({ site: SITE, now });
    const overdue = (await followMail("register-follower@example.org")).filter((m) => m.subject.startsWith("Response overdue"));
    expect(overdue.map((m) => m.subject).sort()).toEqual([
      "Response overdue: RF/2026/02: Report on agency social worker numbers",
      "Response overdue: RF/2026/03: Review the edge of care service",
    ]);
    expect(overdue[0].body).toContain("The response was due on 13 May 2026 and none has been recorded: 1 day overdue.");
    // The one followed on its own was answered: its follower hears of no overdue.
    expect((await followMail("rec-follower@example.org")).filter((m) => m.subject.startsWith("Response overdue"))).toEqual([]);
    await noMarkerAnywhere();
  });
});

describe("reminders to the lead", () => {
  const remindersFor = async (id: string) => db().select().from(outbox).where(like(outbox.dedupeKey, `reminder:recommendation:${id}:%`)).orderBy(outbox.createdAt);

  it("none while more than ten working days remain", async () => {
    await queueRecommendationReminders({ site: SITE, now: new Date("2026-04-20T08:00:00Z") });
    expect(await remindersFor(rec.reminded)).toEqual([]);
  });

  it("once before the due day and once when overdue, however often the job runs", async () => {
    const soon = new Date("2026-04-30T08:00:00Z");
    await queueRecommendationReminders({ site: SITE, now: soon });
    const again = await queueRecommendationReminders({ site: SITE, now: soon });
    expect(again.queued).toBe(0);
    let rows = await remindersFor(rec.reminded);
    expect(rows).toHaveLength(1);
    expect(rows[0].toAddress).toBe(officer.email);
    expect(rows[0].dedupeKey).toBe(`reminder:recommendation:${rec.reminded}:due-soon:2026-05-13:${officer.id}`);
    expect(rows[0].subject).toBe("Reminder: the response to recommendation RF/2026/03 is due on 13 May 2026");
    expect(rows[0].body).toContain("you are named as its lead");
    expect(rows[0].body).toContain(`${SITE}/recommendations/${rec.reminded}`);

    const late = new Date("2026-05-20T08:00:00Z");
    await Promise.all([queueRecommendationReminders({ site: SITE, now: late }), queueRecommendationReminders({ site: SITE, now: late })].map((p) => p.catch(() => null)));
    await queueRecommendationReminders({ site: SITE, now: late });
    rows = await remindersFor(rec.reminded);
    expect(rows.map((r) => r.subject)).toEqual([
      "Reminder: the response to recommendation RF/2026/03 is due on 13 May 2026",
      "Overdue: the response to recommendation RF/2026/03 was due on 13 May 2026",
    ]);
    expect(rows[1].body).toContain("is 7 days late");
    // Answered, or not yet received: no reminder.
    expect(await remindersFor(rec.followed)).toEqual([]);
    expect(await remindersFor(rec.unsent)).toEqual([]);
  });

  it("with no lead named, goes to the addressee's officers", async () => {
    await queueRecommendationReminders({ site: SITE, now: new Date("2026-05-28T08:00:00Z") });
    const rows = await remindersFor(rec.noLead);
    expect(rows.map((r) => [r.toAddress, r.subject])).toEqual([[officer.email, "Reminder: the response to recommendation RF/2026/07 is due on 9 June 2026"]]);
    expect(rows[0].body).toContain("no lead with an account is named, so this goes to its officers");
  });

  it("sends nothing of an exempt recommendation to a lead who may not see it", async () => {
    await queueRecommendationReminders({ site: SITE, now: new Date("2026-05-20T08:00:00Z") });
    expect(await db().select().from(outbox).where(and(eq(outbox.toAddress, outsider.email)))).toEqual([]);
    await noMarkerAnywhere();
  });
});

describe("the clerk's inbox", () => {
  it("lists responses due soon and overdue, each linked to the recommendation", async () => {
    const soon = await clerkInboxSection(clerk, "recommendation-responses", 1, new Date("2026-04-30T08:00:00Z"));
    const mine = soon!.rows.filter((r) => r.text.startsWith("RF/"));
    // The clerk sees the exempt one too (clerks see exempt papers).
    expect(mine.map((r) => r.text)).toEqual(["RF/2026/02: Report on agency social worker numbers", "RF/2026/03: Review the edge of care service", `RF/2026/06: ${MARKER} open`]);
    expect(mine[1].href).toBe(`/recommendations/${rec.reminded}`);
    expect(mine[1].detail).toContain("response due 13 May 2026");
    expect(mine[1].warning).toBeUndefined();
    const late = await clerkInboxSection(clerk, "recommendation-responses", 1, new Date("2026-05-20T08:00:00Z"));
    expect(late!.rows.find((r) => r.id === rec.reminded)!.warning).toBe("7 days late");
    const page = await (await send(server, "/clerk/inbox/recommendation-responses", { cookie: await cookieFor(actor.userId) })).text();
    expect(page).toContain(`/recommendations/${rec.reminded}`);
  });
});

describe("the feed of responses and the lead's calendar", () => {
  it("the Atom feed has the public responses, read by a real parser, and not the exempt one", async () => {
    const res = await send(server, "/feeds/recommendation-responses.atom");
    expect(res.headers.get("content-type")).toContain("application/atom+xml");
    const text = await res.text();
    expect(text).not.toContain(MARKER);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(text).feed;
    const entries = [feed.entry ?? []].flat() as { title: string; link: { "@href": string }; summary: { "#text": string }; updated: string }[];
    const entry = entries.find((e) => e.title.includes("RF/2026/01"))!;
    expect(entry.title).toBe("Partially accepted: RF/2026/01: Publish the placement sufficiency plan");
    expect(entry.link["@href"]).toMatch(new RegExp(`/recommendations/${rec.followed}$`));
    expect(entry.summary["#text"]).toContain("7 days late (due 13 May 2026)");
    expect(entry.updated).toBe("2026-05-20T00:00:00.000Z");
    const page = await (await send(server, "/")).text();
    expect(page).toContain('href="/feeds/recommendation-responses.atom"');
  });

  it("the lead's private calendar carries the due days awaiting a response; an outsider's never the exempt one", async () => {
    const token = await db().transaction((tx) => issueFeedToken(tx, { userId: officer.id }));
    const text = await (await send(server, `/feeds/private/${token}.ics`)).text();
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const due = events.filter((e) => e.uid.startsWith("recommendation-response-due-"));
    expect(due.map((e) => e.summary).sort()).toEqual([
      "Response due: recommendation RF/2026/02 Report on agency social worker numbers",
      "Response due: recommendation RF/2026/03 Review the edge of care service",
      // No lead named: the addressee's officers carry it.
      "Response due: recommendation RF/2026/07 Name a lead for kinship care",
    ]);
    expect(due[0].startDate.toString()).toBe("2026-05-13");
    const outside = await db().transaction((tx) => issueFeedToken(tx, { userId: outsider.id }));
    const theirs = await (await send(server, `/feeds/private/${outside}.ics`)).text();
    expect(theirs).not.toContain(MARKER);
    expect(theirs).not.toContain("RF/2026/04");
    expect(theirs).not.toContain("RF/2026/06");
  });
});

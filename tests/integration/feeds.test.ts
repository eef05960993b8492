/**
 * Calendars and Atom feeds, read by real parsers (ical.js, fast-xml-parser).
 */
import ICAL from "ical.js";
import { XMLParser } from "fast-xml-parser";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { issueFeedToken, revokeFeedTokens } from "~/models/publishing";
import { FIXED_FEED_DOMAIN } from "~/models/publishing";
import { meetings, users } from "../../db/schema";
import { makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion, makeResponse } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let ids: { body: { id: string; slug: string }; held: string; cancelled: string; draft: string; question: string };
let memberId: string;

beforeAll(async () => {
  server = await startTestServer();
  const org = await makeOrganisation();
  const body = await makeBody({ name: "Scrutiny Board, with commas; and semicolons" });
  const other = await makeBody({ name: "Other Committee" });
  const held = await makeMeeting(body.id, {
    title: "Summer meeting " + "with a very long title that needs folding ".repeat(3) + "– ünïcödé",
    startsAt: new Date("2026-07-01T17:00:00Z"),
    venue: "Council House, Oldbury",
    version: 3,
  });
  const cancelled = await makeMeeting(body.id, { title: "Cancelled meeting", status: "cancelled", startsAt: new Date("2026-02-01T18:00:00Z") });
  const draft = await makeMeeting(body.id, { title: "DRAFTFEEDMARKER meeting", agendaPublishedAt: null });
  await makeMeeting(other.id, { title: "Other body meeting" });
  await db().update(meetings).set({ minutesPublishedAt: new Date("2026-07-10T09:00:00Z") }).where(eq(meetings.id, held.id));
  const item = await makeItem(held.id, { title: "Children in care" });
  const member = await makeUser("member");
  const person = (await db().select().from(users).where(eq(users.id, member.id)))[0];
  memberId = member.id;
  // The member's question, with a person record.
  const { people } = await import("../../db/schema");
  const [p] = await db().insert(people).values({ slug: `p-${Date.now()}`, name: "Cllr Test" }).returning();
  await db().update(users).set({ personId: p.id }).where(eq(users.id, person.id));
  const q = await makeQuestion(item.id, org.id, { text: "When will the review finish?", askedById: p.id, dueOn: "2026-08-01" });
  await makeResponse(q.id, { body: "The review will finish in **September**.", respondedAt: new Date("2026-07-20T10:00:00Z") });
  const q2 = await makeQuestion(item.id, org.id, { text: "Open question awaiting an answer", askedById: p.id, dueOn: "2026-09-15" });
  ids = { body: { id: body.id, slug: body.slug }, held: held.id, cancelled: cancelled.id, draft: draft.id, question: q2.id };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

function parseCalendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

describe("calendars", () => {
  it("is valid RFC 5545: CRLF lines, folded at 75 octets, a Europe/London time zone", async () => {
    const response = await send(server, "/feeds/meetings.ics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const text = await response.text();
    expect(text.split("\r\n").every((l) => Buffer.byteLength(l, "utf8") <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/London");
    const events = parseCalendar(text);
    const held = events.find((e) => e.uid.startsWith(ids.held))!;
    expect(held.summary).toContain("Summer meeting");
    expect(held.summary).toContain("ünïcödé");
    expect(held.summary).toContain("Scrutiny Board, with commas; and semicolons");
    // UIDs name SITE_URL's host name, else a fixed domain: never the host or port a request was sent to.
    expect(held.uid).toBe(`${ids.held}@${FIXED_FEED_DOMAIN}`);
    expect(held.sequence).toBe(3);
    expect(held.location).toBe("Council House, Oldbury");
    expect(held.component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/London");
    // 17:00 UTC on 1 July is 18:00 in London (BST).
    expect(held.startDate.hour).toBe(18);
    expect(held.component.getFirstPropertyValue("url")).toMatch(/\/meetings\/meeting-/);
    const cancelled = events.find((e) => e.uid.startsWith(ids.cancelled))!;
    expect(cancelled.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(text).not.toContain("DRAFTFEEDMARKER");
  });

  it("gives each body its own calendar, and 404 for an unknown body", async () => {
    const events = parseCalendar(await (await send(server, `/feeds/bodies/${ids.body.slug}.ics`)).text());
    expect(events.map((e) => e.summary).some((s) => s.includes("Other body meeting"))).toBe(false);
    expect(events.length).toBe(2);
    expect((await send(server, "/feeds/bodies/no-such-body.ics")).status).toBe(404);
    expect((await send(server, "/feeds/bodies/bad.exe")).status).toBe(404);
  });

  it("a private feed has the member's due dates until it is revoked", async () => {
    const token = await db().transaction((tx) => issueFeedToken(tx, { userId: memberId }));
    const response = await send(server, `/feeds/private/${token}.ics`);
    expect(response.status).toBe(200);
    const events = parseCalendar(await response.text());
    const due = events.find((e) => e.uid === `question-due-${ids.question}@${FIXED_FEED_DOMAIN}`)!;
    expect(due.summary).toContain("Open question awaiting an answer");
    expect(due.startDate.toString()).toBe("2026-09-15");
    // The answered question has no due date in the feed.
    expect(events.some((e) => e.summary.includes("When will the review finish"))).toBe(false);
    await db().transaction((tx) => revokeFeedTokens(tx, { userId: memberId }));
    expect((await send(server, `/feeds/private/${token}.ics`)).status).toBe(404);
    expect((await send(server, `/feeds/private/not-a-token.ics`)).status).toBe(404);
  });

  it("the account page creates and turns off the address", async () => {
    const { cookieFor } = await import("../support/accounts");
    const cookie = await cookieFor(memberId);
    const created = await send(server, "/account/feeds", { cookie, form: { intent: "generate" } });
    expect(created.status).toBe(200);
    const html = await created.text();
    const url = /\/feeds\/private\/([A-Za-z0-9_-]+)\.ics/.exec(html)![0];
    expect((await send(server, url)).status).toBe(200);
    const off = await send(server, "/account/feeds", { cookie, form: { intent: "revoke" } });
    expect(off.status).toBe(303);
    expect((await send(server, url)).status).toBe(404);
    expect((await send(server, "/account/feeds", { cookie, form: { intent: "nonsense" } })).status).toBe(400);
  });
});

describe("Atom feeds", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
  const entriesOf = (text: string) => {
    const feed = parser.parse(text).feed;
    const entries = feed.entry === undefined ? [] : Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    return { feed, entries: entries as { id: string; title: string; updated: string; link: { "@href": string } }[] };
  };

  it("publications: agendas and minutes, newest first, no drafts", async () => {
    const response = await send(server, "/feeds/publications.atom");
    expect(response.headers.get("content-type")).toContain("application/atom+xml");
    const text = await response.text();
    const { feed, entries } = entriesOf(text);
    expect(feed.title).toContain("publications");
    const titles = entries.map((e) => e.title);
    expect(titles.some((t) => t.startsWith("Agenda published:") && t.includes("Summer meeting"))).toBe(true);
    expect(titles.some((t) => t.startsWith("Minutes published:"))).toBe(true);
    const times = entries.map((e) => Date.parse(e.updated));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(text).not.toContain("DRAFTFEEDMARKER");
  });

  it("answers: each response links to its question", async () => {
    const { entries } = entriesOf(await (await send(server, "/feeds/answers.atom")).text());
    const answer = entries.find((e) => e.title.includes("When will the review finish"))!;
    expect(answer.link["@href"]).toMatch(/\/questions\/[0-9a-f-]{36}$/);
  });

  it("per body", async () => {
    const { entries } = entriesOf(await (await send(server, `/feeds/bodies/${ids.body.slug}.atom`)).text());
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.title.includes("Other body meeting"))).toBe(false);
    expect((await send(server, "/feeds/bodies/no-such-body.atom")).status).toBe(404);
  });

  it("the feeds page lists them", async () => {
    const html = await (await send(server, "/feeds")).text();
    expect(html).toContain('href="/feeds/meetings.ics"');
    expect(html).toContain(`href="/feeds/bodies/${ids.body.slug}.atom"`);
  });
});

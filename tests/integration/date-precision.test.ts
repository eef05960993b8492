/**
 * Issue 15 items 3, 4, 5, 7, 14 and issue 23 items 5, 6: no surface states a date
 * more precisely than its source. Over the imported content/ (the 2021 meeting is
 * known only to the year; its agenda and minutes are public with no publication
 * date), read as a person or program gets it: the calendar by ical.js, Atom by
 * fast-xml-parser, the API as JSON, the pages as HTML.
 */
import path from "node:path";
import ICAL from "ical.js";
import { XMLParser } from "fast-xml-parser";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { contentId } from "~/content/ids.server";
import { db } from "~/db.server";
import { isoDay } from "~/rules/dates.server";
import { formatDate } from "~/rules/dates.server";
import { meetings } from "../../db/schema";
import { makeBody, makeItem, makeMeeting, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
const MEETING = "2021-trust-annual-review";
const meetingId = contentId("meeting", MEETING);
let scheduled: { id: string; slug: string };
let todayQuestion: string;
const today = new Date();

beforeAll(async () => {
  await importContent({ directory: path.resolve(process.cwd(), "content"), log: () => {} });
  server = await startTestServer();
  // A scheduled meeting with a published agenda, a month ahead.
  const body = await makeBody({ name: "Corporate Parenting Board" });
  const m = await makeMeeting(body.id, {
    title: "Corporate Parenting Board: Autumn meeting",
    status: "scheduled",
    startsAt: new Date(today.getTime() + 30 * 86_400_000),
    agendaPublishedAt: new Date(today.getTime() - 86_400_000),
  });
  scheduled = { id: m.id, slug: m.slug };
  await makeItem(m.id);
  // A question raised today on the 2021 meeting's item (the meeting is known only to the year).
  const item = contentId("agenda_item", `${MEETING}/trust-annual-review`);
  const q = await makeQuestion(item, contentId("organisation", "sandwell-childrens-trust"), {
    text: "What has changed since the annual review?",
    tabledOn: isoDay(today),
    dueOn: null,
    acceptedAt: today,
  });
  todayQuestion = q.id;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const page = async (p: string) => {
  const r = await send(server, p);
  expect(r.status, p).toBe(200);
  return (await r.text()).replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");
};
const api = async (p: string) => {
  const r = await send(server, p);
  expect(r.status, p).toBe(200);
  return (await r.json()) as { data: Record<string, unknown>[] };
};
/** One resource: the API wraps it in `data`. */
const one = async (p: string) => ((await (await send(server, p)).json()) as { data: Record<string, unknown> }).data;
function events(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}
function atom(text: string) {
  const feed = new XMLParser({ ignoreAttributes: false }).parse(text).feed;
  const entries = feed.entry ? (Array.isArray(feed.entry) ? feed.entry : [feed.entry]) : [];
  return { feed, entries: entries as { id: string; title: string; updated: string; summary: { "#text": string } | string }[] };
}
const summaryOf = (e: { summary: { "#text": string } | string }) => (typeof e.summary === "string" ? e.summary : e.summary["#text"]);

describe("calendars (issue 15 items 4, 5, 14)", () => {
  it("leave out the meeting whose day no source gives, confirm a published scheduled one, and name its body once", async () => {
    const all = events(await (await send(server, "/feeds/meetings.ics")).text());
    expect(all.some((e) => e.uid.startsWith(meetingId))).toBe(false);
    expect(all.some((e) => /Annual Review/.test(e.summary))).toBe(false);
    const autumn = all.find((e) => e.uid.startsWith(scheduled.id))!;
    expect(autumn.summary).toBe("Corporate Parenting Board: Autumn meeting");
    expect(autumn.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    // UIDs are stable whatever address or port serves the feed.
    expect(autumn.uid).not.toMatch(/localhost|:\d+$/);
  });

  it("give one meeting as its own .ics, and none for a meeting without a known day", async () => {
    const one = await send(server, `/feeds/meetings/${scheduled.slug}.ics`);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toMatch(/text\/calendar/);
    const [event] = events(await one.text());
    expect(event.uid.startsWith(scheduled.id)).toBe(true);
    expect((await send(server, `/feeds/meetings/${MEETING}.ics`)).status).toBe(404);
  });
});

describe("Atom (issue 15 items 4, 5, 14)", () => {
  it("dates entries by the record's own date, never the import's time, and never doubles a body's name", async () => {
    const [{ importedAt }] = await db()
      .select({ importedAt: meetings.updatedAt })
      .from(meetings)
      .where(eq(meetings.id, meetingId));
    for (const feedPath of ["/feeds/publications.atom", "/feeds/answers.atom"]) {
      const { feed, entries } = atom(await (await send(server, feedPath)).text());
      expect(String(feed.id)).not.toMatch(/localhost|:\d{2,5},/);
      for (const e of entries) {
        expect(e.title).not.toMatch(/Scrutiny Board: Scrutiny Board/);
        expect(String(e.id)).not.toMatch(/localhost|:\d{2,5},/);
        expect(new Date(e.updated).getTime()).not.toBe(importedAt.getTime());
        expect(new Date(e.updated).getTime()).toBeLessThan(today.getTime() - 60_000 * 60);
      }
    }
    const { entries } = atom(await (await send(server, "/feeds/publications.atom")).text());
    // The agenda and minutes of the 2021 meeting have no publication date in any source: no entry dates them.
    expect(entries.some((e) => /Agenda published: .*Annual Review/.test(e.title))).toBe(false);
    // The annual review is dated 2021, and says so.
    const review = entries.find((e) => e.title.startsWith("Sandwell Children's Trust Annual Review"))!;
    expect(review.updated).toBe("2021-01-01T00:00:00.000Z");
    expect(summaryOf(review)).toMatch(/^Dated 2021 \(/);
    const answers = atom(await (await send(server, "/feeds/answers.atom")).text()).entries;
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((e) => summaryOf(e).startsWith("Given 2021 ("))).toBe(true);
  });
});

describe("the API (issue 15 items 4, 14; issue 23 items 5, 6)", () => {
  it("gives null with a precision and note for every date the sources do not give to the day", async () => {
    const m = await one(`/api/v1/meetings/${meetingId}`);
    expect(m).toMatchObject({
      start_date: null,
      start_date_precision: "year",
      agenda_published_at: null,
      agenda_published_at_precision: "unknown",
      minutes_published_at: null,
      minutes_published_at_precision: "unknown",
    });
    expect(m.start_date_note).toMatch(/do not give the date/);
    expect(m.agenda_published_at_note).toMatch(/do not give/);

    const list = await api(`/api/v1/questions?per_page=100`);
    const imported = list.data.filter((q) => q.meeting_id === meetingId && q.id !== todayQuestion);
    expect(imported).toHaveLength(12);
    for (const q of imported) {
      expect(q).toMatchObject({ tabled_on: null, tabled_on_precision: "year" });
      expect(q.tabled_on_note).toBeTruthy();
      for (const r of q.responses as Record<string, unknown>[]) {
        expect(r).toMatchObject({ responded_at: null, responded_at_precision: "year" });
      }
      // Closed when answered at the meeting: said as precisely as that (never a bare null).
      if (q.status === "closed") expect(q).toMatchObject({ closed_at: null, closed_at_precision: "year" });
    }
    const mine = list.data.find((q) => q.id === todayQuestion)!;
    expect(mine).toMatchObject({ tabled_on: isoDay(today), tabled_on_precision: "exact", tabled_on_note: null });
  });

  it("keeps the letter's date apart from a publication date no source gives, and states the review's period", async () => {
    const letter = await one(`/api/v1/documents/${contentId("document", "ofsted-focused-visit-letter-2024")}`);
    expect(letter).toMatchObject({ date: "2024-11-29", published_at: null, published_at_precision: "unknown" });
    const visit = await one(`/api/v1/inspections/${contentId("inspection", "ofsted-2024-focused-visit")}`);
    expect(visit).toMatchObject({ published_date: null, published_date_precision: "unknown", start_date: "2024-10-30" });
    const review = await one(`/api/v1/documents/${contentId("document", "trust-annual-review-2021")}`);
    expect(review.review_year).toBeNull();
    expect(review.review_period).toMatch(/previous twelve months.*second half of 2021/);
  });

  it("a closed question answered on a known day gives its real close date", async () => {
    const body = await makeBody();
    const m = await makeMeeting(body.id, { startsAt: new Date("2026-03-01T18:00:00Z") });
    const item = await makeItem(m.id);
    const org = contentId("organisation", "sandwell-childrens-trust");
    const q = await makeQuestion(item.id, org, { tabledOn: "2026-03-01", dueOn: "2026-03-29" });
    const { responses } = await import("../../db/schema");
    await db().insert(responses).values({ questionId: q.id, body: "Done.", respondedAt: new Date("2026-03-11T10:00:00Z") });
    const out = await one(`/api/v1/questions/${q.id}`);
    expect(out).toMatchObject({ status: "closed", closed_at: "2026-03-11T10:00:00.000Z", closed_at_precision: "exact" });
    expect(await page(`/questions/${q.id}`)).toMatch(/Days open 10 /);
  });
});

describe("pages (issue 15 items 3, 7, 14; issue 23 items 5, 6)", () => {
  it("a question raised today on an item of a 2021 meeting shows today's date", async () => {
    const text = await page(`/questions/${todayQuestion}`);
    expect(text).toContain(`Tabled ${formatDate(today)}`);
    expect(text).not.toMatch(/Tabled \d{4} \(approximate\)/);
  });

  it("an imported question does not count days open from dates no source gives", async () => {
    const [q] = (await api(`/api/v1/questions?per_page=100`)).data.filter((x) => x.meeting_id === meetingId && x.id !== todayQuestion);
    const text = await page(`/questions/${q.id}`);
    expect(text).not.toMatch(/Days open 0/);
    // Imported questions were answered at the meeting: their days open are not counted, and say why.
    expect(text).toMatch(/Days open (Not known|Not counted)/);
  });

  it("the meeting page gives no invented publication date and no calendar event; feeds are linked", async () => {
    const r = await send(server, `/meetings/${MEETING}`);
    const html = await r.text();
    const text = html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
    expect(text).toMatch(/Agenda published Not given in the sources/);
    expect(text).toContain("This meeting cannot be added to a calendar: the sources do not give its day.");
    expect(html).not.toContain(`/feeds/meetings/${MEETING}.ics`);
    expect(html).toMatch(/<link[^>]+rel="alternate"[^>]+type="application\/atom\+xml"/);
    expect(html).toMatch(/<a[^>]+href="\/feeds"[^>]*>\s*Feeds and calendars/);
    const ld = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(ld).startDate).toBe("2021");

    const other = await send(server, `/meetings/${scheduled.slug}`);
    const otherHtml = await other.text();
    expect(otherHtml).toMatch(new RegExp(`<a[^>]+href="/feeds/meetings/${scheduled.slug}.ics"[^>]*>Add to calendar`));
    expect(otherHtml).toMatch(new RegExp(`<link[^>]+type="text/calendar"[^>]+href="/feeds/meetings/${scheduled.slug}.ics"`));
  });

  it("the letter and its visit give the letter's date, and say no source gives the publication date", async () => {
    const letter = await page("/documents/ofsted-focused-visit-letter-2024");
    expect(letter).toContain("Letter dated 29 November 2024");
    expect(letter).toContain("Published Not given in the sources");
    expect(letter).not.toContain("Published 29 November 2024");
    const visit = await page("/inspections/ofsted-2024-focused-visit");
    expect(visit).toContain("Letter dated 29 November 2024");
    expect(visit).toContain("Published Not given in the sources");
  });

  it("the annual review states the period reviewed as the source does", async () => {
    const text = await page("/annual-reviews/trust-annual-review-2021");
    expect(text).not.toMatch(/Year reviewed 2021/);
    expect(text).toMatch(/Period reviewed .*previous twelve months.*second half of 2021/);
  });
});

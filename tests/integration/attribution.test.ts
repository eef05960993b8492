/**
 * Who answered and what a status rests on (issue 23, items 1, 2 and 8), on the imported seed
 * content: the minutes name no responder and record only answers given at the meeting. Every
 * surface (page, API, CSV, Atom) says so, as a reader or a client would see it.
 */
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
const SAFE = "Members commented on the emphasis on keeping children safe.";

beforeAll(async () => {
  await importContent({ directory: path.resolve(process.cwd(), "content"), log: () => {} });
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function json(p: string) {
  const r = await send(server, p);
  expect(r.status).toBe(200);
  return (await r.json()) as any;
}
const text = async (p: string) => {
  const r = await send(server, p);
  expect(r.status).toBe(200);
  return (await r.text()).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
};

describe("the minuted questions and their responses", () => {
  it("API: status as the source states, with its basis; no responder claimed, with why", async () => {
    const list = await json("/api/v1/questions?per_page=50");
    expect(list.data).toHaveLength(12);
    for (const q of list.data) {
      expect(q.status).toBe("answered_at_meeting");
      expect(q.status_basis).toBe("source");
      expect(q.status_basis_note).toMatch(/The minutes record this response as made at the meeting, and no follow-up/);
      expect(q.source_note).toMatch(/neutral summary/);
      expect(q.responses).toHaveLength(1);
      const r = q.responses[0];
      expect(r.organization_id).toBeNull();
      expect(r.attributed_organization_id).toBe(q.addressed_to.id);
      expect(r.attribution_note).toMatch(/The minutes do not say who made this response/);
      expect(r.attribution_note).toMatch(/Chief Executive presented the item/);
      expect(r.source_note).toBe("The minutes' words, verbatim.");
    }
    const send08 = list.data.find((q: any) => q.text.startsWith("Would the current issues around Special Educational Needs"));
    expect(send08.responses[0].attribution_note).toMatch(/SEND transport; the minutes do not say whether the Trust or the council/);
  });

  it("API: the notes pages show about a record's source are in its answer", async () => {
    const inspections = await json("/api/v1/inspections?per_page=50");
    expect(inspections.data.some((i: any) => typeof i.source_note === "string" && i.source_note.length > 0)).toBe(true);
    const meetings = await json("/api/v1/meetings");
    expect(meetings.data[0].source_note).toMatch(/Known only from the minutes of one agenda item/);
    const documents = await json("/api/v1/documents?per_page=50");
    expect(documents.data.every((d: any) => "source_note" in d)).toBe(true);
    const bodies = await json("/api/v1/bodies");
    expect(bodies.data.every((b: any) => "source_note" in b)).toBe(true);
  });

  it("CSV: the status, its basis and the attribution caveat in every row", async () => {
    const csv = await text("/questions.csv");
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toContain("status_basis,status_basis_note,response_attribution_note");
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(row).toContain("Answered at the meeting; no follow-up recorded");
      expect(row).not.toMatch(/,Closed,/);
      expect(row).toContain(",source,");
      expect(row).toContain("The minutes do not say who made this response");
    }
  });

  it("Atom: each answer says the minutes name no responder, and why", async () => {
    const feed = new XMLParser().parse(await text("/feeds/answers.atom")).feed;
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    expect(entries).toHaveLength(12);
    for (const e of entries) expect(String(e.summary)).toMatch(/Who responded: The minutes do not say who made this response/);
  });

  it("question page: the status with what it rests on, and who responded", async () => {
    const list = await json("/api/v1/questions?per_page=50");
    const q = list.data.find((x: any) => x.text === SAFE);
    const html = await text(`/questions/${q.id}`);
    expect(html).toContain("Answered at the meeting; no follow-up recorded");
    expect(html).toContain("As the source states:");
    expect(html).not.toMatch(/>Closed</);
    expect(html).toContain("Recorded as Sandwell Children's Trust's (the source does not name who responded)");
    expect(html).toContain("Who responded: </strong>The minutes do not say who made this response");
    expect(html).toContain("may be a member's own comment");
    expect(html).toContain("Not counted: answered at the meeting");
  });

  it("register and agenda: statuses with their basis; each item's responses inline; the agenda counts them", async () => {
    const register = await text("/questions");
    expect(register).toContain("Answered at the meeting; no follow-up recorded");
    expect(register).toContain("As the source states:");
    const meeting = await text("/meetings/2021-trust-annual-review");
    expect(meeting).toMatch(/12 questions<span class="govuk-visually-hidden"> on item 1<\/span><\/a> raised on this item/);
    const itemId = /\/agenda-items\/([0-9a-f-]{36})/.exec(meeting)![1];
    const item = await text(`/agenda-items/${itemId}`);
    expect(item).toContain("The accusations of bullying within the Trust had been dealt with.");
    expect(item).toContain("The partnership between the Trust and the Local Authority was something that improved outcomes");
    expect(item.match(/Who responded: <\/strong>/g)).toHaveLength(12);
    expect(item.match(/As the source states:/g)).toHaveLength(12);
  });

  it("/about does not credit the responses to the Trust as fact", async () => {
    const about = await text("/about");
    expect(about).not.toContain("the Trust's responses");
    expect(about).toContain("but not who made each");
  });
});

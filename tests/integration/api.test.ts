/** Contract tests for the read-only open-data API at /api/v1 (docs/api.md). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { setApiRateLimitForTests } from "~/models/publishing";
import { actions } from "../../db/schema";
import { makeBody, makeDocument, makeItem, makeMeeting, makeMinute, makeOrganisation, makeQuestion, makeResponse } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let ids: { body: string; bodySlug: string; meeting: string; item: string; question: string; doc: string };

beforeAll(async () => {
  server = await startTestServer();
  const org = await makeOrganisation();
  const body = await makeBody({ name: "API Board" });
  const other = await makeBody({ name: "Other" });
  const meeting = await makeMeeting(body.id, { title: "API meeting", startsAt: new Date("2026-03-01T18:00:00Z"), venue: "Oldbury" });
  for (let i = 0; i < 4; i++) await makeMeeting(other.id, { title: `Other ${i}`, startsAt: new Date(`2025-0${i + 1}-10T18:00:00Z`) });
  const item = await makeItem(meeting.id, { title: "Budget", body: "Item body text" });
  await makeItem(meeting.id, { title: "Secret", publicTitle: "Staffing matter", isExempt: true, exemptParagraph: 1, body: "EXEMPTAPIMARKER", position: 2 });
  await makeMinute(item.id, "The board discussed the budget.");
  const q = await makeQuestion(item.id, org.id, { text: "How much is left?" });
  await makeResponse(q.id, { body: "Ten pounds." });
  await db().insert(actions).values({ description: "Report back", questionId: q.id, owningOrganisationId: org.id, dueOn: "2026-04-01" });
  const doc = await makeDocument({ title: "API report" }, item.id);
  ids = { body: body.id, bodySlug: body.slug, meeting: meeting.id, item: item.id, question: q.id, doc: doc.id };
}, 60_000);

afterAll(async () => {
  await server?.close();
});
afterEach(() => setApiRateLimitForTests(null));

async function get(path: string) {
  const response = await send(server, path);
  return { response, json: (await response.json()) as any };
}

describe("the API", () => {
  it("lists its resources, with CORS for GET", async () => {
    const { response, json } = await get("/api/v1");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(Object.keys(json.resources)).toEqual(
      expect.arrayContaining(["bodies", "people", "meetings", "documents", "questions", "priorities", "inspections", "recommendations"]),
    );
  });

  it("pages with links and totals", async () => {
    const first = await get("/api/v1/meetings?per_page=2");
    expect(first.json.meta).toEqual({ page: 1, per_page: 2, total: 5, total_pages: 3 });
    expect(first.json.links.prev).toBeNull();
    expect(first.json.links.next).toMatch(/\/api\/v1\/meetings\?per_page=2&page=2$/);
    const last = await get("/api/v1/meetings?per_page=2&page=3");
    expect(last.json.data).toHaveLength(1);
    expect(last.json.links.next).toBeNull();
    const beyond = await get("/api/v1/meetings?per_page=2&page=50");
    expect(beyond.response.status).toBe(200);
    expect(beyond.json.data).toEqual([]);
  });

  it("filters by body and date", async () => {
    const byBody = await get(`/api/v1/meetings?body=${ids.bodySlug}`);
    expect(byBody.json.data.map((m: any) => m.name)).toEqual(["API meeting"]);
    const byId = await get(`/api/v1/meetings?body=${ids.body}`);
    expect(byId.json.meta.total).toBe(1);
    const dated = await get("/api/v1/meetings?since=2025-02-01&until=2025-03-31");
    expect(dated.json.data.map((m: any) => m.name).sort()).toEqual(["Other 1", "Other 2"]);
  });

  it("a meeting is an Open Civic Data event with its agenda; exempt content is redacted", async () => {
    const { json } = await get(`/api/v1/meetings/${ids.meeting}`);
    const m = json.data;
    expect(m).toMatchObject({ id: ids.meeting, name: "API meeting", classification: "meeting", start_date: "2026-03-01T18:00:00.000Z", location: { name: "Oldbury" }, organization_id: ids.body });
    expect(m.agenda.map((a: any) => [a.order, a.description])).toEqual([["1", "Budget"], ["2", "Staffing matter"]]);
    expect(m.agenda[1].exempt).toMatchObject({ paragraph: 1 });
    expect(m.agenda[1].body_markdown).toBeNull();
    expect(JSON.stringify(json)).not.toContain("EXEMPTAPIMARKER");
    expect(JSON.stringify(json)).not.toContain('"Secret"');
  });

  it("a question carries its responses and actions", async () => {
    const { json } = await get(`/api/v1/questions/${ids.question}`);
    expect(json.data.text).toBe("How much is left?");
    expect(json.data.responses[0]).toMatchObject({ kind: "full", body_markdown: "Ten pounds." });
    expect(json.data.actions[0]).toMatchObject({ description: "Report back", due_on: "2026-04-01", status: "open" });
    expect(json.data.status).toBe("answered");
  });

  it("documents, bodies, people, priorities, inspections and recommendations answer", async () => {
    expect((await get(`/api/v1/documents/${ids.doc}`)).json.data.body_markdown).toBe("Report body");
    expect((await get(`/api/v1/bodies/${ids.body}`)).json.data.name).toBe("API Board");
    for (const r of ["bodies", "people", "documents", "questions", "priorities", "inspections", "recommendations"]) {
      const { response, json } = await get(`/api/v1/${r}`);
      expect(response.status, r).toBe(200);
      expect(Array.isArray(json.data), r).toBe(true);
    }
  });

  it("answers mistakes with a JSON error, never a 500", async () => {
    const cases: [string, number][] = [
      ["/api/v1/meetings/00000000-0000-4000-8000-000000000000", 404],
      ["/api/v1/meetings/not-an-id", 404],
      ["/api/v1/spaceships", 404],
      ["/api/v1/meetings/a/b", 404],
      ["/api/v1/meetings?since=yesterday", 400],
      ["/api/v1/meetings?until=2025-02-30", 400],
      ["/api/v1/meetings?page=0", 400],
      ["/api/v1/meetings?per_page=100000", 400],
      ["/api/v1/meetings?body=no-such-body", 400],
    ];
    for (const [path, status] of cases) {
      const { response, json } = await get(path);
      expect(response.status, path).toBe(status);
      expect(json.error.status, path).toBe(status);
      expect(typeof json.error.message).toBe("string");
    }
  });

  it("is read-only, and answers a CORS preflight", async () => {
    const post = await send(server, "/api/v1/meetings", { method: "POST", form: {} });
    expect(post.status).toBe(405);
    expect((await post.json()).error.status).toBe(405);
    const preflight = await send(server, "/api/v1/meetings", { method: "OPTIONS", headers: { origin: "https://example.com" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("meeting pages carry schema.org Event JSON-LD with the CSP nonce, and text cannot end the script", async () => {
    const body = await makeBody({ name: "LD Board" });
    const meeting = await makeMeeting(body.id, { title: "Evil </script><b>x</b>", venue: "Hall", status: "cancelled" });
    const response = await send(server, `/meetings/${meeting.slug}`);
    const html = await response.text();
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(response.headers.get("content-security-policy")!)![1];
    const match = /<script type="application\/ld\+json" nonce="([^"]+)">([\s\S]*?)<\/script>/.exec(html)!;
    expect(match[1]).toBe(nonce);
    expect(match[2]).not.toContain("<");
    const data = JSON.parse(match[2]);
    expect(data).toMatchObject({ "@type": "Event", name: "LD Board: Evil </script><b>x</b>", eventStatus: "https://schema.org/EventCancelled" });
    expect(data.location.name).toBe("Hall");
  });

  it("the sitemap lists public pages and robots.txt points at it", async () => {
    const sitemap = await (await send(server, "/sitemap.xml")).text();
    expect(sitemap).toContain(`/meetings/`);
    expect(sitemap).toContain(`/agenda-items/${ids.item}`);
    expect(sitemap).toContain(`/questions/${ids.question}`);
    const robots = await (await send(server, "/robots.txt")).text();
    expect(robots).toMatch(/^Sitemap: http:\/\/.+\/sitemap\.xml$/m);
  });

  it("limits the rate per address with a clear 429", async () => {
    setApiRateLimitForTests(3);
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 5; i++) {
      last = await send(server, "/api/v1/priorities");
      statuses.push(last.status);
    }
    // Earlier tests in this window may have used some of the allowance.
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await last!.json()) as any;
    expect(body.error.message).toMatch(/Too many requests/);
  });
});

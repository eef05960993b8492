/**
 * Drafts and exempt (Schedule 12A) content never reach the public through
 * search, feeds, the API or the sitemap, while a clerk's search finds them (so
 * the markers are really there to find).
 */
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { search } from "~/models/search";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { actions } from "../../db/schema";
import { db } from "~/db.server";
import {
  makeBody,
  makeDocument,
  makeItem,
  makeMeeting,
  makeMinute,
  makeOrganisation,
  makeQuestion,
  makeResponse,
} from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const DRAFT = "zebradraftmarker";
const EXEMPT = "quokkaexemptmarker";
const clerk: Viewer = { kind: "user", userId: "00000000-0000-4000-8000-000000000001", name: "Clerk", email: "c@example.org", role: "clerk", personId: null, organisationId: null };

let server: TestServer;
let slugs: { body: string; draftMeeting: string; publicMeeting: string; draftDoc: string; exemptDoc: string };
let ids: { draftMeeting: string; exemptItem: string; exemptQuestion: string; draftItem: string };

beforeAll(async () => {
  server = await startTestServer();
  const org = await makeOrganisation();
  const body = await makeBody({ name: "Leak Board" });
  const published = await makeMeeting(body.id, { title: "Public meeting", minutesPublishedAt: new Date("2026-01-20T09:00:00Z") });
  const draftMeeting = await makeMeeting(body.id, { title: `Meeting ${DRAFT}`, agendaPublishedAt: null, venue: `Room ${DRAFT}` });
  const draftMeetingItem = await makeItem(draftMeeting.id, { title: `Item ${DRAFT}`, body: `Body ${DRAFT}` });
  const draftItem = await makeItem(published.id, { title: `Draft item ${DRAFT}`, body: `${DRAFT} body`, publishedAt: null, position: 2 });
  const exempt = await makeItem(published.id, {
    title: `Secret title ${EXEMPT}`,
    publicTitle: "Staffing matter",
    body: `Exempt body ${EXEMPT}`,
    purpose: `Exempt purpose ${EXEMPT}`,
    isExempt: true,
    exemptParagraph: 1,
    position: 3,
  });
  await makeMinute(exempt.id, `Exempt minute ${EXEMPT}`);
  await makeMinute(draftMeetingItem.id, `Draft minute ${DRAFT}`);
  const q = await makeQuestion(exempt.id, org.id, { text: `Exempt question ${EXEMPT}` });
  await makeResponse(q.id, { body: `Exempt response ${EXEMPT}` });
  await db().insert(actions).values({ description: `Exempt action ${EXEMPT}`, questionId: q.id, owningOrganisationId: org.id, dueOn: "2026-03-01" });
  const dq = await makeQuestion(draftItem.id, org.id, { text: `Draft question ${DRAFT}` });
  await makeResponse(dq.id, { body: `Draft response ${DRAFT}` });
  const draftDoc = await makeDocument({ title: `Draft report ${DRAFT}`, publishedAt: null });
  const exemptDoc = await makeDocument({ title: `Exempt report ${EXEMPT}`, body: EXEMPT }, exempt.id);
  await makeDocument({ title: `Report on a draft item ${DRAFT}`, body: DRAFT }, draftItem.id);
  slugs = { body: body.slug, draftMeeting: draftMeeting.slug, publicMeeting: published.slug, draftDoc: draftDoc.slug, exemptDoc: exemptDoc.slug };
  ids = { draftMeeting: draftMeeting.id, exemptItem: exempt.id, exemptQuestion: q.id, draftItem: draftItem.id };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

function expectClean(text: string, where: string) {
  expect(text.toLowerCase(), where).not.toContain(DRAFT);
  expect(text.toLowerCase(), where).not.toContain(EXEMPT);
  expect(text, where).not.toContain(slugs.draftMeeting);
  expect(text, where).not.toContain(slugs.draftDoc);
  expect(text, where).not.toContain(slugs.exemptDoc);
  expect(text, where).not.toContain(ids.exemptQuestion);
  expect(text, where).not.toContain(ids.draftItem);
}

describe("search", () => {
  it("the markers are there for a clerk", async () => {
    for (const marker of [DRAFT, EXEMPT]) {
      const outcome = await search(clerk, { q: marker, page: 1 });
      expect(outcome.kind === "results" && outcome.total).toBeGreaterThanOrEqual(5);
    }
  });

  it("never match for the public, in any kind", async () => {
    for (const marker of [DRAFT, EXEMPT, `"Secret title"`, "Exempt OR Draft"]) {
      const outcome = await search(PUBLIC_VIEWER, { q: marker, page: 1 });
      expect(outcome.kind).toBe("results");
      expectClean(JSON.stringify(outcome), `search ${marker}`);
    }
    for (const marker of [DRAFT, EXEMPT]) {
      expect((await search(PUBLIC_VIEWER, { q: marker, page: 1 })).kind === "results" && (await search(PUBLIC_VIEWER, { q: marker, page: 1 }) as { total: number }).total).toBe(0);
      const html = await (await send(server, `/search?q=${marker}`)).text();
      // The page repeats what was typed (title, search box); it finds nothing.
      expect(html).toContain("No results");
      expect(html).not.toContain("<mark");
    }
  });

  it("the exempt item's public title may match, without its content", async () => {
    const outcome = await search(PUBLIC_VIEWER, { q: "staffing matter", page: 1 });
    expect(outcome.kind === "results" && outcome.results.map((r) => r.title)).toContain("Staffing matter");
    expectClean(JSON.stringify(outcome), "public title search");
  });
});

describe("feeds, API and sitemap", () => {
  it("carry neither marker", async () => {
    const paths = [
      "/feeds/meetings.ics",
      `/feeds/bodies/${slugs.body}.ics`,
      "/feeds/publications.atom",
      "/feeds/answers.atom",
      `/feeds/bodies/${slugs.body}.atom`,
      "/api/v1/meetings",
      "/api/v1/documents",
      "/api/v1/questions",
      `/api/v1/meetings?body=${slugs.body}`,
      "/sitemap.xml",
    ];
    for (const path of paths) {
      const response = await send(server, path);
      expect(response.status, path).toBe(200);
      expectClean(await response.text(), path);
    }
    const meetings = (await (await send(server, "/api/v1/meetings")).json()) as { data: { id: string; slug: string }[] };
    const publicMeeting = meetings.data.find((m) => m.slug === slugs.publicMeeting)!;
    const detail = await send(server, `/api/v1/meetings/${publicMeeting.id}`);
    const detailText = await detail.text();
    expect(detailText).toContain("Staffing matter");
    expectClean(detailText, "meeting detail");
    for (const path of [`/api/v1/meetings/${ids.draftMeeting}`, `/api/v1/questions/${ids.exemptQuestion}`]) {
      const response = await send(server, path);
      expect(response.status, path).toBe(404);
      expectClean(await response.text(), path);
    }
  });
});

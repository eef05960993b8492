/**
 * No exempt or draft content reaches the public by any path: an exempt item and
 * a draft item hold unique markers in every field (title, body, documents, an
 * uploaded file, the minute); then every public page reachable from the home
 * page and the list pages (plus search, feeds and API seeds, if those routes
 * exist) is crawled through the real server, with every file download link,
 * and neither marker may appear anywhere.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { completeAction, createAction } from "~/models/questions";
import { createItemDocument } from "~/models/meetings";
import { actions, documentFiles, documents } from "../../db/schema";
import { makeUser } from "../support/accounts";
import { makeBody, makeDocument, makeItem, makeMeeting, makeMinute, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const EXEMPT = "EXEMPTLEAK4471Q";
const DRAFT = "DRAFTLEAK8823Z";
const PUBLIC_TEXT = "Openly discussed budget 5521";

let server: TestServer;
let publicItemId: string;
let exemptItemId: string;
let meetingSlug: string;
/** Actions from the exempt and the draft item's minutes, and their evidence files (asked for directly too). */
const hiddenPaths: string[] = [];

beforeAll(async () => {
  const clerk = await makeUser("clerk");
  const actor = { userId: clerk.id };
  const body = await makeBody({ name: "Leak Test Board" });
  const meeting = await makeMeeting(body.id, {
    title: "Leak test meeting",
    startsAt: new Date("2026-01-15T18:00:00Z"),
    minutesPublishedAt: new Date("2026-01-20T09:00:00Z"),
  });
  meetingSlug = meeting.slug;
  const open = await makeItem(meeting.id, { position: 1, title: "Budget", body: PUBLIC_TEXT });
  publicItemId = open.id;
  await makeMinute(open.id, "The board noted the budget.");
  const exempt = await makeItem(meeting.id, {
    position: 2,
    title: `Staffing ${EXEMPT}`,
    body: `Body ${EXEMPT}`,
    purpose: `Purpose ${EXEMPT}`,
    isExempt: true,
    exemptParagraph: 1,
    // The public-interest reason is public: it says why the rest is not (issue #15 item 14).
    exemptReason: "The public interest in keeping it exempt outweighs disclosure",
    publicTitle: "A staffing matter",
    publicSummary: "The board considered a staffing matter.",
  });
  exemptItemId = exempt.id;
  const exemptMinute = await makeMinute(exempt.id, `Minute ${EXEMPT}`);
  await makeDocument({ title: `Report ${EXEMPT}`, body: `Report body ${EXEMPT}` }, exempt.id);
  const draft = await makeItem(meeting.id, { position: 3, title: `Draft ${DRAFT}`, body: `Body ${DRAFT}`, publishedAt: null });
  const draftMinute = await makeMinute(draft.id, `Minute ${DRAFT}`);
  await makeDocument({ title: `Draft report ${DRAFT}`, body: DRAFT, publishedAt: null }, draft.id);
  // Uploaded files whose content holds the markers.
  const pdf = (marker: string) => new TextEncoder().encode(`%PDF-1.4\n% ${marker}\n%%EOF\n`);
  await db().transaction((tx) => createItemDocument(tx, actor, exempt.id, { title: `File ${EXEMPT}`, body: "", file: { name: `${EXEMPT}.pdf`, bytes: pdf(EXEMPT) } }));
  await db().transaction((tx) => createItemDocument(tx, actor, draft.id, { title: `File ${DRAFT}`, body: "", file: { name: `${DRAFT}.pdf`, bytes: pdf(DRAFT) } }));
  await db().transaction((tx) => createItemDocument(tx, actor, open.id, { title: "Budget appendix", body: "", file: { name: "appendix.pdf", bytes: pdf("public appendix") } }));
  // Actions from the exempt and draft minutes, completed with evidence text and a file holding the markers.
  const org = await makeOrganisation({ name: "Leak Trust" });
  const clerkActor = {
    viewer: { kind: "user" as const, userId: clerk.id, name: clerk.name, email: clerk.email, role: "clerk" as const, personId: null, organisationId: null },
    ipAddress: null,
    site: "http://localhost",
  };
  for (const [marker, minuteId] of [[EXEMPT, exemptMinute.id], [DRAFT, draftMinute.id]] as const) {
    const action = await createAction(clerkActor, {
      origin: { kind: "minute", id: minuteId },
      description: `Action ${marker}`,
      dueOn: "2099-01-01",
      owningOrganisationId: org.id,
      ownerId: null,
      priorityIds: [],
    });
    await completeAction(clerkActor, action.id, `Evidence ${marker}`, { name: `${marker}.pdf`, bytes: pdf(`evidence ${marker}`) });
    const [done] = await db().select().from(actions).where(eq(actions.id, action.id));
    const [file] = await db().select().from(documentFiles).where(eq(documentFiles.documentId, done.closureEvidenceDocumentId!));
    const [doc] = await db().select().from(documents).where(eq(documents.id, done.closureEvidenceDocumentId!));
    hiddenPaths.push(`/actions/${action.id}`, `/files/${file.id}`, `/documents/${doc.slug}`, `/api/v1/actions/${action.id}`, `/api/v1/documents/${doc.id}`);
  }
  // A whole draft meeting.
  const draftMeeting = await makeMeeting(body.id, { title: `Meeting ${DRAFT}`, agendaPublishedAt: null });
  await makeItem(draftMeeting.id, { title: `Item ${DRAFT}`, publishedAt: null });
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

function links(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/href="([^"]+)"/g)) {
    const href = match[1].replace(/&amp;/g, "&");
    if (!href.startsWith("/") || href.startsWith("//") || href.startsWith("/build/")) continue;
    out.push(href.split("#")[0]);
  }
  return out;
}

describe("the public never sees exempt or draft content", () => {
  it("in any page, feed, search result, API answer or file reachable from the site", async () => {
    const seeds = [
      "/",
      "/meetings",
      `/meetings/${meetingSlug}`,
      `/agenda-items/${publicItemId}`,
      `/agenda-items/${exemptItemId}`,
      "/documents",
      "/bodies",
      "/questions",
      "/priorities",
      "/inspections",
      // Searched in lower case: the page echoes the query, and the case-sensitive check looks for
      // the marker as stored (full-text search ignores case, so a leak would still be found).
      `/search?q=${EXEMPT.toLowerCase()}`,
      `/search?q=${DRAFT.toLowerCase()}`,
      "/search?q=Staffing",
      "/feeds/meetings.ics",
      "/feeds/publications.atom",
      "/feeds/publications.rss",
      "/feeds/answers.atom",
      "/api/v1/meetings",
      "/api/v1/agenda-items",
      "/api/v1/documents",
      "/api/v1/questions",
      "/api/v1/bodies",
      "/api/v1/people",
      "/actions",
      "/actions.csv",
      "/api/v1/actions",
      "/feeds",
      `/search?q=action`,
      `/search?q=evidence`,
      ...hiddenPaths,
    ];
    const seen = new Set<string>();
    const queue = [...seeds];
    const leaks: string[] = [];
    let files = 0;
    const LIMIT = 400;
    while (queue.length > 0 && seen.size < LIMIT) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      if (/^\/(sign-in|sign-out|forgot-password|account|admin|clerk)/.test(path)) continue;
      const response = await send(server, path);
      expect(response.status, `${path} answered ${response.status}`).toBeLessThan(500);
      const body = Buffer.from(await response.arrayBuffer()).toString("latin1");
      const headers = JSON.stringify([...response.headers.entries()]);
      for (const marker of [EXEMPT, DRAFT]) {
        if (body.includes(marker) || headers.includes(marker)) leaks.push(`${path} contains ${marker}`);
      }
      if (path.startsWith("/files/")) files += response.status === 200 ? 1 : 0;
      const type = response.headers.get("content-type") ?? "";
      if (response.status === 200 && /html|json|xml|calendar/.test(type)) {
        for (const link of links(body)) if (!seen.has(link)) queue.push(link);
        // JSON answers: follow their same-site URLs too.
        for (const m of body.matchAll(/"(\/(?:api|files|meetings|agenda-items|documents|actions)\/[^"\s]+)"/g)) if (!seen.has(m[1])) queue.push(m[1]);
      }
    }
    expect(leaks).toEqual([]);
    // The hidden actions, their evidence documents and files were asked for directly: each a 404.
    for (const path of hiddenPaths) expect((await send(server, path)).status, path).toBe(404);
    // The crawl reached the public item's file and the exempt item's public title.
    expect(files).toBeGreaterThanOrEqual(1);
    const meetingPage = await (await send(server, `/meetings/${meetingSlug}`)).text();
    expect(meetingPage).toContain("A staffing matter");
    expect(meetingPage).toContain("Information relating to any individual.");
  }, 300_000);
});

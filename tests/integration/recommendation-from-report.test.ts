/**
 * A board recommendation recorded from a review report (a document) rather than a minute
 * (issue 17, ADR 041): the clerk's form at /clerk/documents/:id/recommendations, the same
 * fields as from a minute plus the board and the day it agreed the report. The public sees the
 * recommendation where it sees the report: published, never while the report is a draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/db.server";
import { auditLog, documents, organisations, recommendations } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeDocument, makeItem, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer, pageHtml } from "../support/remix-app";

let server: TestServer;
let clerkCookie: string;
let memberCookie: string;
let trustId: string;
let bodyId: string;
let reportId: string;
let draftReportId: string;

const html = pageHtml;
const asClerk = (path: string, form?: Record<string, string> | [string, string][]) => send(server, path, { cookie: clerkCookie, form });

const fields = (over: Record<string, string> = {}): Record<string, string> => ({
  intent: "create",
  bodyId,
  agreedOn: "12/3/2026",
  reference: "RR/2026/01",
  text: "Commission an independent review of placement stability",
  addresseeOrganisationId: trustId,
  leadPersonId: "",
  receivedOn: "16/3/2026",
  reviewOn: "",
  ...over,
});

async function recByReference(reference: string) {
  const [r] = await db().select().from(recommendations).where(and(eq(recommendations.bodyId, bodyId), eq(recommendations.reference, reference)));
  return r;
}

beforeAll(async () => {
  server = await startTestServer();
  clerkCookie = await cookieFor((await makeUser("clerk")).id);
  memberCookie = await cookieFor((await makeUser("member")).id);
  await makeUser("officer");
  const [trust] = await db().select().from(organisations).where(eq(organisations.slug, "test-trust"));
  trustId = trust.id;
  const board = await makeBody({ name: "Review Report Board" });
  bodyId = board.id;
  const m = await makeMeeting(board.id, { status: "held", startsAt: new Date("2026-03-12T18:00:00Z") });
  const item = await makeItem(m.id, { title: "Placement stability review" });
  reportId = (await makeDocument({ title: "Placement stability: the board's review", documentDate: "2026-03-02" }, item.id)).id;
  draftReportId = (await makeDocument({ title: "A review still in draft", publishedAt: null }, item.id)).id;
});

afterAll(async () => {
  await server?.close();
});

describe("recording a recommendation from a review report", () => {
  it("is linked from the clerk's document page and offers the report's board, its date and the next reference", async () => {
    expect(await html(await asClerk(`/clerk/documents/${reportId}`))).toContain(`/clerk/documents/${reportId}/recommendations`);
    const res = await asClerk(`/clerk/documents/${reportId}/recommendations`);
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain("Recommendations: Placement stability: the board's review");
    expect(page).toMatch(new RegExp(`<option value="${bodyId}" selected`));
    expect(page).toContain('name="agreedOn-day"');
    expect(page).toContain('value="RRB/2026/01"');
  });

  it("records it in the report, the due day computed from receipt, audited, and lists it", async () => {
    const res = await asClerk(`/clerk/documents/${reportId}/recommendations`, fields());
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain(`/clerk/documents/${reportId}/recommendations?done=recorded`);
    const rec = await recByReference("RR/2026/01");
    expect(rec.source).toBe("board");
    expect(rec.agreedInDocumentId).toBe(reportId);
    expect(rec.agreedAtMinuteId).toBeNull();
    expect(rec.agreedOn).toBe("2026-03-12");
    expect(rec.responseDueOn).toBe("2026-05-15");
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, rec.id), eq(auditLog.action, "create"))).orderBy(auditLog.id)).toHaveLength(1);
    const page = await html(await asClerk(`/clerk/documents/${reportId}/recommendations`));
    expect(page).toContain(`/clerk/recommendations/${rec.id}`);
    expect(page).toContain('value="RR/2026/02"');
    const edit = await html(await asClerk(`/clerk/recommendations/${rec.id}`));
    expect(edit).toContain(`href="/clerk/documents/${reportId}/recommendations"`);
  });

  it("refuses a missing day, a receipt before it and a forged board beside the field, keeping what was typed", async () => {
    const noDay = await asClerk(`/clerk/documents/${reportId}/recommendations`, fields({ reference: "RR/2026/07", agreedOn: "", text: "Typed text kept 7q" }));
    expect(noDay.status).toBe(400);
    const page = await html(noDay);
    expect(page).toMatch(/<title>Error: /);
    expect(page).toContain("Date the board agreed the report");
    expect(page).toContain("Typed text kept 7q");
    expect(page).toContain('value="RR/2026/07"');
    const early = await asClerk(`/clerk/documents/${reportId}/recommendations`, fields({ reference: "RR/2026/07", receivedOn: "1/3/2026" }));
    expect(early.status).toBe(400);
    expect(await html(early)).toContain("The date it was received must be on or after the day the board agreed it");
    const forged = await asClerk(`/clerk/documents/${reportId}/recommendations`, fields({ reference: "RR/2026/07", bodyId: "00000000-0000-4000-8000-000000000000" }));
    expect(forged.status).toBe(400);
    expect(await html(forged)).toContain("Select the board that agreed the report");
    expect(await recByReference("RR/2026/07")).toBeUndefined();
  });

  it("is seen by the public where the report is: published, never while the report is a draft", async () => {
    const published = await recByReference("RR/2026/01");
    const trail = await send(server, `/recommendations/${published.id}`);
    expect(trail.status).toBe(200);
    expect(await html(trail)).toContain("Placement stability: the board's review");
    expect(await html(await send(server, "/recommendations?source=board"))).toContain("RR/2026/01");

    const res = await asClerk(`/clerk/documents/${draftReportId}/recommendations`, fields({ reference: "RR/2026/03", text: "Draft report recommendation 3x" }));
    expect(res.status).toBe(303);
    const draft = await recByReference("RR/2026/03");
    expect((await send(server, `/recommendations/${draft.id}`)).status).toBe(404);
    expect(await html(await send(server, "/recommendations?source=board"))).not.toContain("RR/2026/03");
    expect(await (await send(server, "/recommendations.csv")).text()).not.toContain("Draft report recommendation 3x");

    await db().update(documents).set({ publishedAt: new Date("2026-03-20T09:00:00Z") }).where(eq(documents.id, draftReportId));
    expect((await send(server, `/recommendations/${draft.id}`)).status).toBe(200);
  });

  it("is for clerks only", async () => {
    expect((await send(server, `/clerk/documents/${reportId}/recommendations`, { cookie: memberCookie })).status).toBe(403);
    expect((await send(server, `/clerk/documents/${reportId}/recommendations`)).status).not.toBe(200);
  });
});

/**
 * Issue #22, items 3, 7 (but `Origin: null`), 8 and 13, through the real app:
 * - a replaced (superseded) file is a 404 for everyone but clerks;
 * - malformed input (year 0, an id that is not a UUID, an intent that is an
 *   Object.prototype name, a remove without its item) is a 400/404 or a message
 *   beside the field, never a 500;
 * - an action's origin is labelled with the title the viewer may see (an exempt
 *   item's public title for the Trust's officer);
 * - "add an action from" answers 404 where the viewer may not see the record.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actions, documentFiles, inspections, people, recommendations } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeDocument, makeItem, makeMeeting, makeMinute, makeOrganisation, makeQuestion } from "../support/factories";
import { fullPath, routeManifest, send, startTestServer, type TestServer } from "../support/remix-app";

const SECRET_TITLE = "Dismissal of the head of placements EXEMPTTITLE5517";
const PUBLIC_TITLE = "A staffing matter 5517";
const DASHES = "-".repeat(36);

let server: TestServer;
let cookies: Record<"member" | "officer" | "otherOfficer" | "clerk" | "admin", string>;
let trustId: string;
let meetingId: string;
let publishedItemId: string;
let documentId: string;
let questionId: string;
let actionId: string;
let publishedMinuteId: string;
let exemptMinuteId: string;
let draftMinuteId: string;
let exemptActionId: string;
let exemptItemId: string;
let recommendationId: string;

beforeAll(async () => {
  server = await startTestServer();
  const member = await makeUser("member");
  const officer = await makeUser("officer", { name: "Trust Officer" });
  const otherOfficer = await makeUser("officer", { name: "Other Officer" });
  const clerk = await makeUser("clerk");
  const admin = await makeUser("admin");
  trustId = officer.organisationId!;
  cookies = {
    member: await cookieFor(member.id),
    officer: await cookieFor(officer.id),
    otherOfficer: await cookieFor(otherOfficer.id),
    clerk: await cookieFor(clerk.id),
    admin: await cookieFor(admin.id),
  };
  const council = await makeOrganisation({ name: "Records Council", kind: "council" });
  const councilLead = (await db().insert(people).values({ slug: "records-council-lead", name: "Council Lead", organisationId: council.id }).returning())[0];
  const body = await makeBody({ name: "Records Board" });
  const held = await makeMeeting(body.id, { title: "Records meeting", minutesPublishedAt: new Date("2026-01-20T09:00:00Z") });
  meetingId = held.id;
  const item = await makeItem(held.id, { title: "Placements" });
  publishedItemId = item.id;
  publishedMinuteId = (await makeMinute(item.id, "The board discussed placements.")).id;
  // An exempt item led by the council: the Trust's officer sees only its public title.
  const exempt = await makeItem(held.id, {
    position: 2,
    title: SECRET_TITLE,
    isExempt: true,
    exemptParagraph: 1,
    publicTitle: PUBLIC_TITLE,
    leadOfficerId: councilLead.id,
  });
  exemptItemId = exempt.id;
  exemptMinuteId = (await makeMinute(exempt.id, "Exempt discussion.")).id;
  const [exemptAction] = await db()
    .insert(actions)
    .values({ description: "Review the placements rota 5517", minuteId: exemptMinuteId, owningOrganisationId: trustId, dueOn: "2099-06-30" })
    .returning();
  exemptActionId = exemptAction.id;
  const pending = await makeMeeting(body.id, { title: "Unminuted meeting", minutesPublishedAt: null });
  draftMinuteId = (await makeMinute((await makeItem(pending.id, { title: "Front door" })).id, "Draft minute.")).id;
  documentId = (await makeDocument({ title: "Placements report" }, item.id)).id;
  questionId = (await makeQuestion(item.id, trustId, { text: "How many placements are vacant?" })).id;
  actionId = (await db().insert(actions).values({ description: "Count vacancies", questionId, owningOrganisationId: trustId, dueOn: "2099-06-30" }).returning())[0].id;
  const [inspection] = await db().insert(inspections).values({ slug: "records-inspection", title: "Records visit", kind: "focused_visit", organisationId: council.id }).returning();
  recommendationId = (await db().insert(recommendations).values({ inspectionId: inspection.id, reference: "R1", text: "Keep better records." }).returning())[0].id;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const get = (path: string, cookie: string | null = null) => send(server, path, { cookie });
const post = (path: string, cookie: string | null, form: Record<string, string>) => send(server, path, { cookie, form });

function uploadFile(cookie: string, docId: string, name: string, text: string) {
  const form = new FormData();
  form.set("intent", "file");
  form.set("file", new File([new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`) as BlobPart], name, { type: "application/pdf" }));
  return fetch(`${server.origin}/clerk/documents/${docId}`, { method: "POST", body: form, headers: { cookie, origin: server.origin }, redirect: "manual" });
}

describe("item 3: a replaced file is withdrawn", () => {
  it("answers 404 for the superseded file to everyone but clerks, who see it marked superseded", async () => {
    expect((await uploadFile(cookies.clerk, documentId, "original.pdf", "UNREDACTED 5517")).status).toBe(303);
    const [original] = await db().select().from(documentFiles).where(eq(documentFiles.documentId, documentId));
    expect((await get(`/files/${original.id}`)).status).toBe(200);
    expect((await uploadFile(cookies.clerk, documentId, "redacted.pdf", "REDACTED 5517")).status).toBe(303);
    const files = await db().select().from(documentFiles).where(eq(documentFiles.documentId, documentId));
    const current = files.find((f) => f.supersededAt === null)!;
    expect(current.id).not.toBe(original.id);
    for (const who of [null, cookies.member, cookies.officer]) {
      const res = await get(`/files/${original.id}`, who);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("UNREDACTED");
      expect((await get(`/files/${current.id}`, who)).status).toBe(200);
    }
    const clerkCopy = await get(`/files/${original.id}`, cookies.clerk);
    expect(clerkCopy.status).toBe(200);
    expect(await clerkCopy.text()).toContain("UNREDACTED");
    const history = await (await get(`/clerk/documents/${documentId}`, cookies.clerk)).text();
    expect(history).toMatch(/original\.pdf<\/a>[^\n]{0,120}?: superseded/);
    // The public document page links the current file only.
    const api = await (await get(`/api/v1/documents/${documentId}`)).text();
    expect(api).not.toContain(original.id);
  });
});

describe("item 7: malformed input is a 400/404 or a message beside the field", () => {
  it("refuses year 0 (and years out of range) with a message beside the date field", async () => {
    const search = await get("/search?q=trust&to=0000-01-01");
    expect(search.status).toBeLessThan(500);
    expect(await search.text()).toContain("To must be a real date");
    const from = await get("/search?q=trust&from=9999-01-01");
    expect(await from.text()).toContain("From must be a real date");
    const tracking = await get("/reports/tracking?from=0000-01-01&to=0000-01-02");
    expect(tracking.status).toBeLessThan(500);
    expect(await tracking.text()).toContain("The first day must be a real date");
    expect((await get("/reports/tracking.csv?from=0000-01-01&to=0000-01-02")).status).toBe(400);
    const actionsList = await get("/actions?from=0000-01-01", cookies.clerk);
    expect(actionsList.status).toBe(200);
  });

  it("answers the API's since/until with year 0 (or 9999) with a 400 problem", async () => {
    for (const list of ["meetings", "documents", "actions", "questions", "inspections"]) {
      for (const [param, day] of [["since", "0000-01-01"], ["until", "0000-01-02"], ["since", "9999-01-01"]]) {
        const res = await get(`/api/v1/${list}?${param}=${day}`);
        expect(res.status, `${list} ${param}=${day}`).toBe(400);
        expect((await res.json()).error.message).toContain(`${param} must be a real date`);
      }
    }
  });

  it("answers an id that is not a UUID (36 dashes) with a 404 on every :id route", async () => {
    expect((await get(`/files/${DASHES}`)).status).toBe(404);
    const all = await routeManifest();
    const paths = all.map((r) => fullPath(r, all)).filter((p) => p.includes(":id"));
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) {
      const url = p.replace(":type", "document").replace(/:id/g, DASHES);
      const res = await get(url, cookies.admin);
      expect(res.status, `GET ${url}`).toBe(404);
    }
  });

  it("answers an intent named like an Object.prototype member with a message", async () => {
    for (const intent of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      for (const path of [`/questions/${questionId}`, `/actions/${actionId}`]) {
        const res = await post(path, cookies.clerk, { intent });
        expect(res.status, `${intent} on ${path}`).toBe(400);
        expect(await res.text()).toContain("Choose what to do");
      }
    }
    // ?done= with such a name is no banner either.
    expect((await get(`/actions/${actionId}?done=constructor`)).status).toBe(200);
  });

  it("answers a clerk's remove, move or reorder without an itemId with a message", async () => {
    const forms: Record<string, string>[] = [{ intent: "remove" }, { intent: "move-up" }, { intent: "reorder", position: "1" }, { intent: "remove", itemId: DASHES }];
    for (const form of forms) {
      const res = await post(`/clerk/meetings/${meetingId}`, cookies.clerk, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(await res.text()).toContain("Choose the agenda item");
    }
    const attendance = await post(`/clerk/meetings/${meetingId}/attendance`, cookies.clerk, { intent: "remove", attendanceId: DASHES });
    expect(attendance.status).toBe(400);
  });
});

describe("item 8: an action's origin is labelled with the title the viewer may see", () => {
  it("shows the Trust's officer an exempt item's public title, never its title, on every surface", async () => {
    const surfaces = [`/actions/${exemptActionId}`, "/actions", "/actions.csv", "/officer/queue", "/reports/tracking?from=2000-01-01&to=2099-12-31", "/reports/tracking.csv?from=2000-01-01&to=2099-12-31"];
    for (const path of surfaces) {
      const res = await get(path, cookies.officer);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).toContain("Review the placements rota 5517");
      expect(text, path).not.toContain("EXEMPTTITLE5517");
      if (path !== "/officer/queue") expect(text, path).toContain(PUBLIC_TITLE);
    }
    // The item's own page shows the officer the same public title.
    const item = await (await get(`/agenda-items/${exemptItemId}`, cookies.officer)).text();
    expect(item).toContain(PUBLIC_TITLE);
    expect(item).not.toContain("EXEMPTTITLE5517");
    // A member (who may read exempt content) and a clerk still see the real title.
    for (const who of [cookies.member, cookies.clerk]) {
      expect(await (await get(`/actions/${exemptActionId}`, who)).text()).toContain("EXEMPTTITLE5517");
      expect(await (await get("/actions.csv", who)).text()).toContain("EXEMPTTITLE5517");
    }
  });
});

describe("item 13: adding an action from a record the viewer may not see is a 404", () => {
  it("answers 404, not 403, for a draft or exempt minute, as for an unknown one", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const who of [cookies.officer, cookies.otherOfficer]) {
      expect((await get(`/actions/new?minute=${unknown}`, who)).status).toBe(404);
      expect((await get(`/actions/new?minute=${draftMinuteId}`, who)).status).toBe(404);
      expect((await get(`/actions/new?minute=${exemptMinuteId}`, who)).status).toBe(404);
      expect((await send(server, `/actions/new?minute=${exemptMinuteId}`, { cookie: who, form: { description: "x" } })).status).toBe(404);
      // A minute they may read: the refusal says why.
      expect((await get(`/actions/new?minute=${publishedMinuteId}`, who)).status).toBe(403);
    }
    expect((await get(`/actions/new?minute=${draftMinuteId}`, cookies.member)).status).toBe(404);
    expect((await get(`/actions/new?minute=${exemptMinuteId}`, cookies.member)).status).toBe(403);
    expect((await get(`/actions/new?minute=${draftMinuteId}`, cookies.clerk)).status).toBe(200);
    expect((await get(`/actions/new?minute=${exemptMinuteId}`, cookies.clerk)).status).toBe(200);
    // Recommendations are public: another organisation's officer is told why.
    expect((await get(`/actions/new?recommendation=${recommendationId}`, cookies.officer)).status).toBe(403);
    expect((await get(`/actions/new?recommendation=${unknown}`, cookies.officer)).status).toBe(404);
    // Raising a question on an item the viewer may not see is a 404 as well.
    expect((await get(`/questions/new?item=${unknown}`, cookies.member)).status).toBe(404);
    expect((await get(`/questions/new?item=${publishedItemId}`, cookies.member)).status).toBe(200);
  });
});

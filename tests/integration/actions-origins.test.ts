/**
 * Actions from a minute or a recommendation, over HTTP through the real app
 * (docs/decisions/009-action-origins-and-evidence.md): who may add one, what is
 * refused (a message beside the field, nothing stored, what was typed kept),
 * completion only with evidence (text and/or a document), and where an action
 * and its evidence file are seen: an action from an unpublished or exempt minute
 * stays out of every public path until the minute is public; the officers of the
 * owning organisation see it all along.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { removeLink } from "~/models/oversight";
import { isoDay } from "~/rules/dates.server";
import {
  actionPriorities,
  actions,
  auditLog,
  documentFiles,
  documents,
  inspections,
  meetings,
  people,
  priorities,
  recommendations,
  users,
} from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const HIDDEN = "UNPUBLISHEDMINUTEACTION3391";
const FUTURE = "2099-06-30";

let server: TestServer;
let cookies: Record<"member" | "officer" | "otherOfficer" | "clerk", string>;
let trustId: string;
let otherOrgId: string;
let trustPersonId: string;
let otherPersonId: string;
let priorityId: string;
let publishedMinuteId: string;
let unpublishedMinuteId: string;
let unpublishedMeetingId: string;
let exemptMinuteId: string;
let trustRecommendationId: string;
let otherRecommendationId: string;
let unpublishedItemId: string;
let heldItemId: string;

beforeAll(async () => {
  server = await startTestServer();
  const member = await makeUser("member");
  const officer = await makeUser("officer", { name: "Trust Officer" });
  const otherOfficer = await makeUser("officer");
  const clerk = await makeUser("clerk");
  trustId = officer.organisationId!;
  const other = await makeOrganisation({ name: "Elsewhere Council", kind: "council" });
  otherOrgId = other.id;
  await db().update(people).set({ organisationId: otherOrgId }).where(eq(people.id, otherOfficer.personId!));
  await db().update(users).set({ organisationId: otherOrgId }).where(eq(users.id, otherOfficer.id));
  trustPersonId = officer.personId!;
  otherPersonId = otherOfficer.personId!;
  await db().update(people).set({ organisationId: trustId }).where(eq(people.id, trustPersonId));
  cookies = {
    member: await cookieFor(member.id),
    officer: await cookieFor(officer.id),
    otherOfficer: await cookieFor(otherOfficer.id),
    clerk: await cookieFor(clerk.id),
  };
  const [p] = await db().insert(priorities).values({ slug: "practice-test", title: "Practice" }).returning();
  priorityId = p.id;
  const body = await makeBody({ name: "Origins Board" });
  const held = await makeMeeting(body.id, { title: "Published meeting", minutesPublishedAt: new Date("2026-01-20T09:00:00Z") });
  const heldItem = await makeItem(held.id, { title: "Care leavers" });
  heldItemId = heldItem.id;
  publishedMinuteId = (await makeMinute(heldItem.id, "The board discussed care leavers.")).id;
  const exemptItem = await makeItem(held.id, { position: 2, title: "Staffing", isExempt: true, exemptParagraph: 1, publicTitle: "A staffing matter" });
  exemptMinuteId = (await makeMinute(exemptItem.id, "Exempt discussion.")).id;
  const pending = await makeMeeting(body.id, { title: "Minutes not yet published", minutesPublishedAt: null });
  unpublishedMeetingId = pending.id;
  const pendingItem = await makeItem(pending.id, { title: "Front door" });
  unpublishedItemId = pendingItem.id;
  unpublishedMinuteId = (await makeMinute(pendingItem.id, "The board discussed the front door.")).id;
  const [ofsted] = await db().insert(inspections).values({ slug: "ofsted-test", title: "Ofsted focused visit", kind: "focused_visit", organisationId: trustId }).returning();
  const [elsewhere] = await db().insert(inspections).values({ slug: "ofsted-elsewhere", title: "Elsewhere inspection", kind: "full_inspection", organisationId: otherOrgId }).returning();
  trustRecommendationId = (await db().insert(recommendations).values({ inspectionId: ofsted.id, reference: "R1", text: "Improve the timeliness of assessments." }).returning())[0].id;
  otherRecommendationId = (await db().insert(recommendations).values({ inspectionId: elsewhere.id, reference: "R1", text: "Elsewhere should improve." }).returning())[0].id;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const get = (path: string, cookie: string | null = null) => send(server, path, { cookie });
const post = (path: string, cookie: string | null, form: Record<string, string> | [string, string][]) => send(server, path, { cookie, form });

/** A multipart post, as a browser sends a form with a file field. */
function postMultipart(path: string, cookie: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("evidenceFile", file ? new File([file.bytes as BlobPart], file.name, { type: file.type ?? "application/pdf" }) : new File([], "", { type: "application/octet-stream" }));
  return fetch(`${server.origin}${path}`, { method: "POST", body: form, headers: { cookie, origin: server.origin }, redirect: "manual" });
}

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

function newAction(over: Record<string, string> = {}): [string, string][] {
  return Object.entries({ description: "Report the timeliness of assessments to the board", owningOrganisationId: trustId, ownerId: trustPersonId, dueOn: "30/6/2099", ...over });
}

async function create(origin: string, cookie: string, form: [string, string][]) {
  const res = await post(`/actions/new?${origin}`, cookie, form);
  expect(res.status, await res.clone().text()).toBe(303);
  return /\/actions\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "")![1];
}

const actionCount = async () => (await db().select({ id: actions.id }).from(actions)).length;

describe("adding an action from a minute", () => {
  it("lets a clerk add one with owner, due date and priorities; the action page and register say where it came from", async () => {
    const id = await create(`minute=${publishedMinuteId}`, cookies.clerk, [...newAction(), ["priorityIds", priorityId]]);
    const [a] = await db().select().from(actions).where(eq(actions.id, id));
    expect(a).toMatchObject({ minuteId: publishedMinuteId, questionId: null, recommendationId: null, owningOrganisationId: trustId, ownerId: trustPersonId, dueOn: FUTURE });
    expect(await db().select().from(actionPriorities).where(eq(actionPriorities.actionId, id))).toHaveLength(1);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "action"), eq(auditLog.entityId, id))).orderBy(auditLog.id);
    expect(audit.map((x) => x.action)).toContain("create");
    // The public sees it (the minutes are published), with its origin.
    const page = await (await get(`/actions/${id}`)).text();
    expect(page).toContain("From the minute of");
    expect(page).toContain("Care leavers");
    expect(page).toContain("Published meeting");
    const register = await (await get("/actions")).text();
    expect(register).toContain("Minute: Care leavers (Published meeting)");
    const csv = await (await get("/actions.csv")).text();
    expect(csv).toContain("Minute: Care leavers (Published meeting)");
    const api = await (await get(`/api/v1/actions/${id}`)).json();
    expect(api.data).toMatchObject({ origin: "minute", minute_id: publishedMinuteId, question_id: null, recommendation_id: null });
  });

  it("offers the link on the clerk's minute page", async () => {
    const page = await (await get(`/clerk/items/${unpublishedItemId}/minute`, cookies.clerk)).text();
    expect(page).toContain(`/actions/new?minute=${unpublishedMinuteId}`);
  });

  it("refuses members and officers (403), the public must sign in, and an unknown minute is a 404", async () => {
    expect((await get(`/actions/new?minute=${publishedMinuteId}`, cookies.member)).status).toBe(403);
    expect((await get(`/actions/new?minute=${publishedMinuteId}`, cookies.officer)).status).toBe(403);
    expect((await post(`/actions/new?minute=${publishedMinuteId}`, cookies.officer, newAction())).status).toBe(403);
    const anon = await get(`/actions/new?minute=${publishedMinuteId}`);
    expect([302, 303]).toContain(anon.status);
    expect(anon.headers.get("location")).toContain("/sign-in");
    expect((await get(`/actions/new?minute=${crypto.randomUUID()}`, cookies.clerk)).status).toBe(404);
    expect((await get("/actions/new?minute=not-an-id", cookies.clerk)).status).toBe(404);
    expect((await post(`/actions/new?minute=${crypto.randomUUID()}`, cookies.clerk, newAction())).status).toBe(404);
    expect((await get("/actions/new", cookies.clerk)).status).toBe(404);
  });

  it.each([
    ["an empty description", { description: "  " }, "description", "Describe the action"],
    ["a due date before today", { dueOn: "1/1/2020" }, "dueOn", "The due date must be today or later"],
    ["a due date that is not a date", { dueOn: "31/2/2099" }, "dueOn", ""],
    ["an owner from another organisation", { ownerId: "OTHER" }, "ownerId", "The owner must work for the owning organisation"],
    ["an unknown organisation", { owningOrganisationId: "00000000-0000-4000-8000-000000000000" }, "owningOrganisationId", "Select the owning organisation from the list"],
  ])("refuses %s with a message beside the field, stores nothing, keeps what was typed", async (_name, over, field, message) => {
    const before = await actionCount();
    const fields = { ...over } as Record<string, string>;
    if (fields.ownerId === "OTHER") fields.ownerId = otherPersonId;
    const res = await post(`/actions/new?minute=${publishedMinuteId}`, cookies.clerk, newAction({ description: "Kept text 7731", ...fields }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`id="${field}-error"`);
    if (message) expect(html).toContain(message);
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toContain("<title>Error: ");
    if (!("description" in over)) expect(html).toContain("Kept text 7731");
    expect(await actionCount()).toBe(before);
  });
});

describe("adding an action from a recommendation", () => {
  it("lets the inspected organisation's officer add one for their own organisation, not another's", async () => {
    const page = await (await get(`/recommendations/${trustRecommendationId}`, cookies.officer)).text();
    expect(page).toContain(`/actions/new?recommendation=${trustRecommendationId}`);
    expect((await get(`/actions/new?recommendation=${trustRecommendationId}`, cookies.officer)).status).toBe(200);
    const refused = await post(`/actions/new?recommendation=${trustRecommendationId}`, cookies.officer, newAction({ owningOrganisationId: otherOrgId, ownerId: otherPersonId }));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("You can add actions only for your own organisation");
    const id = await create(`recommendation=${trustRecommendationId}`, cookies.officer, newAction());
    const [a] = await db().select().from(actions).where(eq(actions.id, id));
    expect(a).toMatchObject({ recommendationId: trustRecommendationId, minuteId: null, questionId: null, owningOrganisationId: trustId });
    // Public at once, like the recommendation, and listed on its page.
    expect((await get(`/actions/${id}`)).status).toBe(200);
    expect(await (await get(`/recommendations/${trustRecommendationId}`)).text()).toContain(`/actions/${id}`);
  });

  it("keeps the recommendation it came from: that link cannot be removed", async () => {
    const id = await create(`recommendation=${trustRecommendationId}`, cookies.clerk, newAction({ description: "Keeps its origin" }));
    const clerkViewer = { kind: "user" as const, userId: crypto.randomUUID(), name: "Clerk", email: "c@example.org", role: "clerk" as const, personId: null, organisationId: null };
    await expect(
      db().transaction((tx) =>
        removeLink(tx, clerkViewer, { userId: clerkViewer.userId }, { source: { type: "action", id }, target: { type: "recommendation", id: trustRecommendationId } }),
      ),
    ).rejects.toThrow(/created from this recommendation/);
    const [a] = await db().select().from(actions).where(eq(actions.id, id));
    expect(a.recommendationId).toBe(trustRecommendationId);
  });

  it("refuses an officer of another organisation and a member; the public sees no link", async () => {
    expect((await get(`/actions/new?recommendation=${trustRecommendationId}`, cookies.otherOfficer)).status).toBe(403);
    expect((await get(`/actions/new?recommendation=${otherRecommendationId}`, cookies.officer)).status).toBe(403);
    expect((await get(`/actions/new?recommendation=${trustRecommendationId}`, cookies.member)).status).toBe(403);
    expect(await (await get(`/recommendations/${trustRecommendationId}`, cookies.member)).text()).not.toContain("/actions/new?");
    expect(await (await get(`/recommendations/${trustRecommendationId}`)).text()).not.toContain("/actions/new?");
    expect(await (await get(`/recommendations/${trustRecommendationId}`, cookies.clerk)).text()).toContain("/actions/new?");
    expect((await get(`/actions/new?recommendation=${crypto.randomUUID()}`, cookies.officer)).status).toBe(404);
  });
});

describe("an action from a minute whose minutes are not yet published", () => {
  let id: string;
  let fileId: string;

  beforeAll(async () => {
    id = await create(`minute=${unpublishedMinuteId}`, cookies.clerk, newAction({ description: `Review the front door ${HIDDEN}` }));
  });

  it("is not public in the register, CSV, API, search or its page; the owning organisation's officer sees it", async () => {
    expect((await get(`/actions/${id}`)).status).toBe(404);
    expect(await (await get("/actions")).text()).not.toContain(HIDDEN);
    expect(await (await get("/actions.csv")).text()).not.toContain(HIDDEN);
    expect(await (await get("/api/v1/actions?per_page=200")).text()).not.toContain(HIDDEN);
    expect((await get(`/api/v1/actions/${id}`)).status).toBe(404);
    expect(await (await get(`/search?q=${HIDDEN.toLowerCase()}`)).text()).not.toContain(HIDDEN);
    expect(await (await get(`/search?q=${HIDDEN.toLowerCase()}`, cookies.member)).text()).not.toContain(HIDDEN);
    expect((await get(`/actions/${id}`, cookies.otherOfficer)).status).toBe(404);
    // The officers of the owning organisation see it, on its page and in their queue.
    expect((await get(`/actions/${id}`, cookies.officer)).status).toBe(200);
    expect(await (await get("/officer/queue", cookies.officer)).text()).toContain(HIDDEN);
    expect(await (await get(`/search?q=${HIDDEN.toLowerCase()}`, cookies.officer)).text()).toContain(HIDDEN);
  });

  it("cannot be completed without evidence: text or a document; nothing is stored", async () => {
    const res = await postMultipart(`/actions/${id}`, cookies.officer, { intent: "complete", closureEvidence: "  " });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="closureEvidence-error"');
    expect(html).toContain("Enter the closure evidence or upload a document");
    const [a] = await db().select().from(actions).where(eq(actions.id, id));
    expect(a.completedAt).toBeNull();
  });

  it("refuses a file that lies about its type, or one over 20 MB, beside the field, keeping the text; nothing stored", async () => {
    const docs = (await db().select({ id: documents.id }).from(documents)).length;
    const lying = await postMultipart(`/actions/${id}`, cookies.officer, { intent: "complete", closureEvidence: "Typed evidence 5512" }, { name: "evidence.pdf", bytes: new TextEncoder().encode("<html>not a pdf</html>") });
    expect(lying.status).toBe(400);
    const html = await lying.text();
    expect(html).toContain('id="evidenceFile-error"');
    expect(html).toContain("its content does not match");
    expect(html).toContain("Typed evidence 5512");
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(pdf("big"));
    const tooBig = await postMultipart(`/actions/${id}`, cookies.officer, { intent: "complete", closureEvidence: "Typed evidence 5513" }, { name: "big.pdf", bytes: big });
    expect(tooBig.status).toBe(400);
    const bigHtml = await tooBig.text();
    expect(bigHtml).toContain("The selected file must be smaller than 20 MB");
    expect(bigHtml).toContain("Typed evidence 5513");
    expect((await db().select({ id: documents.id }).from(documents)).length).toBe(docs);
    const [a] = await db().select().from(actions).where(eq(actions.id, id));
    expect(a.completedAt).toBeNull();
  });

  it("is completed by the owning officer with a document; the file is seen only where the action is", async () => {
    const res = await postMultipart(`/actions/${id}`, cookies.officer, { intent: "complete", closureEvidence: "" }, { name: "front-door-review.pdf", bytes: pdf(`evidence ${HIDDEN}`) });
    expect(res.status).toBe(303);
    const [a] = await db().select().from(actions).where(eq(actions.id, id));
    expect(a.completedAt).not.toBeNull();
    expect(a.closureEvidenceDocumentId).not.toBeNull();
    const [file] = await db().select().from(documentFiles).where(eq(documentFiles.documentId, a.closureEvidenceDocumentId!));
    fileId = file.id;
    const page = await (await get(`/actions/${id}`, cookies.officer)).text();
    expect(page).toContain(`/files/${fileId}`);
    expect(page).toContain("front-door-review.pdf");
    expect((await get(`/files/${fileId}`, cookies.officer)).status).toBe(200);
    expect((await get(`/files/${fileId}`, cookies.clerk)).status).toBe(200);
    // Not the public, not another organisation's officer, not a member: the minutes are not published.
    expect((await get(`/files/${fileId}`)).status).toBe(404);
    expect((await get(`/files/${fileId}`, cookies.otherOfficer)).status).toBe(404);
    expect((await get(`/files/${fileId}`, cookies.member)).status).toBe(404);
    const [doc] = await db().select().from(documents).where(eq(documents.id, a.closureEvidenceDocumentId!));
    expect((await get(`/documents/${doc.slug}`)).status).toBe(404);
    expect(await (await get("/documents")).text()).not.toContain(doc.title);
    expect(await (await get("/api/v1/documents?per_page=200")).text()).not.toContain(doc.id);
    expect(await (await get("/feeds/publications.atom")).text()).not.toContain(doc.slug);
  });

  it("becomes public, with its evidence file, once the minutes are published", async () => {
    await db().update(meetings).set({ minutesPublishedAt: new Date() }).where(eq(meetings.id, unpublishedMeetingId));
    expect((await get(`/actions/${id}`)).status).toBe(200);
    expect(await (await get("/actions")).text()).toContain(HIDDEN);
    expect((await get(`/files/${fileId}`)).status).toBe(200);
    const api = await (await get(`/api/v1/actions/${id}`)).json();
    expect(api.data.closure_evidence_file_url).toContain(`/files/${fileId}`);
    expect(api.data.status).toBe("completed");
    await db().update(meetings).set({ minutesPublishedAt: null }).where(eq(meetings.id, unpublishedMeetingId));
  });
});

describe("an action from an exempt minute", () => {
  it("is never public, though the meeting's minutes are published; members and clerks see it", async () => {
    const marker = "EXEMPTMINUTEACTION8820";
    const id = await create(`minute=${exemptMinuteId}`, cookies.clerk, newAction({ description: `Staffing follow-up ${marker}` }));
    expect((await get(`/actions/${id}`)).status).toBe(404);
    expect(await (await get("/actions")).text()).not.toContain(marker);
    expect(await (await get("/api/v1/actions?per_page=200")).text()).not.toContain(marker);
    expect(await (await get(`/search?q=${marker.toLowerCase()}`)).text()).not.toContain(marker);
    expect((await get(`/actions/${id}`, cookies.member)).status).toBe(200);
    expect((await get(`/actions/${id}`, cookies.clerk)).status).toBe(200);
  });
});

describe("completing with text only", () => {
  it("still works, and the evidence shows on the public page", async () => {
    const id = await create(`minute=${publishedMinuteId}`, cookies.clerk, newAction({ description: "Text evidence action" }));
    const res = await post(`/actions/${id}`, cookies.officer, { intent: "complete", closureEvidence: "Reported to the board on 1 March." });
    expect(res.status).toBe(303);
    const page = await (await get(`/actions/${id}`)).text();
    expect(page).toContain("Reported to the board on 1 March.");
    const [a] = await db().select().from(actions).where(eq(actions.id, id));
    expect(a.closureEvidenceDocumentId).toBeNull();
    expect(isoDay(a.completedAt!)).toBe(isoDay(new Date()));
  });
});

describe("an action on a question, completed with a document only", () => {
  it("shows the evidence file on the question's public timeline", async () => {
    const q = await makeQuestion(heldItemId, trustId, { text: "Are care leavers housed well?" });
    const [a] = await db().insert(actions).values({ description: "Survey care leavers' housing", questionId: q.id, owningOrganisationId: trustId, dueOn: FUTURE }).returning();
    const res = await postMultipart(`/actions/${a.id}`, cookies.officer, { intent: "complete", closureEvidence: "" }, { name: "housing-survey.pdf", bytes: pdf("housing survey") });
    expect(res.status).toBe(303);
    const page = await (await get(`/questions/${q.id}`)).text();
    expect(page).toContain("Evidence document: housing-survey.pdf");
    expect(page).toMatch(/href="\/files\/[0-9a-f-]{36}"/);
  });
});

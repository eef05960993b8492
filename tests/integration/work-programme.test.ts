/**
 * The work programme (issue 17 item 6; docs/decisions/043-work-programme.md): a member
 * proposes a topic, seen only by members and clerks (a marker string is looked for on the
 * public pages, the API and search); a clerk accepts it for a meeting of the same body not yet
 * held, defers or drops it only with a reason, and adds it to an agenda, when the item's page
 * links to it and its status follows the meeting. Bad input gets a message beside the field
 * and what was typed back, never a 500; every write is in the audit log.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  getTopic,
  linkTopicToAgendaItem,
  listWorkProgramme,
  planTopic,
  priorityCoverage,
  proposeTopic,
  setTopicAside,
  WorkProgrammeError,
  type TopicInput,
} from "~/models/oversight";
import { search } from "~/models/search";
import { municipalYearLabel, municipalYearOf } from "~/rules/municipal-year.server";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { auditLog, priorities } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const MARKER = "Quetzalcoatl proposal marker";
const now = new Date();
const year = municipalYearOf(now);
const label = municipalYearLabel(year);
const future = new Date(now.getTime() + 20 * 86_400_000);
const past = new Date(now.getTime() - 20 * 86_400_000);

let server: TestServer;
let member: { id: string; personId: string | null };
let memberViewer: Viewer;
let clerkViewer: Viewer;
let memberCookie: string;
let clerkCookie: string;
let clerk: { userId: string };
let board: { id: string };
let otherBoard: { id: string };
let futureMeeting: { id: string; slug: string; title: string };
let pastMeeting: { id: string };
let otherMeeting: { id: string };
let priorityId: string;
let gapPriorityTitle: string;

beforeAll(async () => {
  server = await startTestServer();
  const m = await makeUser("member");
  const c = await makeUser("clerk");
  member = { id: m.id, personId: null };
  clerk = { userId: c.id };
  memberViewer = { kind: "user", userId: m.id, name: "M", email: "m@example.org", role: "member", personId: null, organisationId: null };
  clerkViewer = { kind: "user", userId: c.id, name: "C", email: "c@example.org", role: "clerk", personId: null, organisationId: null };
  memberCookie = await cookieFor(m.id);
  clerkCookie = await cookieFor(c.id);
  board = await makeBody({ name: "Programme Board" });
  otherBoard = await makeBody({ name: "Other Programme Board" });
  futureMeeting = await makeMeeting(board.id, { startsAt: future, title: "Programme Board future meeting", agendaPublishedAt: past });
  pastMeeting = await makeMeeting(board.id, { startsAt: past, title: "Programme Board past meeting" });
  otherMeeting = await makeMeeting(otherBoard.id, { startsAt: future, title: "Other board meeting" });
  const [p] = await db().insert(priorities).values({ slug: `wp-priority-${Date.now()}`, title: "Children in care placements (WP test)" }).returning();
  priorityId = p.id;
  gapPriorityTitle = `Early help gap priority ${Date.now()}`;
  await db().insert(priorities).values({ slug: `wp-gap-${Date.now()}`, title: gapPriorityTitle });
});

afterAll(async () => {
  await server?.close();
});

const input = (over: Partial<TopicInput> = {}): TopicInput => ({
  bodyId: board.id,
  year,
  title: `Placement sufficiency ${MARKER}`,
  description: "How many children are placed out of area, and why.",
  reason: "priority",
  priorityId,
  recommendationId: null,
  kind: "report",
  ...over,
});

async function refused(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    if (e instanceof WorkProgrammeError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

const text = async (path: string, cookie?: string) => {
  const r = await send(server, path, { cookie });
  return { status: r.status, body: await r.text() };
};

describe("a member's proposal", () => {
  let topicId: string;

  it("is recorded as proposed and audited", async () => {
    const row = await db().transaction((tx) => proposeTopic(tx, { userId: member.id, personId: null }, input()));
    topicId = row.id;
    expect(row.decision).toBe("proposed");
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "propose"))).orderBy(auditLog.id);
    expect(audit).toHaveLength(1);
  });

  it("is seen by members and clerks, never by the public: model, pages, API and search", async () => {
    expect((await listWorkProgramme(PUBLIC_VIEWER, { year, page: 1, pageSize: 100 })).topics.map((t) => t.id)).not.toContain(topicId);
    expect((await listWorkProgramme(memberViewer, { year, page: 1, pageSize: 100 })).topics.map((t) => t.id)).toContain(topicId);
    expect(await getTopic(PUBLIC_VIEWER, topicId)).toBeNull();

    const publicYear = await text(`/work-programme/${label}`);
    expect(publicYear.status).toBe(200);
    expect(publicYear.body).not.toContain(MARKER);
    expect((await text(`/work-programme/topics/${topicId}`)).status).toBe(404);
    expect((await text(`/work-programme/${label}`, memberCookie)).body).toContain(MARKER);

    const api = await text(`/api/v1/work-programme?per_page=200`);
    expect(api.status).toBe(200);
    expect(api.body).not.toContain(MARKER);
    expect((await text(`/api/v1/work-programme/${topicId}`)).status).toBe(404);

    const publicSearch = await search(PUBLIC_VIEWER, { q: "Quetzalcoatl", page: 1 });
    expect(publicSearch.kind === "results" && publicSearch.results.some((r) => r.id === topicId)).toBe(false);
    const memberSearch = await search(memberViewer, { q: "Quetzalcoatl", page: 1 });
    expect(memberSearch.kind === "results" && memberSearch.results.some((r) => r.id === topicId && r.href === `/work-programme/topics/${topicId}`)).toBe(true);
  });

  it("cannot be planned for another body's meeting or one already held, nor linked to an agenda before acceptance", async () => {
    expect(await refused(db().transaction((tx) => planTopic(tx, clerk, topicId, input(), { plannedMeetingId: otherMeeting.id, leadOfficerId: null })))).toMatchObject({ field: "plannedMeetingId" });
    expect(await refused(db().transaction((tx) => planTopic(tx, clerk, topicId, input(), { plannedMeetingId: pastMeeting.id, leadOfficerId: null })))).toMatchObject({
      field: "plannedMeetingId",
      message: expect.stringMatching(/not yet been held/),
    });
    const item = await makeItem(futureMeeting.id, { title: "Placements report" });
    expect(await refused(db().transaction((tx) => linkTopicToAgendaItem(tx, clerk, topicId, item.id)))).toMatchObject({ field: "agendaItemId" });
  });

  it("is accepted for a meeting, then public; added to an agenda it is on that agenda and the item links to it", async () => {
    await db().transaction((tx) => planTopic(tx, clerk, topicId, input(), { plannedMeetingId: futureMeeting.id, leadOfficerId: null }));
    const planned = await getTopic(PUBLIC_VIEWER, topicId);
    expect(planned).toMatchObject({ status: "planned", plannedMeeting: { slug: futureMeeting.slug } });
    expect((await db().select().from(auditLog).where(and(eq(auditLog.entityId, topicId), eq(auditLog.action, "accept"))).orderBy(auditLog.id))).toHaveLength(1);

    const item = await makeItem(futureMeeting.id, { title: "Placement sufficiency report", position: 2 });
    const otherItem = await makeItem(otherMeeting.id, { title: "Other body's item" });
    expect(await refused(db().transaction((tx) => linkTopicToAgendaItem(tx, clerk, topicId, otherItem.id)))).toMatchObject({ field: "agendaItemId" });
    await db().transaction((tx) => linkTopicToAgendaItem(tx, clerk, topicId, item.id));
    const onAgenda = await getTopic(PUBLIC_VIEWER, topicId);
    expect(onAgenda).toMatchObject({ status: "on_agenda", agendaItem: { id: item.id } });

    const itemPage = await text(`/agenda-items/${item.id}`);
    expect(itemPage.body).toContain(`/work-programme/topics/${topicId}`);
    const topicPage = await text(`/work-programme/topics/${topicId}`);
    expect(topicPage.body).toContain("On the agenda of");
    expect((await text(`/work-programme/${label}`)).body).toContain(MARKER);
    const api = JSON.parse((await text(`/api/v1/work-programme/${topicId}`)).body);
    expect(api.data).toMatchObject({ status: "on_agenda", municipal_year: label, agenda_item: { id: item.id } });

    const coverage = await priorityCoverage(PUBLIC_VIEWER, year);
    const covered = coverage.find((p) => p.id === priorityId)!;
    expect(covered.topics.map((t) => t.id)).toContain(topicId);
    expect(covered.gap).toBe(false);
    expect(coverage.find((p) => p.title === gapPriorityTitle)!.gap).toBe(true);
    const coveragePage = await text(`/work-programme/${label}/coverage`);
    expect(coveragePage.body).toContain(MARKER);
    expect(coveragePage.body).toContain("Gap");
  });

  it("is done once the meeting it was taken at is held", async () => {
    const row = await db().transaction((tx) => proposeTopic(tx, { userId: member.id, personId: null }, input({ title: "Taken already", reason: "member_suggestion", priorityId: null })));
    await db().transaction((tx) => planTopic(tx, clerk, row.id, input({ title: "Taken already", reason: "member_suggestion", priorityId: null }), { plannedMeetingId: null, leadOfficerId: null }));
    const heldItem = await makeItem(pastMeeting.id, { title: "Held item" });
    await db().transaction((tx) => linkTopicToAgendaItem(tx, clerk, row.id, heldItem.id));
    expect(await getTopic(clerkViewer, row.id)).toMatchObject({ status: "done" });
  });

  it("is deferred or dropped only with a reason, shown with it", async () => {
    const row = await db().transaction((tx) => proposeTopic(tx, { userId: member.id, personId: null }, input({ title: "To defer", reason: "member_suggestion", priorityId: null })));
    expect(await refused(db().transaction((tx) => setTopicAside(tx, clerk, row.id, "deferred", "  ")))).toMatchObject({ field: "decisionReason" });
    expect(await refused(db().transaction((tx) => proposeTopic(tx, { userId: member.id, personId: null }, input({ year: 9999 }))))).toMatchObject({ field: "year" });
    expect(await refused(db().transaction((tx) => proposeTopic(tx, { userId: member.id, personId: null }, input({ reason: "inspection_finding", priorityId: null }))))).toMatchObject({ field: "recommendationId" });
    await db().transaction((tx) => setTopicAside(tx, clerk, row.id, "deferred", "Waiting for the Ofsted visit"));
    expect(await getTopic(PUBLIC_VIEWER, row.id)).toMatchObject({ status: "deferred", decisionReason: "Waiting for the Ofsted visit" });
    expect((await db().select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "defer"))).orderBy(auditLog.id))).toHaveLength(1);
  });
});

describe("the pages and forms", () => {
  it("redirects /work-programme to this year, and answers an unknown year with 404 and a message", async () => {
    const r = await send(server, "/work-programme");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(`/work-programme/${label}`);
    for (const bad of ["2026", "2026-28", "banana", "1066-67"]) {
      const page = await text(`/work-programme/${bad}`);
      expect(page.status).toBe(404);
    }
    expect((await text("/work-programme/2026-28")).body).toContain("should be 2026-27");
    expect((await text("/api/v1/work-programme?year=banana")).status).toBe(400);
  });

  it("the propose form: the public is sent to sign in; a missing title is told beside the field, what was typed kept", async () => {
    expect((await send(server, "/work-programme/propose")).status).toBe(302);
    const r = await send(server, "/work-programme/propose", {
      cookie: memberCookie,
      form: { bodyId: board.id, year: String(year), title: "", description: "Typed description kept", reason: "member_suggestion", priorityId: "", recommendationId: "", kind: "review" },
    });
    expect(r.status).toBe(400);
    const body = await r.text();
    expect(body).toContain("Enter the topic&#x27;s title");
    expect(body).toContain("Typed description kept");
    const ok = await send(server, "/work-programme/propose", {
      cookie: memberCookie,
      form: { bodyId: board.id, year: String(year), title: "Site visit to a children's home", description: "", reason: "member_suggestion", priorityId: "", recommendationId: "", kind: "site_visit" },
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(/^\/work-programme\/topics\//);
  });

  it("the clerk's forms: another body's meeting, a past meeting, a reason missing: 400 with the message, typed text kept", async () => {
    const row = await db().transaction((tx) => proposeTopic(tx, { userId: member.id, personId: null }, input({ title: "Clerk form topic", reason: "member_suggestion", priorityId: null })));
    const path = `/clerk/work-programme/${row.id}`;
    expect((await send(server, path, { cookie: memberCookie })).status).toBe(403);
    const plan = (meetingId: string) => ({ intent: "plan", year: String(year), title: "Clerk form topic typed", description: "", reason: "member_suggestion", priorityId: "", recommendationId: "", kind: "report", plannedMeetingId: meetingId, leadOfficerId: "" });
    const other = await send(server, path, { cookie: clerkCookie, form: plan(otherMeeting.id) });
    expect(other.status).toBe(400);
    const otherBody = await other.text();
    expect(otherBody).toContain("Select a meeting of the board or committee whose programme this is");
    expect(otherBody).toContain("Clerk form topic typed");
    const held = await send(server, path, { cookie: clerkCookie, form: plan(pastMeeting.id) });
    expect(held.status).toBe(400);
    expect(await held.text()).toContain("not yet been held");
    const aside = await send(server, path, { cookie: clerkCookie, form: { intent: "aside", decision: "dropped", decisionReason: "" } });
    expect(aside.status).toBe(400);
    expect(await aside.text()).toContain("Enter the reason");
    const forged = await send(server, path, { cookie: clerkCookie, form: { intent: "agenda", agendaItemId: "not-a-uuid" } });
    expect(forged.status).toBe(400);
    const ok = await send(server, path, { cookie: clerkCookie, form: plan("") });
    expect(ok.status).toBe(303);
    expect(await getTopic(PUBLIC_VIEWER, row.id)).toMatchObject({ status: "planned", plannedMeeting: null, title: "Clerk form topic typed" });
  });
});

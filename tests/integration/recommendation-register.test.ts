/**
 * The register of recommendations (issue 17 item 4) and what grows from it: both sources in
 * one list, each filter, the sorts and the CSV; the tracker's board rows and the figure of
 * responses on time, late or not at all with the median days; the API's new fields; search
 * over recommendations and their responses; and one agreed at an exempt item (marker strings)
 * seen by a clerk and by an officer of the addressee, never by the public. Board
 * recommendations are made through the model functions, states read at fixed clocks.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listRegister, parseRegisterFilters, recordBoardRecommendation, recordRecommendationResponse, responseTimelinessReport, trackingReport, type RegisterFilters } from "~/models/oversight";
import { search } from "~/models/search";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { inspections, organisations, recommendations } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const MARKER = "EXEMPTREGISTERMARKER7c2e";
const RESPONSE_MARKER = "EXEMPTRESPONSEMARKER41ab";
const TODAY = "2026-03-02";
let server: TestServer;
let clerk: Viewer;
let officer: Viewer;
let clerkCookie: string;
let officerCookie: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const clerkUser = await makeUser("clerk");
  const officerUser = await makeUser("officer");
  clerk = { kind: "user", userId: clerkUser.id, name: clerkUser.name, email: clerkUser.email, role: "clerk", personId: null, organisationId: null };
  officer = { kind: "user", userId: officerUser.id, name: officerUser.name, email: officerUser.email, role: "officer", personId: null, organisationId: officerUser.organisationId };
  clerkCookie = await cookieFor(clerkUser.id);
  officerCookie = await cookieFor(officerUser.id);
  const actor = { userId: clerkUser.id };
  const [trust] = await db().select().from(organisations).where(eq(organisations.slug, "test-trust"));
  const exec = await makeOrganisation({ name: "Register Executive", slug: "register-executive", kind: "council" });
  const board = await makeBody({ name: "Register Board", slug: "register-board" });
  const m = await makeMeeting(board.id, { startsAt: new Date("2025-06-10T18:00:00Z"), minutesPublishedAt: new Date("2025-06-20T09:00:00Z"), title: "Register Board, 10 June 2025" });
  const open = await makeMinute((await makeItem(m.id, { title: "Placements" })).id, "Resolved to recommend");
  const exempt = await makeMinute((await makeItem(m.id, { title: "Exempt matter", position: 2, isExempt: true, exemptParagraph: 1 })).id, "Private");
  const base = { bodyId: board.id, agreedInDocumentId: null, agreedOn: null, agreedAtMinuteId: open.id, addresseeOrganisationId: exec.id, leadPersonId: null, reviewOn: null };
  const rec = (reference: string, text: string, receivedOn: string | null, over = {}) =>
    db().transaction((tx) => recordBoardRecommendation(tx, actor, { ...base, reference, text, receivedOn, ...over }));
  const respond = (id: string, givenOn: string, reasons = "") =>
    db().transaction((tx) =>
      recordRecommendationResponse(tx, actor, id, { outcome: reasons ? "partially_accepted" : "accepted", reasons, actionPlanned: "", givenBy: "Cabinet Member", givenByPersonId: null, givenOn, agreedAt: "Cabinet" }, "2026-12-31"),
    );
  ids.onTime = (await rec("RB/01", "Publish the sufficiency plan", "2025-06-12")).id;
  await respond(ids.onTime, "2025-08-01"); // due 11 August 2025: on time, 50 days
  ids.late = (await rec("RB/02", "Review the fostering allowances", "2025-06-12")).id;
  await respond(ids.late, "2025-08-20", "Funding is not agreed"); // 9 days late, 69 days
  ids.none = (await rec("RB/03", "Report on agency social workers", "2025-06-12")).id; // overdue, none
  ids.awaiting = (await rec("RB/04", "Audit the missing-children returns", "2026-02-20")).id; // due 19 April 2026
  ids.soon = (await rec("RB/05", "Explain the placement costs", "2026-01-10")).id; // due 9 March 2026
  ids.notSent = (await rec("RB/06", "Visit the residential homes", null)).id;
  ids.exempt = (await rec("RB/07", `The ${MARKER} matter`, "2025-06-12", { agreedAtMinuteId: exempt.id, addresseeOrganisationId: trust.id })).id;
  await respond(ids.exempt, "2025-07-01", `Reasons ${RESPONSE_MARKER}`);
  const [inspection] = await db().insert(inspections).values({ slug: "register-inspection", title: "Register inspection 2024", kind: "monitoring_visit", visitStartOn: "2024-05-01", organisationId: trust.id }).returning();
  ids.inspection = (await db().insert(recommendations).values({ inspectionId: inspection.id, reference: "R1", text: "Improve supervision" }).returning())[0].id;
});

afterAll(async () => {
  await server?.close();
});

const refs = async (viewer: Viewer, filters: RegisterFilters) => (await listRegister(viewer, { filters, today: TODAY, pageSize: 100 })).rows.map((r) => r.reference).sort();

describe("the register", () => {
  it("lists both sources, saying which, with each board state at a fixed clock", async () => {
    const { rows } = await listRegister(PUBLIC_VIEWER, { filters: { body: "register-board" }, today: TODAY, pageSize: 100 });
    const byRef = Object.fromEntries(rows.map((r) => [r.reference, r]));
    expect(Object.keys(byRef).sort()).toEqual(["RB/01", "RB/02", "RB/03", "RB/04", "RB/05", "RB/06"]);
    expect(byRef["RB/01"]).toMatchObject({ source: "board", sourceLabel: "Board", state: "received", daysLate: 0, responseDueOn: "2025-08-11", addressee: "Register Executive" });
    expect(byRef["RB/02"]).toMatchObject({ state: "received", daysLate: 9, response: { outcome: "partially_accepted" } });
    expect(byRef["RB/03"]).toMatchObject({ state: "overdue" });
    expect(byRef["RB/04"]).toMatchObject({ state: "awaiting", responseDueOn: "2026-04-19" });
    expect(byRef["RB/05"]).toMatchObject({ state: "due_soon", responseDueOn: "2026-03-09" });
    expect(byRef["RB/06"]).toMatchObject({ state: "not_sent", responseDueOn: null });
    expect(byRef["RB/01"].origin).toBe("Register Board, at Register Board, 10 June 2025");
    const inspection = (await listRegister(PUBLIC_VIEWER, { filters: { source: "inspection", addressee: "test-trust" }, today: TODAY })).rows;
    expect(inspection.map((r) => [r.reference, r.sourceLabel, r.state])).toEqual([["R1", "Inspection", null]]);
  });

  it("filters by source, body, addressee, state, overdue, agreed dates; sorts by due date and reference", async () => {
    expect(await refs(PUBLIC_VIEWER, { body: "register-board", state: "received" })).toEqual(["RB/01", "RB/02"]);
    expect(await refs(PUBLIC_VIEWER, { body: "register-board", state: "due_soon" })).toEqual(["RB/05"]);
    expect(await refs(PUBLIC_VIEWER, { body: "register-board", overdue: true })).toEqual(["RB/03"]);
    expect(await refs(PUBLIC_VIEWER, { addressee: "register-executive", state: "not_sent" })).toEqual(["RB/06"]);
    expect(await refs(PUBLIC_VIEWER, { source: "board", from: "2025-06-10", to: "2025-06-10", body: "register-board" })).toHaveLength(6);
    expect(await refs(PUBLIC_VIEWER, { source: "board", from: "2025-06-11", body: "register-board" })).toEqual([]);
    expect(await refs(PUBLIC_VIEWER, { addressee: "test-trust", to: "2024-12-31" })).toEqual(["R1"]);
    const due = (await listRegister(PUBLIC_VIEWER, { filters: { body: "register-board", sort: "due" }, today: TODAY })).rows.map((r) => r.reference);
    expect(due).toEqual(["RB/01", "RB/02", "RB/03", "RB/05", "RB/04", "RB/06"]);
    const byReference = (await listRegister(PUBLIC_VIEWER, { filters: { body: "register-board", sort: "reference" }, today: TODAY, pageSize: 2, page: 2 })).rows.map((r) => r.reference);
    expect(byReference).toEqual(["RB/03", "RB/04"]);
  });

  it("says what is wrong with a bad filter value, beside its field", () => {
    const { errors, filters } = parseRegisterFilters(new URLSearchParams("state=lost&source=council&sort=x&from-day=31&from-month=2&from-year=2026&overdue=maybe"));
    expect(Object.keys(errors).sort()).toEqual(["from", "overdue", "sort", "source", "state"]);
    expect(filters).toMatchObject({ state: undefined, source: undefined, from: undefined });
  });

  it("keeps one agreed at an exempt item from the public; a clerk and the addressee's officer see it", async () => {
    expect(await refs(PUBLIC_VIEWER, { addressee: "test-trust" })).toEqual(["R1"]);
    expect(await refs(clerk, { addressee: "test-trust" })).toEqual(["R1", "RB/07"]);
    expect(await refs(officer, { addressee: "test-trust" })).toEqual(["R1", "RB/07"]);
  });
});

describe("over HTTP", () => {
  it("the page lists and filters, a bad value is a 400 with the message, never a 500", async () => {
    const page = await send(server, "/recommendations?body=register-board&state=received");
    expect(page.status).toBe(200);
    const html = (await page.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("2 recommendations");
    expect(html).toContain("Publish the sufficiency plan");
    expect(html).not.toContain(MARKER);
    const bad = await send(server, "/recommendations?state=lost&from-day=31&from-month=2&from-year=2026");
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Select a response state from the list");
    expect(badHtml).toMatch(/<title>Error: Recommendations/);
    // The select in error has GOV.UK's red border and names its message.
    expect(badHtml).toMatch(/<select class="govuk-select govuk-select--error portal-filter-select" id="filter-state" name="state" aria-describedby="filter-state-error">/);
    const clerkPage = await send(server, "/recommendations?addressee=test-trust", { cookie: clerkCookie });
    expect(await clerkPage.text()).toContain(MARKER);
  });

  it("the CSV has the same filtered rows, and nothing private for the public", async () => {
    const res = await send(server, "/recommendations.csv?body=register-board&state=received&sort=reference");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toContain("response_due_on,response_state");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(",RB/01,");
    expect(lines[1]).toContain(",2025-08-11,received,Response received,0,accepted,");
    expect(lines[2]).toContain(",9,partially_accepted,");
    const all = await (await send(server, "/recommendations.csv")).text();
    expect(all).not.toContain(MARKER);
    expect(await (await send(server, "/recommendations.csv?addressee=test-trust", { cookie: officerCookie })).text()).toContain(MARKER);
    expect((await send(server, "/recommendations.csv?state=lost")).status).toBe(400);
  });

  it("the API gives the source, body, addressee, clock, response and judgement; never the exempt one", async () => {
    const list = (await (await send(server, "/api/v1/recommendations?source=board&per_page=100")).json()) as { data: any[] };
    const late = list.data.find((r) => r.reference === "RB/02");
    expect(late).toMatchObject({
      source: "board",
      body: { name: "Register Board", slug: "register-board" },
      addressee: { name: "Register Executive" },
      received_on: "2025-06-12",
      response_due_on: "2025-08-11",
      response_state: "received",
      response: { outcome: "partially_accepted", reasons: "Funding is not agreed", given_by: "Cabinet Member", given_on: "2025-08-20", days_late: 9 },
      implementation_state: null,
    });
    expect(late.url).toMatch(new RegExp(`/recommendations/${ids.late}$`));
    expect(list.data.find((r) => r.reference === "RB/06")).toMatchObject({ response_state: "not_sent", response: null, received_on: null });
    expect(JSON.stringify(list)).not.toContain(MARKER);
    expect((await send(server, `/api/v1/recommendations/${ids.exempt}`)).status).toBe(404);
    const inspection = (await (await send(server, `/api/v1/recommendations/${ids.inspection}`)).json()) as { data: any };
    expect(inspection.data).toMatchObject({ source: "inspection", body: null, response_state: null, response: null });
    expect((await send(server, "/api/v1/recommendations?source=council")).status).toBe(400);
    const bulk = await send(server, "/api/v1/bulk.zip");
    expect(bulk.status).toBe(200);
    expect(Buffer.from(await bulk.arrayBuffer()).includes(Buffer.from(MARKER))).toBe(false);
  });
});

describe("the tracker", () => {
  it("has a row for each board recommendation with the addressee, clock, response and RAG by its rule", async () => {
    const rows = await trackingReport(PUBLIC_VIEWER, { from: "2025-05-01", to: "2026-04-30" }, new Date(`${TODAY}T12:00:00Z`));
    const board = rows.filter((r) => r.kind === "Board recommendation" && r.reference.startsWith("RB/"));
    expect(board.map((r) => r.reference)).toEqual(["RB/01", "RB/02", "RB/03", "RB/04", "RB/05", "RB/06"]);
    const byRef = Object.fromEntries(board.map((r) => [r.reference, r]));
    expect(byRef["RB/02"]).toMatchObject({ addressee: "Register Executive", responseDue: "2025-08-11", responseReceived: "2025-08-20", response: "Partially accepted, 9 days late", rag: "amber" });
    expect(byRef["RB/03"]).toMatchObject({ rag: "red", response: "None: Due 11 August 2025: 203 days overdue" });
    expect(byRef["RB/03"].statusBasis.note).toBe("Red: the response is overdue");
    expect(byRef["RB/05"]).toMatchObject({ rag: "amber", status: "Response due soon" });
    expect(rows.map((r) => r.summary).join(" ")).not.toContain(MARKER);
    const clerkRows = await trackingReport(clerk, { from: "2025-05-01", to: "2026-04-30" }, new Date(`${TODAY}T12:00:00Z`));
    expect(clerkRows.map((r) => r.summary).join(" ")).toContain(MARKER);
  });

  it("counts responses on time, late and not at all, with the median days, per addressee and municipal year", async () => {
    const now = new Date(`${TODAY}T12:00:00Z`);
    const pub = (await responseTimelinessReport(PUBLIC_VIEWER, now)).filter((r) => r.addressee === "Register Executive" || r.addressee === "Test Trust");
    // Still inside their period on 2 March 2026: RB/04 and RB/05; never received: RB/06. Not counted.
    expect(pub).toEqual([{ addressee: "Register Executive", year: "2025/26", onTime: 1, late: 1, none: 1, medianDays: 59.5 }]);
    const forClerk = (await responseTimelinessReport(clerk, now)).filter((r) => r.addressee === "Test Trust");
    expect(forClerk).toEqual([{ addressee: "Test Trust", year: "2025/26", onTime: 1, late: 0, none: 0, medianDays: 19 }]);
    // A year on, RB/04 and RB/05 have had no response: none, in the year they were due.
    const later = (await responseTimelinessReport(PUBLIC_VIEWER, new Date("2027-03-02T12:00:00Z"))).filter((r) => r.addressee === "Register Executive");
    expect(later).toEqual([{ addressee: "Register Executive", year: "2025/26", onTime: 1, late: 1, none: 3, medianDays: 59.5 }]);
  });

  it("shows the figures on the tracker page and in their CSV", async () => {
    const html = (await (await send(server, "/reports/tracking?from=2025-05-01&to=2026-04-30")).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Responses on time, late or not at all");
    expect(html).toMatch(/Register Executive<\/th><td class="govuk-table__cell">2025\/26<\/td><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/);
    expect(html).toContain("Board recommendation");
    expect(html).not.toContain(MARKER);
    const csv = await (await send(server, "/reports/tracking.csv?table=response-timeliness")).text();
    expect(csv).toContain('"Register Executive","2025/26","1","1"');
    expect(csv).not.toContain("Test Trust");
    const tracker = await (await send(server, "/reports/tracking.csv?from=2025-05-01&to=2026-04-30")).text();
    expect(tracker).toContain('"Board recommendation","RB/02"');
    expect(tracker).not.toContain(MARKER);
  });
});

async function found(viewer: Viewer, q: string, kind?: "recommendation") {
  const outcome = await search(viewer, { q, kind, page: 1 });
  return outcome.kind === "results" ? outcome.results : [];
}

describe("search", () => {
  it("finds board recommendations and their responses as the viewer may see them", async () => {
    const hit = await found(PUBLIC_VIEWER, "fostering allowances");
    expect(hit.find((r) => r.title === "Register Board: RB/02")?.href).toBe(`/recommendations/${ids.late}`);
    expect((await found(PUBLIC_VIEWER, "funding agreed", "recommendation")).map((r) => r.title)).toContain("Register Board: RB/02");
    expect(await found(PUBLIC_VIEWER, MARKER)).toHaveLength(0);
    expect(await found(PUBLIC_VIEWER, RESPONSE_MARKER)).toHaveLength(0);
    expect((await found(clerk, MARKER)).map((r) => r.title)).toEqual(["Register Board: RB/07"]);
    expect((await found(officer, RESPONSE_MARKER)).map((r) => r.title)).toEqual(["Register Board: RB/07"]);
    const html = await (await send(server, `/search?q=${MARKER}`)).text();
    expect(html).not.toContain(`The ${MARKER} matter`);
  });
});

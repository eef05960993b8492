/**
 * Issue 15 items 2, 6 and 11 and issue 23 items 2, 3 and 4, as a reader gets
 * them over HTTP: a recommendation answered through a linked question and its
 * completed action says so on its page, the tracking report (page and CSV) and
 * the API; statuses say how they were worked out; a priority's page keeps what
 * is linked to it apart from what is only on a linked agenda item; counts the
 * sources give in part say "6 of 17 known"; a point under "What needs to
 * improve" is not called a recommendation; closure evidence is not a publication.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  actions,
  agendaItemPriorities,
  documents,
  inspections,
  priorities,
  questionRecommendations,
  recommendationPriorities,
  recommendations,
} from "../../db/schema";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion, makeResponse } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
const ids = { answered: "", untouched: "" };

function mainOf(html: string): string {
  const start = html.indexOf("<main");
  return html.slice(start, html.indexOf("</main>", start)).replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ").replace(/ ([:),.;])/g, "$1").replace(/\( /g, "(");
}

beforeAll(async () => {
  const org = await makeOrganisation({ name: "Test Children's Trust" });
  const body = await makeBody();
  const meeting = await makeMeeting(body.id);
  const item = await makeItem(meeting.id, { title: "Trust annual review" });
  const linkedQuestion = await makeQuestion(item.id, org.id, { text: "How often are social workers supervised?" });
  await makeResponse(linkedQuestion.id, { kind: "full", body: "Monthly, and audited." });
  const otherQuestion = await makeQuestion(item.id, org.id, { text: "What is done about bullying allegations?", position: 2 });
  await makeResponse(otherQuestion.id, { kind: "full", body: "Allegations are investigated." });

  const [visit] = await db()
    .insert(inspections)
    .values({ slug: "test-focused-visit", title: "Test focused visit", kind: "focused_visit", organisationId: org.id, visitStartOn: "2024-10-30", publishedOn: "2024-11-29" })
    .returning();
  const [answered] = await db()
    .insert(recommendations)
    .values({ inspectionId: visit.id, reference: "WNI1", kind: "improvement_point", text: "Regularity and quality of supervision" })
    .returning();
  const [full] = await db()
    .insert(inspections)
    .values({ slug: "test-full-inspection", title: "Test full inspection", kind: "full_inspection", visitStartOn: "2017-01-01", datePrecision: "year", dateNote: "The year only.", recommendationsMade: 17 })
    .returning();
  const rs = await db()
    .insert(recommendations)
    .values([1, 2, 3, 4, 5, 6].map((n) => ({ inspectionId: full.id, reference: `R${n}`, text: `Recommendation number ${n}`, position: n })))
    .returning();
  await db().insert(questionRecommendations).values({ questionId: linkedQuestion.id, recommendationId: answered.id });
  const [evidence] = await db()
    .insert(documents)
    .values({ slug: "closure-evidence-audit", kind: "evidence", title: "Closure evidence: supervision audit", publishedAt: new Date(), documentDate: "2026-01-10" })
    .returning();
  await db().insert(actions).values({
    description: "Audit supervision records monthly",
    questionId: linkedQuestion.id,
    owningOrganisationId: org.id,
    dueOn: "2026-02-01",
    createdAt: new Date("2025-12-01T10:00:00Z"),
    completedAt: new Date("2026-01-10T10:00:00Z"),
    closureEvidence: "Audit report of January 2026",
    closureEvidenceDocumentId: evidence.id,
  });

  const [priority] = await db().insert(priorities).values({ slug: "partnerships-test", title: "Partnerships", position: 1 }).returning();
  await db().insert(agendaItemPriorities).values({ agendaItemId: item.id, priorityId: priority.id });
  await db().insert(recommendationPriorities).values({ recommendationId: rs[1].id, priorityId: priority.id });
  ids.answered = answered.id;
  ids.untouched = rs[2].id;
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe("a recommendation answered through a linked question and its action (issue 15 item 2)", () => {
  it("its page shows the action, and the status says the work is done and how that was worked out", async () => {
    const page = mainOf(await (await send(server, `/recommendations/${ids.answered}`)).text());
    expect(page).not.toContain("No actions answer");
    expect(page).toContain("Audit supervision records monthly");
    expect(page).toContain("Actions completed, not yet closed");
    expect(page).toContain("Worked out by rule: Green: every action answering it is completed (1 of 1)");
    expect(page).toContain("Monthly, and audited.");
    expect(page).toContain("What needs to improve ·");
  });

  it("the tracking report and its CSV record what was done, with the source's term in the Type column", async () => {
    const html = mainOf(await (await send(server, "/reports/tracking?from=2024-01-01&to=2024-12-31")).text());
    expect(html).toContain("Audit supervision records monthly");
    expect(html).toContain("Green: every action answering it is completed");
    const csv = await (await send(server, "/reports/tracking.csv?from=2024-01-01&to=2024-12-31")).text();
    const row = csv.split("\r\n").find((l) => l.includes('"WNI1"'))!;
    expect(row).toMatch(/^"What needs to improve","WNI1"/);
    expect(row).toContain("Action: Audit supervision records monthly (Completed, on a linked question; evidence: Audit report of January 2026)");
    expect(row).not.toContain("Nothing recorded yet");
    expect(row).toContain('"Green","Worked out by rule: Green: every action answering it is completed (1 of 1); not yet closed with evidence"');
  });

  it("the API gives the same status and its basis", async () => {
    const r = await (await send(server, `/api/v1/recommendations/${ids.answered}`)).json();
    const rec = r.data ?? r;
    expect(rec).toMatchObject({ kind_label: "What needs to improve", progress: "actions_completed", rag: "green", status_basis: "rule" });
    expect(rec.status_basis_note).toMatch(/^Green: every action answering it is completed/);
    // The inspection's own record in the API gives each recommendation exactly as above, the inspected organisation its addressee.
    expect(rec.addressee).toMatchObject({ name: "Test Children's Trust" });
    const inspections = await (await send(server, "/api/v1/inspections?per_page=50")).json();
    const visit = inspections.data.find((i: { slug: string }) => i.slug === "test-focused-visit");
    expect(visit.recommendations).toEqual([rec]);
  });
});

describe("statuses derived by a rule say how (issue 23 item 2)", () => {
  it("an open recommendation without a due date says why it is amber on its page, its inspection page and the timeline", async () => {
    for (const path of [`/recommendations/${ids.untouched}`, "/inspections/test-full-inspection", "/inspections/timeline"]) {
      const page = mainOf(await (await send(server, path)).text());
      expect(page, path).toContain("Worked out by rule: Amber: open, no due date set");
    }
    const api = await (await send(server, `/api/v1/recommendations/${ids.untouched}`)).json();
    expect(api.data ?? api).toMatchObject({ status_basis: "rule", status_basis_note: "Amber: open, no due date set" });
  });
});

describe("counts and terms as the sources give them (issue 23 items 3 and 4)", () => {
  it("/inspections says 6 of 17 known, and calls the focused visit's point a point to improve", async () => {
    const page = mainOf(await (await send(server, "/inspections")).text());
    expect(page).toContain("6 of 17 known");
    expect(page).toContain("1 point to improve");
    expect(page).not.toMatch(/Test focused visit.*\b1 recommendation/);
    const inspection = mainOf(await (await send(server, "/inspections/test-focused-visit")).text());
    expect(inspection).toContain("What needs to improve (1 point to improve)");
    const api = await (await send(server, "/api/v1/inspections?per_page=50")).json();
    const full = api.data.find((i: { slug: string }) => i.slug === "test-full-inspection");
    expect(full).toMatchObject({ recommendation_count: 6, recommendations_made: 17 });
    expect(full.recommendation_count_note).toMatch(/^6 of 17 known/);
  });
});

describe("a priority's page (issue 15 item 6)", () => {
  it("lists what is linked to it apart from the questions only on a linked agenda item", async () => {
    const page = mainOf(await (await send(server, "/priorities/partnerships-test")).text());
    const linked = page.slice(page.indexOf("Linked to this priority"), page.indexOf("On agenda items linked to this priority"));
    const onItems = page.slice(page.indexOf("On agenda items linked to this priority"));
    expect(linked).toContain("R2: Recommendation number 2");
    expect(linked).not.toContain("bullying");
    expect(onItems).toContain("What is done about bullying allegations?");
  });
});

describe("closure evidence is not a publication (issue 15 item 11)", () => {
  it("is neither on the home page's latest publications nor in the publications feed", async () => {
    const home = await (await send(server, "/")).text();
    expect(home).not.toContain("Closure evidence: supervision audit");
    const feed = await (await send(server, "/feeds/publications.atom")).text();
    expect(feed).toContain("<feed");
    expect(feed).not.toContain("Closure evidence: supervision audit");
  });
});

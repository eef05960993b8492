/**
 * Inspections and their recommendations over HTTP, as a clerk: an end date before
 * the start is refused beside the field; a recommendation is closed only with
 * evidence, or found met only by naming a later visit and what it found; the
 * tracking report refuses an empty or reversed range and states its RAG rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { auditLog, inspections, recommendations } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let cookie: string;
let first: { id: string; slug: string };
let later: { id: string };
let rec: { id: string };

beforeAll(async () => {
  server = await startTestServer();
  cookie = await cookieFor((await makeUser("clerk")).id);
  const [a] = await db().insert(inspections).values({ slug: "visit-2023", title: "Monitoring visit 2023", kind: "monitoring_visit", visitStartOn: "2023-05-01", publishedOn: "2023-06-01" }).returning();
  const [b] = await db().insert(inspections).values({ slug: "visit-2025", title: "Focused visit 2025", kind: "focused_visit", visitStartOn: "2025-05-01" }).returning();
  const [r] = await db().insert(recommendations).values({ inspectionId: a.id, reference: "R1", text: "Improve the quality of plans" }).returning();
  first = { id: a.id, slug: a.slug };
  later = { id: b.id };
  rec = { id: r.id };
});

afterAll(async () => {
  await server?.close();
});

const inspectionForm = (over: Record<string, string> = {}): [string, string][] =>
  Object.entries({
    intent: "inspection",
    title: "Assurance visit 2026",
    kind: "assurance_visit",
    organisationId: "",
    inspectorateId: "",
    visitStartOn: "2026-03-10",
    visitEndOn: "2026-03-11",
    publishedOn: "",
    overallJudgement: "",
    areaJudgements: "",
    summary: "",
    documentId: "",
    sourceNote: "",
    ...over,
  });

describe("recording an inspection", () => {
  it("refuses an end date before the start, beside the field, keeping what was typed", async () => {
    const res = await send(server, "/inspections/new", { cookie, form: inspectionForm({ visitEndOn: "2026-03-09" }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("The last day of the visit must be the same as or after the first day");
    expect(html).toContain('href="#visitEndOn"');
    expect(html).toContain('value="Assurance visit 2026"');
  });

  it("refuses a date that does not exist", async () => {
    const res = await send(server, "/inspections/new", { cookie, form: inspectionForm({ visitStartOn: "2026-02-30" }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("First day of the visit must be a real date");
  });

  it("creates it, audited, then adds a recommendation", async () => {
    const res = await send(server, "/inspections/new", { cookie, form: inspectionForm({ areaJudgements: "Leadership: Good" }) });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/inspections\/assurance-visit-2026\/edit/);
    const [row] = await db().select().from(inspections).where(eq(inspections.slug, "assurance-visit-2026"));
    expect(row.areaJudgements).toEqual([{ area: "Leadership", judgement: "Good" }]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, row.id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["create"]);
    const add = await send(server, "/inspections/assurance-visit-2026/edit", {
      cookie,
      form: [["intent", "recommendation"], ["reference", "A1"], ["recKind", "improvement_point"], ["text", "Supervision"], ["lead", ""], ["dueOn", ""]],
    });
    expect(add.status).toBe(303);
    const twice = await send(server, "/inspections/assurance-visit-2026/edit", {
      cookie,
      form: [["intent", "recommendation"], ["reference", "A1"], ["recKind", "recommendation"], ["text", "Again"], ["lead", ""], ["dueOn", ""]],
    });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("already has a recommendation A1");
  });
});

describe("tracking a recommendation", () => {
  const track = (over: Record<string, string>) =>
    send(server, `/recommendations/${rec.id}`, {
      cookie,
      form: Object.entries({ intent: "track", status: "open", lead: "", dueOn: "", evidence: "", metByInspectionId: "", finding: "", ...over }),
    });

  it("refuses closing without evidence", async () => {
    const res = await track({ status: "closed" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter the evidence that the recommendation has been met");
  });

  it("refuses 'found met' without naming the visit or the finding", async () => {
    const res = await track({ status: "met", metByInspectionId: later.id });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter what the later visit found");
    const res2 = await track({ status: "met", finding: "Plans were better" });
    expect(res2.status).toBe(400);
    expect(await res2.text()).toContain("Select the later visit that found it met");
  });

  it("refuses the inspection that made it as the visit that found it met", async () => {
    const res = await track({ status: "met", metByInspectionId: first.id, finding: "Plans were better" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("cannot be found met by the inspection that made it");
  });

  it("records it met by a later visit, audited as a close, and shows it", async () => {
    const res = await track({ status: "met", metByInspectionId: later.id, finding: "Plans were of good quality", lead: "Director of Practice" });
    expect(res.status).toBe(303);
    const [row] = await db().select().from(recommendations).where(eq(recommendations.id, rec.id));
    expect(row).toMatchObject({ metByInspectionId: later.id, metFinding: "Plans were of good quality", lead: "Director of Practice" });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, rec.id)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toContain("close");
    const page = await (await send(server, `/recommendations/${rec.id}`)).text();
    expect(page).toContain("Plans were of good quality");
    expect(page).toContain("Focused visit 2025");
    expect(page).not.toContain("Track this recommendation");
  });

  it("is a 404 for a recommendation that does not exist, and refuses a member", async () => {
    expect((await send(server, "/recommendations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const member = await cookieFor((await makeUser("member")).id);
    const res = await send(server, `/recommendations/${rec.id}`, { cookie: member, form: [["intent", "track"], ["status", "open"]] });
    expect(res.status).toBe(403);
  });
});

describe("the tracking report", () => {
  it("refuses a reversed range and an empty one, beside the fields", async () => {
    const reversed = await send(server, "/reports/tracking?from=2025-06-01&to=2025-01-01");
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("The last day must be the same as or after the first day");
    const empty = await send(server, "/reports/tracking?from=&to=");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter the first day of the report");
    const csv = await send(server, "/reports/tracking.csv?from=2025-06-01&to=2025-01-01");
    expect(csv.status).toBe(400);
  });

  it("lists recommendations made in the range with the RAG rule stated, as HTML and CSV", async () => {
    const res = await send(server, "/reports/tracking?from=2023-01-01&to=2023-12-31");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Improve the quality of plans");
    expect(html).toContain("Open, and its due date (or that of an action under way answering it) has passed.");
    expect(html).toContain("Found met: Plans were of good quality");
    const csv = await send(server, "/reports/tracking.csv?from=2023-01-01&to=2023-12-31");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain(
      '"Type","Reference","Summary","Origin","Date","Lead","Addressee","Response due","Response received","Response","What was done","Status","RAG","How the status was worked out","Link"',
    );
    expect(text).toContain('"Recommendation","R1","Improve the quality of plans","Monitoring visit 2023","2023-06-01"');
  });
});

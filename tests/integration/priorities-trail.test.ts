/**
 * A priority's page shows its whole trail (agenda items, questions, actions,
 * recommendations) with counts on a fixed date, never anything the public may
 * not see; clerks link records from either end, and a link to itself or a
 * second identical link is refused with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { addLink, LinkError, listLinks } from "~/models/oversight";
import { getPriority } from "~/models/oversight";
import { PUBLIC_VIEWER, type Viewer } from "~/rules/viewer.server";
import { actions, auditLog, inspections, priorities, questionPriorities, recommendationPriorities, recommendations } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion, makeResponse } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const clerk: Viewer = {
  kind: "user",
  userId: "00000000-0000-0000-0000-000000000001",
  name: "Clerk",
  email: "clerk@example.org",
  role: "clerk",
  personId: null,
  organisationId: null,
};
const NOW = new Date("2026-03-10T12:00:00Z");
const EXEMPT = "EXEMPTTRAIL5521";

let ids: { priority: string; slug: string; item: string; question: string; rec: string; action: string; otherRec: string; exemptQuestion: string };
let server: TestServer;

beforeAll(async () => {
  const org = await makeOrganisation();
  const body = await makeBody();
  const meeting = await makeMeeting(body.id);
  const item = await makeItem(meeting.id, { title: "Workforce report" });
  const exemptItem = await makeItem(meeting.id, { position: 2, title: `Staffing ${EXEMPT}`, isExempt: true, exemptParagraph: 1, publicTitle: "Staffing (exempt)" });
  const question = await makeQuestion(item.id, org.id, { text: "How many social workers are agency staff?", dueOn: "2026-02-12" });
  await makeResponse(question.id, { kind: "full", body: "About a fifth." });
  const exemptQuestion = await makeQuestion(exemptItem.id, org.id, { text: `Exempt question ${EXEMPT}` });
  const [priority] = await db().insert(priorities).values({ slug: "people-test", title: "People", position: 1 }).returning();
  const [inspection] = await db()
    .insert(inspections)
    .values({ slug: "test-visit", title: "Test focused visit", kind: "focused_visit", visitStartOn: "2025-11-05" })
    .returning();
  const [rec] = await db()
    .insert(recommendations)
    .values({ inspectionId: inspection.id, reference: "W1", kind: "improvement_point", text: "Regularity of supervision", dueOn: "2026-01-31" })
    .returning();
  const [otherRec] = await db()
    .insert(recommendations)
    .values({ inspectionId: inspection.id, reference: "W2", text: "Quality of plans", dueOn: "2026-12-31" })
    .returning();
  await db().insert(recommendationPriorities).values([{ recommendationId: rec.id, priorityId: priority.id }]);
  await db().insert(questionPriorities).values([
    { questionId: question.id, priorityId: priority.id },
    { questionId: exemptQuestion.id, priorityId: priority.id },
  ]);
  const [action] = await db()
    .insert(actions)
    .values({
      description: "Audit supervision records monthly",
      questionId: question.id,
      recommendationId: rec.id,
      owningOrganisationId: org.id,
      dueOn: "2026-03-01",
      createdAt: new Date("2026-01-20T10:00:00Z"),
    })
    .returning();
  ids = { priority: priority.id, slug: priority.slug, item: item.id, question: question.id, rec: rec.id, action: action.id, otherRec: otherRec.id, exemptQuestion: exemptQuestion.id };
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe("a priority's trail", () => {
  it("shows the recommendation, the question and its action, with counts on a fixed date", async () => {
    const p = (await getPriority(PUBLIC_VIEWER, ids.slug, NOW))!;
    expect(p.recommendations.map((r) => r.reference)).toEqual(["W1"]);
    expect(p.recommendations[0]).toMatchObject({ status: "Open, actions under way", overdue: true, rag: "red" });
    expect(p.questions.map((q) => q.text)).toEqual(["How many social workers are agency staff?"]);
    expect(p.questions[0].statusLabel).toBe("Answered, actions open");
    expect(p.actions.map((a) => a.description)).toEqual(["Audit supervision records monthly"]);
    expect(p.actions[0]).toMatchObject({ overdue: true, rag: "red", status: "Open" });
    // Question (answered, open), action (overdue), recommendation (overdue).
    expect(p.counts).toEqual({ open: 3, overdue: 2, closed: 0 });
    expect(p.chart).toEqual([{ label: "2026 Q1", opened: 1, closed: 0 }]);
  });

  it("never shows the public a question on an exempt item", async () => {
    const p = (await getPriority(PUBLIC_VIEWER, ids.slug, NOW))!;
    expect(JSON.stringify(p)).not.toContain(EXEMPT);
    const c = (await getPriority(clerk, ids.slug, NOW))!;
    expect(c.questions.some((q) => q.text.includes(EXEMPT))).toBe(true);
    const res = await send(server, `/priorities/${ids.slug}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Regularity of supervision");
    expect(html).not.toContain(EXEMPT);
    expect(html).toContain("<svg");
    expect(html).toContain("Actions opened and closed, by quarter");
    // The action's row: its link, due date, progress with the overdue tag, and what the progress rests on.
    const row = html.slice(html.indexOf('href="/actions/'), html.indexOf("</tr>", html.indexOf('href="/actions/')));
    expect(row.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")).toMatch(/Audit supervision records monthly .*1 March 2026 .*Open Overdue .*Worked out by rule/);
  });

  it("is a 404 for a priority that does not exist", async () => {
    expect(await getPriority(PUBLIC_VIEWER, "no-such-priority")).toBeNull();
    expect((await send(server, "/priorities/no-such-priority")).status).toBe(404);
  });
});

describe("linking", () => {
  it("refuses linking a recommendation to itself, and linking twice, with a message", async () => {
    const actor = { userId: clerk.userId };
    await expect(
      db().transaction((tx) => addLink(tx, clerk, actor, { source: { type: "recommendation", id: ids.rec }, target: { type: "recommendation", id: ids.rec } })),
    ).rejects.toThrow(new LinkError("target", "A record cannot be linked to itself"));
    await expect(
      db().transaction((tx) => addLink(tx, clerk, actor, { source: { type: "question", id: ids.question }, target: { type: "priority", id: ids.priority } })),
    ).rejects.toThrow(/already linked/);
  });

  it("links from the recommendation's end over HTTP, records it in the audit log, and refuses the same link again beside the field", async () => {
    const user = await makeUser("clerk");
    const cookie = await cookieFor(user.id);
    const subject = `recommendation:${ids.otherRec}`;
    const page = await send(server, `/clerk/links?subject=${subject}&q=agency`, { cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`question:${ids.question}`);
    const form: [string, string][] = [["intent", "link"], ["subject", subject], ["other", `question:${ids.question}`]];
    const ok = await send(server, `/clerk/links?subject=${subject}`, { cookie, form });
    expect(ok.status).toBe(303);
    const links = await listLinks(clerk, { type: "recommendation", id: ids.otherRec });
    expect(links.map((l) => l.source.id)).toContain(ids.question);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityType, "link")).orderBy(auditLog.id);
    expect(audit.some((a) => a.action === "create" && a.entityId === ids.question)).toBe(true);

    const again = await send(server, `/clerk/links?subject=${subject}`, { cookie, form });
    expect(again.status).toBe(400);
    const body = await again.text();
    expect(body).toContain("These are already linked");
    expect(body).toMatch(/<title>Error: /);
  });

  it("refuses a link from someone who is not a clerk", async () => {
    const member = await makeUser("member");
    const res = await send(server, "/clerk/links", {
      cookie: await cookieFor(member.id),
      form: [["intent", "link"], ["subject", `priority:${ids.priority}`], ["other", `recommendation:${ids.otherRec}`]],
    });
    expect(res.status).toBe(403);
  });
});

/**
 * The question and action registers' filters at archive scale: while there are
 * few recommendations and askers the filters are selects; past FILTER_CHOICES_MAX
 * they become text fields (the page stays light), and what is typed there, a
 * recommendation's reference and words or part of a member's name, filters the
 * register (and its CSV) without JavaScript. A select's id or slug still works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { FILTER_CHOICES_MAX } from "~/models/questions";
import { actions, inspections, people, questionRecommendations, recommendations } from "../../db/schema";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
const ids = { plansRec: "", caseloadsRec: "", khanSlug: "" };
const get = async (path: string) => {
  const res = await send(server, path);
  return { status: res.status, html: await res.text() };
};

beforeAll(async () => {
  server = await startTestServer();
  const org = await makeOrganisation({ name: "Register Trust" });
  const body = await makeBody();
  const meeting = await makeMeeting(body.id);
  const item = await makeItem(meeting.id);
  const [monitoring, focused] = await db()
    .insert(inspections)
    .values([
      { slug: "rf-monitoring-2023", title: "Monitoring visit 2023", kind: "monitoring_visit", visitStartOn: "2023-05-01", publishedOn: "2023-06-01" },
      { slug: "rf-focused-2025", title: "Focused visit 2025", kind: "focused_visit", visitStartOn: "2025-05-01", publishedOn: "2025-06-01" },
    ])
    .returning();
  const [plans, caseloads] = await db()
    .insert(recommendations)
    .values([
      { inspectionId: monitoring.id, reference: "R1", text: "Improve the quality of plans" },
      { inspectionId: focused.id, reference: "R1", text: "Reduce caseloads for social workers" },
    ])
    .returning();
  ids.plansRec = plans.id;
  ids.caseloadsRec = caseloads.id;
  const [khan, jones] = await db()
    .insert(people)
    .values([
      { slug: "rf-aisha-khan", name: "Aisha Khan" },
      { slug: "rf-owen-jones", name: "Owen Jones" },
    ])
    .returning();
  ids.khanSlug = khan.slug;
  const onPlans = await makeQuestion(item.id, org.id, { text: "Question about plans", askedById: jones.id });
  const onCaseloads = await makeQuestion(item.id, org.id, { text: "Question about caseloads", askedById: khan.id });
  await makeQuestion(item.id, org.id, { text: "Question about nothing in particular", askedById: jones.id });
  await db()
    .insert(questionRecommendations)
    .values([
      { questionId: onPlans.id, recommendationId: plans.id },
      { questionId: onCaseloads.id, recommendationId: caseloads.id },
    ]);
  await db()
    .insert(actions)
    .values([
      { description: "Action on caseloads", owningOrganisationId: org.id, recommendationId: caseloads.id, dueOn: "2026-03-01" },
      { description: "Action on plans", owningOrganisationId: org.id, recommendationId: plans.id, dueOn: "2026-03-01" },
    ]);
});

afterAll(async () => {
  await server?.close();
});

const shown = (html: string) => ["plans", "caseloads", "nothing in particular"].filter((w) => html.includes(`Question about ${w}`));

describe("register filters", () => {
  it("offers selects while the choices are few, and a select's id or slug filters", async () => {
    const all = await get("/questions");
    expect(all.status).toBe(200);
    expect(all.html).toMatch(/<select[^>]*name="recommendation"/);
    expect(all.html).toMatch(/<select[^>]*name="member"/);
    expect(shown((await get(`/questions?recommendation=${ids.plansRec}`)).html)).toEqual(["plans"]);
    expect(shown((await get(`/questions?member=${ids.khanSlug}`)).html)).toEqual(["caseloads"]);
  });

  it("filters by a recommendation's reference and words from it or its inspection", async () => {
    expect(shown((await get("/questions?recommendation=R1+focused+visit")).html)).toEqual(["caseloads"]);
    expect(shown((await get("/questions?recommendation=quality+plans")).html)).toEqual(["plans"]);
    expect(shown((await get("/questions?recommendation=R1")).html).sort()).toEqual(["caseloads", "plans"]);
    expect(shown((await get("/questions?recommendation=nowhere")).html)).toEqual([]);
    const csv = await (await send(server, "/questions.csv?recommendation=R1+focused+visit")).text();
    expect(csv).toContain("Question about caseloads");
    expect(csv).not.toContain("Question about plans");
    const acts = (await get("/actions?recommendation=R1+focused+visit")).html;
    expect(acts).toContain("Action on caseloads");
    expect(acts).not.toContain("Action on plans");
  });

  it("filters by part of a member's name", async () => {
    expect(shown((await get("/questions?member=khan")).html)).toEqual(["caseloads"]);
    expect(shown((await get("/questions?member=Owen")).html).sort()).toEqual(["nothing in particular", "plans"]);
  });

  it("never fails on odd input", async () => {
    // A NUL byte is refused at the door for every address (tests/integration/bad-input.test.ts).
    expect((await get("/questions?recommendation=%00%01")).status).toBe(400);
    for (const q of ["recommendation=%01", "recommendation=%22%22%22+-+OR", "member=%25_%5C", `member=${"x".repeat(5000)}`, "recommendation=!!!(&)"]) {
      const res = await get(`/questions?${q}`);
      expect(res.status, q).toBe(200);
    }
  });

  it("turns a long list into a text field that keeps what was typed", async () => {
    const [extra] = await db().insert(inspections).values({ slug: "rf-full-2019", title: "Full inspection 2019", kind: "full_inspection", visitStartOn: "2019-05-01", publishedOn: "2019-06-01" }).returning();
    await db()
      .insert(recommendations)
      .values(Array.from({ length: FILTER_CHOICES_MAX }, (_, i) => ({ inspectionId: extra.id, reference: `R${i + 1}`, text: `Recommendation number ${i + 1}`, position: i })));
    const { html } = await get("/questions?recommendation=R1+focused+visit");
    expect(html).not.toMatch(/<select[^>]*name="recommendation"/);
    expect(html).toMatch(/<input[^>]*name="recommendation"[^>]*type="text"[^>]*value="R1 focused visit"/);
    expect(html).toContain("for example R3 focused visit");
    expect(html).not.toContain("Recommendation number 7");
    expect(shown(html)).toEqual(["caseloads"]);
    expect((await get("/actions")).html).toMatch(/<input[^>]*name="recommendation"[^>]*type="text"/);
  });
});

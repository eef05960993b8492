/**
 * A question followed from the agenda item to closure over HTTP, through the
 * real app: who may do each step, what is refused (with a message, nothing
 * stored), what the public sees at each point, and who is told.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { setTransportForTests, type OutboxRow } from "~/models/publishing";
import { queueReminders } from "~/models/questions";
import { actions, organisations, outbox, questions, responses, users } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
const sent: OutboxRow[] = [];
let cookies: Record<"member" | "otherMember" | "officer" | "otherOfficer" | "clerk", string>;
let people: { member: { personId: string; email: string }; officer: { personId: string; email: string } };
let trustId: string;
let itemId: string;
let draftItemId: string;

beforeAll(async () => {
  setTransportForTests(async (email) => {
    sent.push(email);
  });
  server = await startTestServer();
  const member = await makeUser("member", { name: "Councillor Asker" });
  const otherMember = await makeUser("member");
  const officer = await makeUser("officer", { name: "Trust Officer" });
  const otherOfficer = await makeUser("officer");
  const clerk = await makeUser("clerk", { name: "Clerk Chaser" });
  trustId = officer.organisationId!;
  const elsewhere = await makeOrganisation({ name: "Elsewhere Council", kind: "council" });
  await db().update(users).set({ organisationId: elsewhere.id }).where(eq(users.id, otherOfficer.id));
  cookies = {
    member: await cookieFor(member.id),
    otherMember: await cookieFor(otherMember.id),
    officer: await cookieFor(officer.id),
    otherOfficer: await cookieFor(otherOfficer.id),
    clerk: await cookieFor(clerk.id),
  };
  people = { member: { personId: member.personId!, email: member.email }, officer: { personId: officer.personId!, email: officer.email } };
  const body = await makeBody({ responseWorkingDays: 20 });
  const meeting = await makeMeeting(body.id);
  itemId = (await makeItem(meeting.id, { title: "Children in care" })).id;
  draftItemId = (await makeItem(meeting.id, { title: "Draft item", position: 2, publishedAt: null })).id;
});

afterAll(async () => {
  setTransportForTests(null);
  await server?.close();
});

const post = (path: string, cookie: string | null, form: Record<string, string> | [string, string][]) => send(server, path, { cookie, form });
const get = (path: string, cookie: string | null = null) => send(server, path, { cookie });

async function raise(text: string) {
  const res = await post("/questions/new", cookies.member, { item: itemId, addressedToId: trustId, text });
  expect(res.status).toBe(303);
  const id = /\/questions\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "")![1];
  return id;
}

describe("raising a question", () => {
  it("lets a member raise one on a published item, due 20 working days after it was tabled, not yet public", async () => {
    const id = await raise("How many children waited more than a year for a permanent home?");
    const [q] = await db().select().from(questions).where(eq(questions.id, id));
    expect(q.acceptedAt).toBeNull();
    expect(q.askedById).toBe(people.member.personId);
    expect(q.dueOn! > q.tabledOn).toBe(true);
    expect((await get(`/questions/${id}`)).status).toBe(404);
    expect(await (await get("/questions.csv")).text()).not.toContain("permanent home");
    // The member who asked sees it, with its status.
    const own = await (await get(`/questions/${id}`, cookies.member)).text();
    expect(own).toContain("Submitted, not yet accepted");
  });

  it("refuses an empty question with a message beside the field, and stores nothing", async () => {
    const before = (await db().select().from(questions)).length;
    const res = await post(`/questions/new?item=${itemId}`, cookies.member, { item: itemId, addressedToId: trustId, text: "  " });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter the question");
    expect(html).toMatch(/<title>Error: /);
    expect((await db().select().from(questions)).length).toBe(before);
  });

  it("refuses officers, and unpublished items", async () => {
    expect((await post("/questions/new", cookies.officer, { item: itemId, addressedToId: trustId, text: "x" })).status).toBe(403);
    expect((await get(`/questions/new?item=${draftItemId}`, cookies.member)).status).toBe(404);
  });
});

describe("a question followed to closure", () => {
  let id: string;

  it("is accepted only by a clerk, then public, and the organisation is told", async () => {
    id = await raise("What is the Trust doing about social worker caseloads?");
    expect((await post(`/questions/${id}`, cookies.member, { intent: "accept" })).status).toBe(403);
    expect((await post(`/questions/${id}`, cookies.officer, { intent: "accept" })).status).toBe(404);
    const res = await post(`/questions/${id}`, cookies.clerk, { intent: "accept" });
    expect(res.status).toBe(303);
    const page = await (await get(`/questions/${id}`)).text();
    expect(page).toContain("social worker caseloads");
    expect(page).toContain("Accepted by the clerk");
    expect(page).toContain("Clerk Chaser");
    const mail = await db().select().from(outbox).where(eq(outbox.dedupeKey, `question:${id}:accepted:${(await officerUserId())}`));
    expect(mail).toHaveLength(1);
    expect(await (await get("/questions.csv")).text()).toContain("social worker caseloads");
  });

  it("refuses a response from a member or another organisation's officer, and an empty one", async () => {
    expect((await post(`/questions/${id}`, cookies.member, { intent: "respond", kind: "full", body: "No" })).status).toBe(403);
    expect((await post(`/questions/${id}`, cookies.otherOfficer, { intent: "respond", kind: "full", body: "No" })).status).toBe(403);
    const empty = await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "full", body: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter the response");
    expect(await db().select().from(responses).where(eq(responses.questionId, id))).toHaveLength(0);
  });

  it("takes a holding response with an expected date, then a full response with an action; the member is told", async () => {
    const noDate = await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "holding", body: "We are gathering figures." });
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain("Enter the date the full response is expected");
    const holding = await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "holding", body: "We are gathering figures.", expectedOn: "31/12/2099" });
    expect(holding.status).toBe(303);
    const full = await post(`/questions/${id}`, cookies.officer, {
      intent: "respond",
      kind: "full",
      body: "Average caseloads are 18 children per social worker.",
      actionDescription: "Publish caseload figures each quarter",
      actionDueOn: "2099-03-31",
      actionOwnerId: people.officer.personId,
    });
    expect(full.status).toBe(303);
    const told = sent.filter((m) => m.toAddress === people.member.email && m.subject.includes("response to your question"));
    expect(told.length).toBeGreaterThanOrEqual(2);
    const page = await (await get(`/questions/${id}`)).text();
    expect(page).toContain("Holding response");
    expect(page).toContain("18 children per social worker");
    expect(page).toContain("Answered, actions open");
  });

  it("refuses to close while an action is open, naming it", async () => {
    const res = await post(`/questions/${id}`, cookies.clerk, { intent: "close", closureReason: "Done" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Publish caseload figures each quarter");
    const [q] = await db().select().from(questions).where(eq(questions.id, id));
    expect(q.closedAt).toBeNull();
  });

  it("keeps a corrected response's earlier text visible as superseded", async () => {
    expect((await post(`/questions/${id}`, cookies.otherOfficer, { intent: "correct", correctionBody: "No" })).status).toBe(403);
    const res = await post(`/questions/${id}`, cookies.officer, { intent: "correct", correctionBody: "Average caseloads are 17 children per social worker." });
    expect(res.status).toBe(303);
    const page = await (await get(`/questions/${id}`)).text();
    expect(page).toContain("17 children per social worker");
    expect(page).toContain("18 children per social worker");
    expect(page).toContain("superseded by a correction");
  });

  it("completes the action only with closure evidence, and the question then closes by itself", async () => {
    const [action] = await db().select().from(actions).where(eq(actions.questionId, id));
    expect((await post(`/actions/${action.id}`, cookies.member, { intent: "complete", closureEvidence: "x" })).status).toBe(403);
    expect((await post(`/actions/${action.id}`, cookies.otherOfficer, { intent: "complete", closureEvidence: "x" })).status).toBe(403);
    const noEvidence = await post(`/actions/${action.id}`, cookies.officer, { intent: "complete", closureEvidence: "" });
    expect(noEvidence.status).toBe(400);
    expect(await noEvidence.text()).toContain("cannot be completed without it");
    expect((await db().select().from(actions).where(eq(actions.id, action.id)))[0].completedAt).toBeNull();
    expect((await post(`/actions/${action.id}`, cookies.officer, { intent: "start" })).status).toBe(303);
    expect((await post(`/actions/${action.id}`, cookies.officer, { intent: "note", note: "First quarter's figures drafted." })).status).toBe(303);
    expect((await post(`/actions/${action.id}`, cookies.officer, { intent: "complete", closureEvidence: "Figures published in the April performance report." })).status).toBe(303);
    const page = await (await get(`/questions/${id}`)).text();
    for (const step of ["Question raised", "Accepted by the clerk", "Holding response", "Corrected response", "Action agreed", "Action started", "First quarter", "Action completed", "April performance report", "Closed: answered"]) {
      expect(page, step).toContain(step);
    }
    expect(page).toContain("govuk-tag--grey\">Closed");
  });

  it("lets only the member who asked mark it satisfactory or ask a supplementary", async () => {
    expect((await post(`/questions/${id}`, cookies.otherMember, { intent: "satisfactory" })).status).toBe(403);
    expect((await post(`/questions/${id}`, cookies.member, { intent: "satisfactory" })).status).toBe(303);
    const sup = await post(`/questions/${id}`, cookies.member, { intent: "supplementary", supplementaryText: "Will caseloads fall further next year?" });
    expect(sup.status).toBe(303);
    const supId = /\/questions\/([0-9a-f-]{36})/.exec(sup.headers.get("location")!)![1];
    const [s] = await db().select().from(questions).where(eq(questions.id, supId));
    expect(s.parentQuestionId).toBe(id);
    expect(s.acceptedAt).toBeNull();
  });
});

describe("due dates, rejection and reminders", () => {
  it("refuses a due date before the tabled date, and a change without a reason", async () => {
    const id = await raise("When will the new fostering campaign start?");
    await post(`/questions/${id}`, cookies.clerk, { intent: "accept" });
    const early = await post(`/questions/${id}`, cookies.clerk, { intent: "due", dueOn: "2000-01-03", dueChangeReason: "Typo" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("on or after the date the question was tabled");
    const noReason = await post(`/questions/${id}`, cookies.clerk, { intent: "due", dueOn: "2099-01-05", dueChangeReason: "" });
    expect(noReason.status).toBe(400);
    expect((await post(`/questions/${id}`, cookies.member, { intent: "due", dueOn: "2099-01-05", dueChangeReason: "x" })).status).toBe(403);
    expect((await post(`/questions/${id}`, cookies.clerk, { intent: "due", dueOn: "2099-01-05", dueChangeReason: "Agreed at the meeting" })).status).toBe(303);
    const page = await (await get(`/questions/${id}`)).text();
    expect(page).toContain("Due date changed to 5 January 2099");
  });

  it("takes the new due date and an action's due date as the date input's three boxes, a bad one answered beside the field", async () => {
    const id = await raise("When will the care leavers' offer be refreshed?");
    await post(`/questions/${id}`, cookies.clerk, { intent: "accept" });
    const bad = await post(`/questions/${id}`, cookies.clerk, { intent: "due", "dueOn-day": "31", "dueOn-month": "2", "dueOn-year": "2099", dueChangeReason: "Agreed" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("New due date must be a real date");
    expect(html).toContain('id="dueOn-error"');
    expect(html).toMatch(/id="dueOn-month"[^>]*value="2"|value="2"[^>]*id="dueOn-month"/);
    const missing = await post(`/questions/${id}`, cookies.clerk, { intent: "action", newActionDescription: "Publish the refreshed offer", "newActionDueOn-day": "", "newActionDueOn-month": "6", "newActionDueOn-year": "2099" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Due date must include a day");
    // The model's refusals name the clerk's form's own fields, so the summary's links reach them.
    const early = await post(`/questions/${id}`, cookies.clerk, { intent: "action", newActionDescription: "Publish the refreshed offer", "newActionDueOn-day": "1", "newActionDueOn-month": "1", "newActionDueOn-year": "2001" });
    expect(early.status).toBe(400);
    expect(await early.text()).toMatch(/href="#newActionDueOn"[\s\S]*id="newActionDueOn-error"/);
    const stranger = await post(`/questions/${id}`, cookies.clerk, { intent: "action", newActionDescription: "Publish the refreshed offer", "newActionDueOn-day": "1", "newActionDueOn-month": "1", "newActionDueOn-year": "2099", newActionOwnerId: "00000000-0000-4000-8000-000000000000" });
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toMatch(/href="#newActionOwnerId"[\s\S]*id="newActionOwnerId-error"/);
    expect((await post(`/questions/${id}`, cookies.clerk, { intent: "due", "dueOn-day": "6", "dueOn-month": "1", "dueOn-year": "2099", dueChangeReason: "Agreed" })).status).toBe(303);
    expect(await (await get(`/questions/${id}`)).text()).toContain("Due date changed to 6 January 2099");
  });

  it("never shows a rejected question publicly; the member sees the reason", async () => {
    const id = await raise("A question about an individual child's case");
    expect((await post(`/questions/${id}`, cookies.clerk, { intent: "reject", rejectionReason: "" })).status).toBe(400);
    expect((await post(`/questions/${id}`, cookies.clerk, { intent: "reject", rejectionReason: "It concerns an individual child." })).status).toBe(303);
    expect((await get(`/questions/${id}`)).status).toBe(404);
    expect(await (await get("/questions")).text()).not.toContain("individual child");
    expect(await (await get("/questions.csv")).text()).not.toContain("individual child");
    expect(await (await get(`/questions/${id}`, cookies.member)).text()).toContain("It concerns an individual child.");
    expect((await get(`/questions/${id}`, cookies.otherMember)).status).toBe(404);
  });

  it("sends each due-date reminder once, however often the job runs", async () => {
    const id = await raise("Is the edge of care service fully staffed?");
    await post(`/questions/${id}`, cookies.clerk, { intent: "accept" });
    const [q] = await db().select().from(questions).where(eq(questions.id, id));
    const afterDue = new Date(`${q.dueOn}T12:00:00Z`);
    afterDue.setUTCDate(afterDue.getUTCDate() + 2);
    const first = await queueReminders({ now: afterDue, site: "https://portal.example" });
    const second = await queueReminders({ now: afterDue, site: "https://portal.example" });
    expect(first.queued).toBeGreaterThanOrEqual(1);
    expect(second.queued).toBe(0);
    const rows = await db().select().from(outbox).where(eq(outbox.dedupeKey, `reminder:question:${id}:overdue:${q.dueOn}:${await officerUserId()}`));
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toContain("Overdue");
  });
});

describe("queues", () => {
  it("shows the member their questions, the officer what awaits a response, the clerk what is overdue", async () => {
    const mine = await (await get("/my/questions", cookies.member)).text();
    expect(mine).toContain("fostering campaign");
    const queue = await (await get("/officer/queue", cookies.officer)).text();
    expect(queue).toContain("fostering campaign");
    expect(queue).not.toContain("social worker caseloads");
    expect((await get("/officer/queue", cookies.member)).status).toBe(403);
    expect((await get("/clerk/chase", cookies.clerk)).status).toBe(200);
    const filtered = await (await get("/questions?status=closed&sort=oldest&page=abc")).text();
    expect(filtered).toContain("social worker caseloads");
    expect(filtered).not.toContain("fostering campaign");
    const [trust] = await db().select().from(organisations).where(eq(organisations.id, trustId));
    const csv = await get(`/questions.csv?organisation=${trust.slug}&status=bogus&from=not-a-date`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
  });
});

async function officerUserId() {
  const [u] = await db().select().from(users).where(eq(users.personId, people.officer.personId));
  return u.id;
}

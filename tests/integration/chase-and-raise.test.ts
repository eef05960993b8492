/**
 * Issue 16, items 2 and 11: chasing from the chase list (a reminder through the outbox once
 * per record per day, closed records refused, nothing chosen answered beside the checkboxes),
 * a question entered after the fact with its true (past) dates, and questions on closed
 * business (refused to a member after the body's window, recorded by a clerk).
 */
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { chases, outbox, questions } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let cookies: Record<"member" | "officer" | "clerk", string>;
let memberPersonId: string;
let officerEmail: string;
let trustId: string;
let oldItemId: string;
let openItemId: string;

beforeAll(async () => {
  server = await startTestServer();
  const member = await makeUser("member");
  const officer = await makeUser("officer");
  const clerk = await makeUser("clerk", { name: "Chasing Clerk" });
  memberPersonId = member.personId!;
  officerEmail = officer.email;
  trustId = officer.organisationId!;
  cookies = { member: await cookieFor(member.id), officer: await cookieFor(officer.id), clerk: await cookieFor(clerk.id) };
  // A meeting held long ago, of a body that keeps questions open 28 days.
  const oldBody = await makeBody({ questionWindowDays: 28 });
  oldItemId = (await makeItem((await makeMeeting(oldBody.id, { startsAt: new Date("2025-03-10T18:00:00Z") })).id, { title: "Placements" })).id;
  openItemId = (await makeItem((await makeMeeting((await makeBody()).id)).id, { title: "Recruitment" })).id;
});

afterAll(async () => {
  await server?.close();
});

const post = (path: string, cookie: string, form: Record<string, string> | [string, string][]) => send(server, path, { cookie, form });
/** The fields a page marks in error (the ids of the messages beside them), sorted. */
const errorIds = (html: string) => [...html.matchAll(/id="([A-Za-z]+)-error"/g)].map((m) => m[1]).sort();
const idFrom = (r: Response) => /\/questions\/([0-9a-f-]{36})/.exec(r.headers.get("location") ?? "")![1];

/** The clerk enters a question of the old meeting after the fact, due long ago: overdue. */
async function enteredAfterTheFact(text: string) {
  const r = await post("/questions/new", cookies.clerk, {
    item: oldItemId,
    askedById: memberPersonId,
    addressedToId: trustId,
    text,
    enteredAfterTheFact: "yes",
    "tabledOn-day": "10",
    "tabledOn-month": "3",
    "tabledOn-year": "2025",
    "dueOn-day": "7",
    "dueOn-month": "4",
    "dueOn-year": "2025",
  });
  expect(r.status).toBe(303);
  return idFrom(r);
}

describe("questions on closed business", () => {
  it("refuses a member after the body's window, with the message beside the question", async () => {
    const r = await post(`/questions/new?item=${oldItemId}`, cookies.member, { item: oldItemId, addressedToId: trustId, text: "Why were placements moved?" });
    expect(r.status).toBe(409);
    const page = await r.text();
    expect(page).toContain('id="text-error"');
    expect(page).toContain("Questions on this item closed on 7 April 2025, 28 days after the meeting. Ask the clerk if it must still be recorded");
    expect(page).toContain("Why were placements moved?</textarea>");
  });

  it("reports every missing field of an empty form at once", async () => {
    const member = await (await post(`/questions/new?item=${openItemId}`, cookies.member, { item: openItemId, addressedToId: "", text: "" })).text();
    expect(errorIds(member)).toEqual(["addressedToId", "text"]);
    const clerk = await (await post(`/questions/new?item=${openItemId}`, cookies.clerk, { item: openItemId, askedById: "", addressedToId: "", text: "", enteredAfterTheFact: "yes" })).text();
    expect(errorIds(clerk)).toEqual(["addressedToId", "askedById", "dueOn", "tabledOn", "text"]);
  });

  it("does not put questions to an inspectorate", async () => {
    const ofsted = await makeOrganisation({ name: "Ofsted", kind: "inspectorate" });
    const r = await post(`/questions/new?item=${openItemId}`, cookies.member, { item: openItemId, addressedToId: ofsted.id, text: "What did you find?" });
    expect(r.status).toBe(400);
    expect(errorIds(await r.text())).toEqual(["addressedToId"]);
    const page = await (await send(server, `/questions/new?item=${openItemId}`, { cookie: cookies.member })).text();
    expect(page).not.toContain(">Ofsted<");
  });

  it("lets the clerk enter one after the fact with its true dates, marked so and overdue", async () => {
    const id = await enteredAfterTheFact("How many placements moved in March 2025?");
    const [q] = await db().select().from(questions).where(eq(questions.id, id));
    expect({ tabledOn: q.tabledOn, dueOn: q.dueOn, enteredAfterTheFact: q.enteredAfterTheFact }).toEqual({ tabledOn: "2025-03-10", dueOn: "2025-04-07", enteredAfterTheFact: true });
    const page = await (await send(server, `/questions/${id}`)).text();
    expect(page).toContain("Entered after the fact");
    expect(page).toContain("Overdue");
    const api = (await (await send(server, `/api/v1/questions/${id}`)).json()) as { data: { entered_after_the_fact: boolean } };
    expect(api.data.entered_after_the_fact).toBe(true);
  });

  it("still refuses a due date before the tabled date", async () => {
    const r = await post(`/questions/new?item=${oldItemId}`, cookies.clerk, {
      item: oldItemId, askedById: memberPersonId, addressedToId: trustId, text: "Too early?", enteredAfterTheFact: "yes",
      "tabledOn-day": "10", "tabledOn-month": "3", "tabledOn-year": "2025", "dueOn-day": "9", "dueOn-month": "3", "dueOn-year": "2025",
    });
    expect(r.status).toBe(400);
    const page = await r.text();
    expect(errorIds(page)).toEqual(["dueOn"]);
    expect(page).toContain("The due date must be on or after the date it was tabled (10 March 2025)");
  });
});

describe("chasing", () => {
  const reminders = () => db().select().from(outbox).where(and(eq(outbox.toAddress, officerEmail), like(outbox.subject, "Reminder from the clerk%")));

  it("sends one reminder through the outbox however often it is posted in a day, and records it on the timeline", async () => {
    const id = await enteredAfterTheFact("Chase me: how many placements ended early?");
    const before = (await reminders()).length;
    expect((await post("/clerk/chase", cookies.clerk, { one: `question:${id}` })).status).toBe(303);
    const again = await post("/clerk/chase", cookies.clerk, [["records", `question:${id}`]]);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Already chased today, so not sent again");
    expect((await reminders()).length).toBe(before + 1);
    expect(await db().select().from(chases).where(eq(chases.questionId, id))).toHaveLength(1);
    const page = await (await send(server, `/questions/${id}`)).text();
    expect(page).toMatch(/Chased by Chasing Clerk on \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  it("refuses a record already closed, and sends nothing", async () => {
    const id = await enteredAfterTheFact("Answered already?");
    expect((await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "full", body: "Yes." })).status).toBe(303);
    const before = (await reminders()).length;
    const r = await post("/clerk/chase", cookies.clerk, { one: `question:${id}` });
    expect(r.status).toBe(409);
    expect((await r.text()).replaceAll("&quot;", '"')).toContain('No reminder sent about "Answered already?": it is already closed');
    expect((await reminders()).length).toBe(before);
  });

  it("answers nothing chosen beside the checkboxes", async () => {
    const r = await post("/clerk/chase", cookies.clerk, {});
    expect(r.status).toBe(400);
    const page = await r.text();
    expect(page).toContain('id="records-error"');
    expect(page).toContain("Select at least one question or action to send a reminder about");
  });

  it("is the clerk's alone", async () => {
    const id = await enteredAfterTheFact("Members cannot chase");
    expect((await post("/clerk/chase", cookies.member, { one: `question:${id}` })).status).toBe(403);
  });
});

describe("the officer's response, previewed before publishing", () => {
  it("previews a holding response without saving it, then publishes it; a correction shows old beside new first", async () => {
    const raised = await post(`/questions/new?item=${openItemId}`, cookies.clerk, { item: openItemId, askedById: memberPersonId, addressedToId: trustId, text: "Previewed?" });
    const id = idFrom(raised);
    const choice = await (await send(server, `/questions/${id}`, { cookie: cookies.officer })).text();
    expect(choice).toContain("Is this a holding response or a full response?");
    expect(choice).not.toContain('name="body"');
    const holding = await (await send(server, `/questions/${id}?respond=holding`, { cookie: cookies.officer })).text();
    expect(holding).toContain('name="expectedOn-day"');
    expect(holding).not.toContain('name="actionDescription"');
    const form = { kind: "holding", body: "We are counting.", "expectedOn-day": "31", "expectedOn-month": "1", "expectedOn-year": "2099" };
    const preview = await post(`/questions/${id}`, cookies.officer, { intent: "preview-respond", ...form });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Check the response before publishing it");
    expect(html).toContain("Holding response (full response expected by 31 January 2099)");
    expect((await db().select().from(questions).where(eq(questions.id, id)))[0].id).toBe(id);
    expect(await (await send(server, `/api/v1/questions/${id}`)).text()).not.toContain("We are counting.");
    expect((await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "holding", body: "We are counting.", expectedOn: "31/1/2099" })).status).toBe(303);
    expect((await post(`/questions/${id}`, cookies.officer, { intent: "respond", kind: "full", body: "Twelve." })).status).toBe(303);
    const compare = await (await post(`/questions/${id}`, cookies.officer, { intent: "preview-correct", correctionBody: "Thirteen." })).text();
    expect(compare).toContain("Published now");
    expect(compare).toMatch(/Published now<\/h4><div[^>]*><p>Twelve\.<\/p>/);
    expect(compare).toMatch(/Your correction<\/h4><div[^>]*><p>Thirteen\.<\/p>/);
    const api = await (await send(server, `/api/v1/questions/${id}`)).text();
    expect(api).not.toContain("Thirteen.");
  });
});

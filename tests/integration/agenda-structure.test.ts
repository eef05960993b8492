/**
 * The agenda's structure after creation (issue 16, item 5): an item is made part of another
 * main item and moved out again through the item page's "Part of" field, numbers re-derived;
 * the sub-item rule refuses beside the field; removal asks for confirmation on its own page,
 * says what goes with the item, and is refused (naming them) while questions hang on it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addItem, createMeeting, getClerkMeeting, setItemParent } from "~/models/meetings";
import { agendaItems, auditLog, documents, minutes } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeDocument, makeMinute, makeOrganisation, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let actor: { userId: string };
let bodyId: string;
let orgId: string;
let server: TestServer;
let cookie: string;
const BEFORE = new Date("2030-01-02T09:00:00Z");
const tx = <T>(fn: (t: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => Promise<T>) => db().transaction(fn);

beforeAll(async () => {
  const clerk = await makeUser("clerk");
  actor = { userId: clerk.id };
  cookie = await cookieFor(clerk.id);
  bodyId = (await makeBody()).id;
  orgId = (await makeOrganisation()).id;
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A meeting with items A, B (with sub-item B1), C. */
async function agenda(day: string) {
  const m = await tx((t) => createMeeting(t, actor, { bodyId, title: `Board ${day}`, day, startTime: "18:00", endTime: "", venue: "", attendanceMode: "in_person" }, BEFORE));
  const add = (title: string, parentId: string | null = null) => tx((t) => addItem(t, actor, m.id, { title, parentId }));
  const a = await add("A");
  const b = await add("B");
  const b1 = await add("B1", b.id);
  const c = await add("C");
  return { meeting: m, a, b, b1, c };
}

async function numbered(meetingId: string) {
  const data = await getClerkMeeting(meetingId);
  return data!.items.map((i) => `${i.number} ${i.title}`);
}

describe("Part of: making an item a sub-item and moving it out", () => {
  it("through the item page: C becomes 2.2, then a main item again at the end; each move audited", async () => {
    const { meeting, b, c } = await agenda("2030-06-10");
    const page = await send(server, `/clerk/items/${c.id}`, { cookie });
    const html = await page.text();
    expect(html).toContain("Part of");
    expect(html).toContain("Not part of another item");
    expect(html).toContain("2. B</option>");
    expect(html).not.toContain("3. C</option>");

    const into = await send(server, `/clerk/items/${c.id}`, { cookie, form: { intent: "part-of", parentId: b.id } });
    expect(into.status).toBe(303);
    expect(into.headers.get("location")).toBe(`/clerk/items/${c.id}?done=part-of`);
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 B", "2.1 B1", "2.2 C"]);
    const after = await send(server, `/clerk/items/${c.id}?done=part-of`, { cookie });
    expect(await after.text()).toContain("its number is now 2.2");

    const out = await send(server, `/clerk/items/${c.id}`, { cookie, form: { intent: "part-of", parentId: "" } });
    expect(out.status).toBe(303);
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 B", "2.1 B1", "3 C"]);

    const audits = await db().select().from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "update"))).orderBy(auditLog.id);
    expect(audits.map((x) => [x.before, x.after])).toEqual([
      [{ parentId: null, number: "3" }, { parentId: b.id, number: "2.2" }],
      [{ parentId: b.id, number: "2.2" }, { parentId: null, number: "3" }],
    ]);
  });

  it("moves a sub-item out to the end of the agenda, renumbering", async () => {
    const { meeting, b1 } = await agenda("2030-06-11");
    await tx((t) => setItemParent(t, actor, b1.id, null));
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 B", "3 C", "4 B1"]);
  });

  it("refuses beside the field: itself, under a sub-item, an item with sub-items, another meeting's item, a forged id", async () => {
    const { meeting, a, b, b1 } = await agenda("2030-06-12");
    const other = await agenda("2030-06-13");
    const post = async (itemId: string, parentId: string) => {
      const r = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "part-of", parentId } });
      expect(r.status).toBe(400);
      const html = await r.text();
      expect(html).toContain("govuk-error-summary");
      expect(html).toContain('href="#parentId"');
      expect(html).toContain('id="parentId-error"');
      return html;
    };
    expect(await post(a.id, a.id)).toContain("An item cannot be part of itself");
    expect(await post(a.id, b1.id)).toContain("Sub-items go under a main item, not under another sub-item");
    expect(await post(b.id, a.id)).toContain("This item has a sub-item of its own, and a sub-item cannot have sub-items: move it out first");
    expect(await post(a.id, other.a.id)).toContain("Select an item of this meeting");
    expect(await post(a.id, "not-an-id")).toContain("Select an item of this meeting");
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 B", "2.1 B1", "3 C"]);
  });
});

describe("Removing an item", () => {
  it("asks first, says what goes with it, then removes it with its minute and its own documents", async () => {
    const { meeting, c } = await agenda("2030-06-14");
    await makeMinute(c.id, "Discussed.");
    const own = await makeDocument({ publishedAt: null, title: "Only here" }, c.id);
    const shared = await makeDocument({ publishedAt: null, title: "Shared" }, c.id);
    await db().insert((await import("../../db/schema")).agendaItemDocuments).values({ agendaItemId: (await agenda("2030-06-15")).a.id, documentId: shared.id });

    const page = await send(server, `/clerk/items/${c.id}/remove`, { cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Remove item 3: C");
    expect(html).toContain("its minute");
    expect(html).toContain("1 document attached only to it");
    expect(html).toContain("1 document is also used elsewhere or published");
    expect(await numbered(meeting.id)).toContain("3 C");

    const done = await send(server, `/clerk/items/${c.id}/remove`, { cookie, form: { intent: "remove" } });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/clerk/meetings/${meeting.id}?done=removed`);
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 B", "2.1 B1"]);
    expect(await db().select().from(minutes).where(eq(minutes.agendaItemId, c.id))).toEqual([]);
    expect(await db().select().from(documents).where(eq(documents.id, own.id))).toEqual([]);
    expect(await db().select().from(documents).where(eq(documents.id, shared.id))).toHaveLength(1);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, c.id), eq(auditLog.action, "delete"))).orderBy(auditLog.id);
    expect(audit.before).toMatchObject({ title: "C", number: "3" });
    expect(audit.after).toMatchObject({ minuteRemoved: true, documentsDeleted: [own.id], documentsDetached: [shared.id] });
  });

  it("is refused while questions hang on the item, naming them, on the page and when posted", async () => {
    const { a } = await agenda("2030-06-16");
    await makeQuestion(a.id, orgId, { text: "What is the waiting list for assessments?" });
    await makeQuestion(a.id, orgId, { text: "How many placements ended early?" });
    const page = await send(server, `/clerk/items/${a.id}/remove`, { cookie });
    const html = await page.text();
    expect(html).toContain("The item cannot be removed while 2 questions are recorded on it");
    expect(html).toContain("What is the waiting list for assessments?");
    expect(html).toContain("How many placements ended early?");
    expect(html).not.toContain("Remove the item</button>");

    const posted = await send(server, `/clerk/items/${a.id}/remove`, { cookie, form: { intent: "remove" } });
    expect(posted.status).toBe(400);
    expect(await posted.text()).toContain("The item cannot be removed while 2 questions are recorded on it");
    expect(await db().select().from(agendaItems).where(eq(agendaItems.id, a.id))).toHaveLength(1);
  });

  it("is refused while the item has sub-items; a published item offers no removal", async () => {
    const { b } = await agenda("2030-06-17");
    const html = await (await send(server, `/clerk/items/${b.id}/remove`, { cookie })).text();
    expect(html).toContain("The item cannot be removed while it has 1 sub-item");
    expect(html).toContain("2.1. B1");
    const nothing = await send(server, `/clerk/items/00000000-0000-4000-8000-000000000000/remove`, { cookie });
    expect(nothing.status).toBe(404);
  });
});

/**
 * Reordering an agenda by drag or keyboard (intent=reorder, `moveItemTo`): an item
 * goes to a position among its siblings, numbers are re-derived from the new order,
 * sub-items move with their parent, a position past the end is refused with a
 * message and nothing changes, and each move is audited.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addItem, moveItemTo } from "~/models/meetings";
import { createMeeting, getClerkMeeting } from "~/models/meetings";
import { agendaItems, auditLog } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let actor: { userId: string };
let bodyId: string;
let server: TestServer;
let cookie: string;
const BEFORE = new Date("2030-01-02T09:00:00Z");
const tx = <T>(fn: (t: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => Promise<T>) => db().transaction(fn);

beforeAll(async () => {
  const clerk = await makeUser("clerk");
  actor = { userId: clerk.id };
  cookie = await cookieFor(clerk.id);
  bodyId = (await makeBody()).id;
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A meeting with items A, B (with sub-items B1, B2), C, D. */
async function agenda(day: string) {
  const m = await tx((t) => createMeeting(t, actor, { bodyId, title: `Board ${day}`, day, startTime: "18:00", endTime: "", venue: "", attendanceMode: "in_person" }, BEFORE));
  const add = (title: string, parentId: string | null = null) => tx((t) => addItem(t, actor, m.id, { title, parentId }));
  const a = await add("A");
  const b = await add("B");
  const b1 = await add("B1", b.id);
  const b2 = await add("B2", b.id);
  const c = await add("C");
  const d = await add("D");
  return { meeting: m, a, b, b1, b2, c, d };
}

/** The agenda as the clerk's page numbers it: "number title" in order. */
async function numbered(meetingId: string) {
  const data = await getClerkMeeting(meetingId);
  return data!.items.map((i) => `${i.number} ${i.title}`);
}

describe("moving an agenda item to a position", () => {
  it("moves an item down and up, re-deriving every number", async () => {
    const { meeting, a, d } = await agenda("2030-05-13");
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 B", "2.1 B1", "2.2 B2", "3 C", "4 D"]);
    await tx((t) => moveItemTo(t, actor, a.id, 3));
    expect(await numbered(meeting.id)).toEqual(["1 B", "1.1 B1", "1.2 B2", "2 C", "3 A", "4 D"]);
    await tx((t) => moveItemTo(t, actor, d.id, 1));
    expect(await numbered(meeting.id)).toEqual(["1 D", "2 B", "2.1 B1", "2.2 B2", "3 C", "4 A"]);
    const moves = await db().select().from(auditLog).where(and(eq(auditLog.entityId, d.id), eq(auditLog.action, "update"))).orderBy(auditLog.id);
    expect(moves.map((m) => m.after)).toEqual([{ position: 1, moved: "to" }]);
  });

  it("takes sub-items with their parent, and reorders sub-items within their parent", async () => {
    const { meeting, b, b2 } = await agenda("2030-05-14");
    await tx((t) => moveItemTo(t, actor, b.id, 4));
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 C", "3 D", "4 B", "4.1 B1", "4.2 B2"]);
    await tx((t) => moveItemTo(t, actor, b2.id, 1));
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 C", "3 D", "4 B", "4.1 B2", "4.2 B1"]);
    const [moved] = await db().select().from(agendaItems).where(eq(agendaItems.id, b2.id));
    expect(moved.parentId).toBe(b.id);
  });

  it("refuses a position past the end, changing nothing", async () => {
    const { meeting, a, b1 } = await agenda("2030-05-15");
    await expect(tx((t) => moveItemTo(t, actor, a.id, 5))).rejects.toThrow("The item cannot move to position 5: there are only 4 items at its level");
    await expect(tx((t) => moveItemTo(t, actor, b1.id, 3))).rejects.toThrow("there are only 2 items at its level");
    await expect(tx((t) => moveItemTo(t, actor, a.id, 0))).rejects.toThrow("Choose a position of 1 or more");
    expect(await numbered(meeting.id)).toEqual(["1 A", "2 B", "2.1 B1", "2.2 B2", "3 C", "4 D"]);
  });

  it("through the page: a reorder posts and redirects; past the end shows the message in the error summary", async () => {
    const { meeting, a, c } = await agenda("2030-05-16");
    const path = `/clerk/meetings/${meeting.id}`;
    const moved = await send(server, path, { cookie, form: { intent: "reorder", itemId: c.id, position: "1" } });
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe(`${path}?done=moved`);
    expect(await numbered(meeting.id)).toEqual(["1 C", "2 A", "3 B", "3.1 B1", "3.2 B2", "4 D"]);

    const tooFar = await send(server, path, { cookie, form: { intent: "reorder", itemId: a.id, position: "9" } });
    expect(tooFar.status).toBe(400);
    const html = await tooFar.text();
    expect(html).toContain("The item cannot move to position 9: there are only 4 items at its level");
    expect(html).toContain("govuk-error-summary");
    const nonsense = await send(server, path, { cookie, form: { intent: "reorder", itemId: a.id, position: "last" } });
    expect(nonsense.status).toBe(400);
    expect(await nonsense.text()).toContain("Choose the position to move the item to");
    expect(await numbered(meeting.id)).toEqual(["1 C", "2 A", "3 B", "3.1 B1", "3.2 B2", "4 D"]);
  });
});

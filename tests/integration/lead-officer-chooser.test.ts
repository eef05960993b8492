/**
 * The lead officer of an agenda item is chosen from people a page at a time (the item's own
 * page no longer sends every person): search by name, page through, choose one or none; a
 * published item's change needs its reason; a stale page is refused; each change is kept as a
 * revision and audited, as the item's own form does.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { agendaItems, auditLog, people } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let cookie: string;
let draftItem: string;
let publishedItem: string;
const ids: Record<string, string> = {};

const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

beforeAll(async () => {
  server = await startTestServer();
  cookie = await cookieFor((await makeUser("clerk")).id);
  const meeting = await makeMeeting((await makeBody({ name: "Chooser Board" })).id, { title: "Chooser meeting" });
  draftItem = (await makeItem(meeting.id, { position: 1, title: "Fostering", publishedAt: null })).id;
  publishedItem = (await makeItem(meeting.id, { position: 2, title: "Adoption" })).id;
  // 45 officers: three pages of people, as a real archive has thousands.
  const rows = Array.from({ length: 45 }, (_, i) => ({ slug: `officer-${i + 1}-leadtest`, name: `Officer ${String(i + 1).padStart(2, "0")} Leadtest`, jobTitle: `Head of service ${i + 1}` }));
  for (const row of await db().insert(people).values(rows).returning({ id: people.id, name: people.name })) ids[row.name] = row.id;
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("the lead officer chooser", () => {
  it("lists people twenty at a time, with a search by name, and the item's page sends none of them", async () => {
    const first = await text(await send(server, `/clerk/items/${draftItem}/lead-officer`, { cookie }));
    expect(first).toContain("Lead officer for item 1: Fostering");
    expect(first).toContain("No lead officer is set.");
    expect(first).toContain("Officer 01 Leadtest, Head of service 1");
    expect(first).not.toContain("Officer 21 Leadtest");
    expect(first).toMatch(/page 1 of 3/);
    const third = await text(await send(server, `/clerk/items/${draftItem}/lead-officer?page=3`, { cookie }));
    expect(third).toContain("Officer 45 Leadtest");
    const found = await text(await send(server, `/clerk/items/${draftItem}/lead-officer?q=Officer%2033`, { cookie }));
    expect(found).toContain("1 person whose name contains “Officer 33”");
    expect(found).toContain("Officer 33 Leadtest");
    expect(found).not.toContain("Officer 32 Leadtest");
    const itemPage = await text(await send(server, `/clerk/items/${draftItem}`, { cookie }));
    expect(itemPage).not.toContain("Leadtest");
    expect(itemPage).toContain(`href="/clerk/items/${draftItem}/lead-officer"`);
  });

  it("saves the chosen person, shown on the item's page, kept as a revision and audited", async () => {
    const [item] = await db().select().from(agendaItems).where(eq(agendaItems.id, draftItem));
    const chosen = ids["Officer 33 Leadtest"];
    const saved = await send(server, `/clerk/items/${draftItem}/lead-officer?q=Officer%2033`, { cookie, form: { leadOfficerId: chosen, version: String(item.version) } });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/clerk/items/${draftItem}?done=lead-officer`);
    const [after] = await db().select().from(agendaItems).where(eq(agendaItems.id, draftItem));
    expect(after).toMatchObject({ leadOfficerId: chosen, version: item.version + 1, title: item.title, body: item.body });
    const page = await text(await send(server, `/clerk/items/${draftItem}?done=lead-officer`, { cookie }));
    expect(page).toContain("Lead officer saved.");
    expect(page).toContain("Officer 33 Leadtest, Head of service 33");
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "agenda_item"), eq(auditLog.entityId, draftItem))).orderBy(auditLog.id);
    expect(audit.some((a) => (a.after as { leadOfficerId?: string }).leadOfficerId === chosen)).toBe(true);
    // The chooser says who it is now, and "No lead officer" clears it.
    expect(await text(await send(server, `/clerk/items/${draftItem}/lead-officer`, { cookie }))).toContain("The lead officer is Officer 33 Leadtest, Head of service 33.");
    expect((await send(server, `/clerk/items/${draftItem}/lead-officer`, { cookie, form: { leadOfficerId: "", version: String(after.version) } })).status).toBe(303);
    expect((await db().select().from(agendaItems).where(eq(agendaItems.id, draftItem)))[0].leadOfficerId).toBeNull();
  });

  it("refuses no choice, a person who does not exist, a missing reason and a stale page, beside the field, keeping what was chosen", async () => {
    const version = async () => String((await db().select().from(agendaItems).where(eq(agendaItems.id, publishedItem)))[0].version);
    const nothing = await send(server, `/clerk/items/${publishedItem}/lead-officer`, { cookie, form: { version: await version() } });
    expect(nothing.status).toBe(400);
    const nothingHtml = await text(nothing);
    expect(nothingHtml).toContain("<title>Error: ");
    expect(nothingHtml).toContain('href="#leadOfficerId"');
    expect(nothingHtml).toContain("Select a person from the list, or &quot;No lead officer&quot;");

    const unknown = await send(server, `/clerk/items/${publishedItem}/lead-officer`, { cookie, form: { leadOfficerId: "00000000-0000-4000-8000-000000000000", reason: "New lead", version: await version() } });
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain("Select a lead officer from the list");

    const chosen = ids["Officer 02 Leadtest"];
    const noReason = await send(server, `/clerk/items/${publishedItem}/lead-officer`, { cookie, form: { leadOfficerId: chosen, reason: "", version: await version() } });
    expect(noReason.status).toBe(400);
    const noReasonHtml = await text(noReason);
    expect(noReasonHtml).toContain("enter the reason for the change");
    // The choice is kept: its radio is still checked.
    expect(noReasonHtml).toMatch(new RegExp(`<input[^>]* checked=""[^>]* value="${chosen}"`));

    const stale = await send(server, `/clerk/items/${publishedItem}/lead-officer`, { cookie, form: { leadOfficerId: chosen, reason: "New lead", version: "999" } });
    expect(stale.status).toBe(409);

    const saved = await send(server, `/clerk/items/${publishedItem}/lead-officer`, { cookie, form: { leadOfficerId: chosen, reason: "New lead", version: await version() } });
    expect(saved.status).toBe(303);
    expect((await db().select().from(agendaItems).where(eq(agendaItems.id, publishedItem)))[0].leadOfficerId).toBe(chosen);
  });
});

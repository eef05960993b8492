/**
 * The clerk's agenda item page, its smaller forms through the route: a declaration of
 * interest refused beside each field with what was typed kept, refused for someone not
 * recorded as present, recorded and then removed (each audited); a document refused
 * without its title and attached with one.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addItem, saveRegister } from "~/models/meetings";
import { agendaItemDocuments, auditLog, documents, interestDeclarations as declarations, memberships, people } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeMeeting } from "../support/factories";
import { send, startTestServer, type TestServer, pageHtml } from "../support/remix-app";

const tx = <T>(fn: (t: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => Promise<T>) => db().transaction(fn);
let server: TestServer;
let cookie: string;
let itemId: string;
const person: Record<string, string> = {};

beforeAll(async () => {
  const clerk = await makeUser("clerk");
  const actor = { userId: clerk.id };
  cookie = await cookieFor(clerk.id);
  const bodyId = (await makeBody({ name: "Item Forms Board" })).id;
  for (const [key, name] of [["present", "Present Member"], ["absent", "Absent Member"]] as const) {
    const [p] = await db().insert(people).values({ slug: `item-forms-${key}`, name }).returning();
    person[key] = p.id;
    await db().insert(memberships).values({ personId: p.id, bodyId, role: "member" });
  }
  const meeting = await makeMeeting(bodyId, { startsAt: new Date(Date.now() - 3 * 86_400_000) });
  await tx((t) => saveRegister(t, actor, meeting.id, [{ personId: person.present, mark: "present", substituteId: null }, { personId: person.absent, mark: "absent", substituteId: null }]));
  itemId = (await tx((t) => addItem(t, actor, meeting.id, { title: "Budget monitoring", parentId: null }))).id;
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const html = pageHtml;
const fieldError = (html: string, name: string) => html.match(new RegExp(`id="${name}-error"[^>]*>([\\s\\S]*?)</p>`))?.[1].replace(/<[^>]+>/g, "").trim();

describe("declarations of interest on the item page", () => {
  it("a declaration missing its parts is refused beside each field, and the nature typed is kept", async () => {
    const r = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "declaration", declarationPersonId: "", kind: "", nature: "" } });
    expect(r.status).toBe(400);
    const page = await html(r);
    expect(fieldError(page, "declarationPersonId")).toContain("Select the member who declared the interest");
    expect(fieldError(page, "kind")).toContain("Select the kind of interest");
    expect(fieldError(page, "nature")).toContain("Enter the nature of the interest");

    const kept = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "declaration", declarationPersonId: person.present, kind: "", nature: "School governor at the academy" } });
    const keptHtml = await html(kept);
    expect(kept.status).toBe(400);
    expect(keptHtml).toContain("School governor at the academy</textarea>");
    expect(fieldError(keptHtml, "declarationPersonId")).toBeUndefined();
  });

  it("someone not recorded as present is refused beside the field", async () => {
    const r = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "declaration", declarationPersonId: person.absent, kind: "other", nature: "Governor" } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(fieldError(await html(r), "declarationPersonId")).toBeTruthy();
    expect(await db().select().from(declarations).where(eq(declarations.agendaItemId, itemId))).toHaveLength(0);
  });

  it("is recorded, shown on the page, then removed; each step audited", async () => {
    const r = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "declaration", declarationPersonId: person.present, kind: "pecuniary", nature: "Owns land near the site", leftRoom: "yes" } });
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe(`/clerk/items/${itemId}?done=declaration#declarations`);
    const page = await html(await send(server, `/clerk/items/${itemId}?done=declaration`, { cookie }));
    expect(page).toContain("Declarations updated.");
    expect(page).toContain("Present Member: pecuniary interest, Owns land near the site (left the room)");
    const [row] = await db().select().from(declarations).where(eq(declarations.agendaItemId, itemId));
    expect(row).toMatchObject({ personId: person.present, kind: "pecuniary", leftRoom: true });

    const removed = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "remove-declaration", declarationId: row.id } });
    expect(removed.status).toBe(303);
    expect(await db().select().from(declarations).where(eq(declarations.agendaItemId, itemId))).toHaveLength(0);
    const audited = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, row.id)).orderBy(auditLog.id);
    expect(audited.map((a) => a.action)).toEqual(["create", "delete"]);
  });
});

describe("a document attached on the item page", () => {
  it("is refused without a title, the report typed kept, and attached as a draft with one", async () => {
    const bad = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "document", docTitle: "", docBody: "The quarter's figures" } });
    expect(bad.status).toBe(400);
    const refused = await html(bad);
    expect(fieldError(refused, "docTitle")).toContain("Enter the document's title");
    expect(refused).toContain("The quarter's figures</textarea>");

    const good = await send(server, `/clerk/items/${itemId}`, { cookie, form: { intent: "document", docTitle: "Budget report Q2", docBody: "The quarter's figures" } });
    expect(good.status).toBe(303);
    expect(good.headers.get("location")).toBe(`/clerk/items/${itemId}?done=document#documents`);
    const page = await html(await send(server, `/clerk/items/${itemId}?done=document`, { cookie }));
    expect(page).toContain("Document added.");
    expect(page).toContain("Budget report Q2</a> (draft)");
    const rows = await db()
      .select({ id: documents.id })
      .from(documents)
      .innerJoin(agendaItemDocuments, eq(agendaItemDocuments.documentId, documents.id))
      .where(and(eq(agendaItemDocuments.agendaItemId, itemId), eq(documents.title, "Budget report Q2")));
    expect(rows).toHaveLength(1);
  });
});

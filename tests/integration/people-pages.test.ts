/**
 * Issue 18, item 1: /people and /people/:slug as a reader meets them: a
 * member's roles with terms, the attendance record per body and municipal
 * year with its percentage, each meeting listed, declarations of interest and
 * questions raised; nothing from a draft meeting or an exempt item; a demo
 * login never appears.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { db } from "~/db.server";
import { interestDeclarations, meetingAttendance, memberships, people, users } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";
import { eq } from "drizzle-orm";

let server: TestServer;
/** The text of the page's <main>, as a reader reads it. */
const text = (html: string) =>
  (html.match(/<main[\s\S]*<\/main>/)?.[0] ?? "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .replace(/ ([,.:)])/g, "$1")
    .replace(/\( /g, "(");

beforeAll(async () => {
  await importContent({ directory: path.resolve(process.cwd(), "content"), log: () => {} });
  server = await startTestServer();
  const body = await makeBody({ name: "Audit Panel", slug: "audit-panel" });
  const [member, sub] = await db()
    .insert(people)
    .values([
      { slug: "pp-amira-shah", name: "Amira Shah", honorific: "Councillor" },
      { slug: "pp-ben-ward", name: "Ben Ward", honorific: "Councillor" },
    ])
    .returning();
  await db().insert(memberships).values([
    { personId: member.id, bodyId: body.id, role: "chair", startOn: "2021-05-20" },
    { personId: member.id, bodyId: body.id, role: "member", startOn: "2019-05-20", endOn: "2021-05-19" },
  ]);
  const june = await makeMeeting(body.id, { title: "Audit Panel June", startsAt: new Date("2021-06-10T17:00:00Z") });
  const sept = await makeMeeting(body.id, { title: "Audit Panel September", startsAt: new Date("2021-09-10T17:00:00Z") });
  const draft = await makeMeeting(body.id, { title: "Audit Panel draft DRAFTMARK", startsAt: new Date("2021-12-10T17:00:00Z"), agendaPublishedAt: null });
  await db().insert(meetingAttendance).values([
    { meetingId: june.id, personId: member.id, status: "present" },
    { meetingId: sept.id, personId: member.id, status: "apologies" },
    { meetingId: sept.id, personId: sub.id, role: "substitute", status: "present", substituteForId: member.id },
    { meetingId: draft.id, personId: member.id, status: "absent" },
  ]);
  const item = await makeItem(june.id, { title: "Internal audit plan" });
  const exempt = await makeItem(june.id, { title: "Staffing matter SECRETMARK", isExempt: true, exemptParagraph: 1 });
  await db().insert(interestDeclarations).values([
    { agendaItemId: item.id, personId: member.id, kind: "other", nature: "Governor of a school in the audit sample" },
    { agendaItemId: exempt.id, personId: member.id, kind: "pecuniary", nature: "Spouse employed EXEMPTMARK" },
  ]);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("/people/:slug", () => {
  it("shows current and past roles with their terms", async () => {
    const page = text(await (await send(server, "/people/pp-amira-shah")).text());
    expect(page).toContain("Chair, Audit Panel (from 20 May 2021)");
    expect(page).toContain("Past roles");
    expect(page).toContain("Member, Audit Panel (from 20 May 2019 to 19 May 2021)");
  });

  it("gives attendance per body and municipal year, only from meetings the reader may see", async () => {
    const res = await send(server, "/people/pp-amira-shah");
    expect(res.status).toBe(200);
    const page = text(await res.text());
    // June present, September apologies: 1 of 2 expected; the draft meeting is not counted or named.
    expect(page).toMatch(/Audit Panel, 2021\/22 2 1 1 0 0 50%/);
    expect(page).toContain("Audit Panel June");
    expect(page).toContain("Audit Panel September");
    expect(page).not.toContain("DRAFTMARK");
  });

  it("lists a substitute's attendance apart, naming whom they stood in for", async () => {
    const page = text(await (await send(server, "/people/pp-ben-ward")).text());
    expect(page).toMatch(/Audit Panel, 2021\/22 0 0 0 0 1 –/);
    expect(page).toContain("Present (as substitute for Amira Shah)");
  });

  it("shows declarations on public items, never one on an exempt item", async () => {
    const page = text(await (await send(server, "/people/pp-amira-shah")).text());
    expect(page).toContain("Other interest: Governor of a school in the audit sample");
    expect(page).toContain("Internal audit plan");
    expect(page).not.toContain("EXEMPTMARK");
    expect(page).not.toContain("SECRETMARK");
  });

  it("a clerk sees the draft meeting's attendance too", async () => {
    const clerk = await makeUser("clerk");
    const page = text(await (await send(server, "/people/pp-amira-shah", { cookie: await cookieFor(clerk.id) })).text());
    expect(page).toMatch(/Audit Panel, 2021\/22 3 1 1 1 0 33%/);
  });

  it("a person the imported sources name has a page saying where they are named", async () => {
    const page = text(await (await send(server, "/people/emma-taylor")).text());
    expect(page).toContain("Emma Taylor");
    expect(page).toContain("Chief Executive (as at November 2024), Sandwell Children's Trust");
    expect(page).toContain("Where the sources name them: Named in Ofsted's focused-visit letter of 29 November 2024");
  });
});

describe("/people", () => {
  it("lists current members first, then the others named in the record", async () => {
    const page = text(await (await send(server, "/people")).text());
    expect(page).toContain("Councillor Amira Shah Chair, Audit Panel");
    expect(page).toContain("Emma Taylor");
    expect(page.indexOf("Amira Shah")).toBeLessThan(page.indexOf("Emma Taylor"));
  });

  it("never lists a demo login, and its page is not found", async () => {
    const demo = await makeUser("member", { name: "Demo Dora Member" });
    const [{ personId }] = await db().select({ personId: users.personId }).from(users).where(eq(users.id, demo.id));
    await db().update(users).set({ isDemo: true }).where(eq(users.id, demo.id));
    const body = await makeBody();
    if (personId) await db().insert(memberships).values({ personId, bodyId: body.id, role: "member" });
    // Even when the demo login asked a question in the demo, it is not offered by name in the register's filter.
    if (personId) {
      const meeting = await makeMeeting(body.id);
      const item = await makeItem(meeting.id);
      const org = await makeOrganisation();
      await makeQuestion(item.id, org.id, { text: "A question asked in the demo", askedById: personId });
      const register = await (await send(server, "/questions")).text();
      expect(register).toContain("A question asked in the demo");
      expect(register).not.toMatch(/<option[^>]*>Demo Dora Member<\/option>/);
    }
    const list = text(await (await send(server, "/people")).text());
    expect(list).not.toContain("Demo Dora Member");
    if (personId) {
      const [person] = await db().select({ slug: people.slug }).from(people).where(eq(people.id, personId));
      expect((await send(server, `/people/${person.slug}`)).status).toBe(404);
    }
  });
});

/**
 * Clerks manage boards and committees, people and memberships, and administrators
 * set the statutory clock, through the real server without JavaScript: forms post
 * and redirect with 303, bad input gets its message beside the field with what was
 * typed kept, every write is audited, and the public pages (cached) follow.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { formatDate, isoDay } from "~/rules/dates.server";
import { latestPublicationDay } from "~/rules/deadlines.server";
import { subscribeToChanges } from "~/server/changes.server";
import { PageCache } from "~/server/page-cache";
import { auditLog, bodies, memberships, people } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeMeeting, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
let cache: PageCache;
let stopListening: () => Promise<void>;
let clerk: string;
let clerkId: string;
let admin: string;

beforeAll(async () => {
  cache = new PageCache();
  stopListening = await subscribeToChanges(() => cache.clear());
  server = await startTestServer({ pageCache: cache });
  const clerkUser = await makeUser("clerk");
  clerkId = clerkUser.id;
  clerk = await cookieFor(clerkUser.id);
  admin = await cookieFor((await makeUser("admin")).id);
});
afterAll(async () => {
  await server?.close();
  await stopListening?.();
});

const BODY_FORM = { name: "", slug: "", kind: "committee", description: "", organisationId: "", responseWorkingDays: "20", sourceNote: "" };
const PERSON_FORM = { name: "", honorific: "", jobTitle: "", organisationId: "" };

/** The HTML as a reader would see its text: entities decoded. */
async function html(response: Response) {
  return (await response.text()).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

/** The value of the hidden version field in the form whose intent is given (or the only one). */
function versionIn(page: string, intent?: string) {
  const start = intent ? page.indexOf(`name="intent" value="${intent}"`) : 0;
  const match = /name="version" value="(\d+)"/.exec(page.slice(start));
  if (!match) throw new Error("no version field");
  return match[1];
}

function idFrom(response: Response) {
  const location = response.headers.get("location") ?? "";
  return location.split("?")[0].split("/").pop()!;
}

async function auditRows(entityType: string, entityId: string) {
  return db().select().from(auditLog).where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId))).orderBy(auditLog.id);
}

async function until(check: () => Promise<boolean>, ms = 5_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting for the public page to change");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("bodies", () => {
  it("refuses an empty name, an over-long name and a malformed slug, keeping what was typed", async () => {
    const empty = await send(server, "/clerk/bodies/new", { cookie: clerk, form: { ...BODY_FORM, description: "Kept description" } });
    expect(empty.status).toBe(400);
    const emptyHtml = await html(empty);
    expect(emptyHtml).toContain("<title>Error: ");
    expect(emptyHtml).toContain("govuk-error-summary");
    expect(emptyHtml).toContain('href="#name"');
    expect(emptyHtml).toContain("Enter the name of the board or committee");
    expect(emptyHtml).toContain("Kept description");

    const long = await send(server, "/clerk/bodies/new", { cookie: clerk, form: { ...BODY_FORM, name: "x".repeat(201) } });
    expect(long.status).toBe(400);
    expect(await html(long)).toContain("Name must be 200 characters or fewer");

    const slug = await send(server, "/clerk/bodies/new", { cookie: clerk, form: { ...BODY_FORM, name: "Audit Panel", slug: "Audit Panel!", responseWorkingDays: "0" } });
    expect(slug.status).toBe(400);
    const slugHtml = await html(slug);
    expect(slugHtml).toContain("can only contain lower-case letters, digits and single hyphens");
    expect(slugHtml).toContain("The number of working days must be between 1 and 365");
    expect(slugHtml).toContain('value="Audit Panel!"');
    expect(slugHtml).toContain('value="Audit Panel"');

    const org = await send(server, "/clerk/bodies/new", { cookie: clerk, form: { ...BODY_FORM, name: "Audit Panel", organisationId: "00000000-0000-4000-8000-000000000000" } });
    expect(org.status).toBe(400);
    expect(await html(org)).toContain("Select an organisation from the list");
  });

  it("creates a body (slug from the name), refuses a duplicate slug, and edits it with a stale save refused", async () => {
    const organisation = await makeOrganisation({ name: "Sandwell Council (test)" });
    const created = await send(server, "/clerk/bodies/new", {
      cookie: clerk,
      form: { ...BODY_FORM, name: "Corporate Parenting Board", kind: "board", description: "Looks after children in care.", organisationId: organisation.id, responseWorkingDays: "15" },
    });
    expect(created.status).toBe(303);
    const id = idFrom(created);
    const [row] = await db().select().from(bodies).where(eq(bodies.id, id));
    expect(row).toMatchObject({ name: "Corporate Parenting Board", slug: "corporate-parenting-board", kind: "board", responseWorkingDays: 15, organisationId: organisation.id });
    const [audit] = await auditRows("body", id);
    expect(audit).toMatchObject({ action: "create", userId: clerkId });

    const duplicate = await send(server, "/clerk/bodies/new", { cookie: clerk, form: { ...BODY_FORM, name: "Another board", slug: "corporate-parenting-board" } });
    expect(duplicate.status).toBe(400);
    const duplicateHtml = await html(duplicate);
    expect(duplicateHtml).toContain("Another board or committee already has this web address (slug)");
    expect(duplicateHtml).toContain('value="Another board"');

    const page = await html(await send(server, `/clerk/bodies/${id}`, { cookie: clerk }));
    expect(page).toContain("Corporate Parenting Board");
    expect(page).toContain("Sandwell Council (test)");
    const version = versionIn(page, "details");
    const edit = { ...BODY_FORM, intent: "details", version, name: "Corporate Parenting Board (renamed)", slug: "corporate-parenting", kind: "board", responseWorkingDays: "25" };
    const saved = await send(server, `/clerk/bodies/${id}`, { cookie: clerk, form: edit });
    expect(saved.status).toBe(303);
    const [after] = await db().select().from(bodies).where(eq(bodies.id, id));
    expect(after).toMatchObject({ name: "Corporate Parenting Board (renamed)", slug: "corporate-parenting", responseWorkingDays: 25, organisationId: null });
    const updates = (await auditRows("body", id)).filter((a) => a.action === "update");
    expect(updates).toHaveLength(1);
    expect(updates[0].before).toMatchObject({ name: "Corporate Parenting Board" });
    expect(updates[0].after).toMatchObject({ name: "Corporate Parenting Board (renamed)" });

    // The same form posted again (opened before the save): refused, both texts shown, nothing saved.
    const stale = await send(server, `/clerk/bodies/${id}`, { cookie: clerk, form: { ...edit, name: "My stale name" } });
    expect(stale.status).toBe(409);
    const staleHtml = await html(stale);
    expect(staleHtml).toContain("Someone else saved a newer version");
    expect(staleHtml).toContain("Corporate Parenting Board (renamed)");
    expect(staleHtml).toContain("My stale name");
    const [unchanged] = await db().select().from(bodies).where(eq(bodies.id, id));
    expect(unchanged.name).toBe("Corporate Parenting Board (renamed)");

    const public_ = await send(server, "/bodies/corporate-parenting");
    expect(public_.status).toBe(200);
    expect(await html(public_)).toContain("Corporate Parenting Board (renamed)");

    const list = await html(await send(server, "/clerk/bodies", { cookie: clerk }));
    expect(list).toContain(`href="/clerk/bodies/${id}"`);
  });

  it("answers 404 for an unknown or malformed body id", async () => {
    expect((await send(server, "/clerk/bodies/not-a-uuid", { cookie: clerk })).status).toBe(404);
    expect((await send(server, "/clerk/bodies/not-a-uuid", { cookie: clerk, form: BODY_FORM })).status).toBe(404);
  });
});

describe("people", () => {
  it("creates, finds by name and edits a person, with errors beside the fields", async () => {
    const empty = await send(server, "/clerk/people/new", { cookie: clerk, form: { ...PERSON_FORM, honorific: "Councillor" } });
    expect(empty.status).toBe(400);
    const emptyHtml = await html(empty);
    expect(emptyHtml).toContain("Enter the person's name");
    expect(emptyHtml).toContain('value="Councillor"');

    const created = await send(server, "/clerk/people/new", { cookie: clerk, form: { ...PERSON_FORM, name: "Ada Lovelace", honorific: "Councillor", jobTitle: "Labour" } });
    expect(created.status).toBe(303);
    const id = idFrom(created);
    const [row] = await db().select().from(people).where(eq(people.id, id));
    expect(row).toMatchObject({ name: "Ada Lovelace", honorific: "Councillor", jobTitle: "Labour" });
    expect((await auditRows("person", id)).map((a) => a.action)).toEqual(["create"]);

    await send(server, "/clerk/people/new", { cookie: clerk, form: { ...PERSON_FORM, name: "Grace Hopper" } });
    const found = await html(await send(server, "/clerk/people?q=lovel", { cookie: clerk }));
    expect(found).toContain("Ada Lovelace");
    expect(found).not.toContain("Grace Hopper");
    const wildcard = await html(await send(server, "/clerk/people?q=%25", { cookie: clerk }));
    expect(wildcard).not.toContain("Ada Lovelace");

    const page = await html(await send(server, `/clerk/people/${id}`, { cookie: clerk }));
    const version = versionIn(page);
    const tooLong = await send(server, `/clerk/people/${id}`, { cookie: clerk, form: { ...PERSON_FORM, name: "Ada", jobTitle: "y".repeat(201), version } });
    expect(tooLong.status).toBe(400);
    expect(await html(tooLong)).toContain("Job title or party must be 200 characters or fewer");
    const saved = await send(server, `/clerk/people/${id}`, { cookie: clerk, form: { ...PERSON_FORM, name: "Ada King", honorific: "Councillor", jobTitle: "Labour", version } });
    expect(saved.status).toBe(303);
    const [after] = await db().select().from(people).where(eq(people.id, id));
    expect(after.name).toBe("Ada King");
    expect((await auditRows("person", id)).map((a) => a.action).sort()).toEqual(["create", "update"]);
  });
});

describe("memberships", () => {
  it("adds a member (refusing unknown people, an end before the start and overlapping terms), shows them publicly, ends and removes", async () => {
    const body = await makeBody({ name: "Membership Board", slug: "membership-board" });
    const [person] = await db().insert(people).values({ slug: "grace-member", name: "Grace Member", honorific: "Councillor" }).returning();
    const publicPath = `/bodies/${body.slug}`;
    const before = await send(server, publicPath);
    expect(await html(before)).not.toContain("Grace Member");
    expect((await send(server, publicPath)).headers.get("x-cache")).toBe("hit");

    const bodyPath = `/clerk/bodies/${body.id}`;
    const add = (form: Record<string, string>) => send(server, bodyPath, { cookie: clerk, form: { intent: "add-member", personId: person.id, role: "chair", startOn: "", endOn: "", ...form } });

    const unknown = await add({ personId: "00000000-0000-4000-8000-000000000000", startOn: "1/4/2024" });
    expect(unknown.status).toBe(400);
    expect(await html(unknown)).toContain("Select a person from the list");

    const noStart = await add({ startOn: "", endOn: "31/3/2030" });
    expect(noStart.status).toBe(400);
    const noStartHtml = await html(noStart);
    expect(noStartHtml).toContain("Enter start of term");
    // What was typed is kept, in the three boxes of the date input.
    expect(noStartHtml).toContain('id="endOn" name="endOn-day" type="text" inputMode="numeric" value="31"');
    expect(noStartHtml).toContain('name="endOn-year" type="text" inputMode="numeric" value="2030"');

    const badDate = await add({ startOn: "31/2/2024" });
    expect(badDate.status).toBe(400);
    expect(await html(badDate)).toContain("Start of term must be a real date");

    const backwards = await add({ startOn: "1/4/2024", endOn: "31/3/2024" });
    expect(backwards.status).toBe(400);
    const backwardsHtml = await html(backwards);
    expect(backwardsHtml).toContain("The end of term must be the same as or after the start of term");
    expect(backwardsHtml).toContain('id="startOn" name="startOn-day" type="text" inputMode="numeric" value="1"');
    expect(backwardsHtml).toContain('href="#endOn"');

    const added = await add({ startOn: "1/4/2024" });
    expect(added.status).toBe(303);
    const [membership] = await db().select().from(memberships).where(eq(memberships.personId, person.id));
    expect(membership).toMatchObject({ bodyId: body.id, role: "chair", startOn: "2024-04-01", endOn: null });
    expect((await auditRows("membership", membership.id)).map((a) => a.action)).toEqual(["create"]);

    // The cached public page is cleared by the write, and shows the member with their role and term.
    await until(async () => (await html(await send(server, publicPath))).includes("Grace Member"));
    const shown = await html(await send(server, publicPath));
    // The name links to the person's page (/people/:slug).
    expect(shown.replace(/<[^>]+>/g, "")).toContain("Councillor Grace Member, Chair");
    expect(shown).toContain(`from ${formatDate("2024-04-01")}`);

    const overlap = await add({ role: "member", startOn: "1/1/2025", endOn: "31/12/2025" });
    expect(overlap.status).toBe(400);
    const overlapHtml = await html(overlap);
    expect(overlapHtml).toContain("Grace Member is already chair of this body");
    expect(overlapHtml).toContain("terms of the same person on the same body cannot overlap");
    expect(await db().select().from(memberships).where(eq(memberships.personId, person.id))).toHaveLength(1);

    // The body's and the person's clerk pages list the membership.
    expect(await html(await send(server, bodyPath, { cookie: clerk }))).toContain(`href="/clerk/memberships/${membership.id}"`);
    expect(await html(await send(server, `/clerk/people/${person.id}`, { cookie: clerk }))).toContain(`href="/clerk/memberships/${membership.id}"`);
    expect((await html(await send(server, "/clerk/bodies", { cookie: clerk }))).replace(/\s+/g, " ")).toMatch(/Membership Board<\/a><\/td><td[^>]*>Board<\/td><td[^>]*>1<\/td>/);

    // Ending the term: not before its start; then it is no longer current on the public page.
    const membershipPath = `/clerk/memberships/${membership.id}`;
    const page = await html(await send(server, membershipPath, { cookie: clerk }));
    const version = versionIn(page, "end");
    const early = await send(server, membershipPath, { cookie: clerk, form: { intent: "end", lastDay: "1/1/2024", version } });
    expect(early.status).toBe(400);
    const earlyHtml = await html(early);
    expect(earlyHtml).toContain("The last day of the term must be the same as or after its start");
    expect(earlyHtml).toContain('id="lastDay" name="lastDay-day" type="text" inputMode="numeric" value="1"');
    expect(earlyHtml).toContain('name="lastDay-year" type="text" inputMode="numeric" value="2024"');
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
    const ended = await send(server, membershipPath, { cookie: clerk, form: { intent: "end", lastDay: isoDay(yesterday), version } });
    expect(ended.status).toBe(303);
    const [afterEnd] = await db().select().from(memberships).where(eq(memberships.id, membership.id));
    expect(afterEnd.endOn).toBe(isoDay(yesterday));
    expect((await auditRows("membership", membership.id)).map((a) => a.action).sort()).toEqual(["create", "end_term"]);
    // Gone from the current members; the committee page lists them under past members (issue 18 item 2).
    const current = (page: string) => page.slice(page.indexOf('id="members"'), page.indexOf('id="past-members"'));
    await until(async () => !current(await html(await send(server, publicPath))).includes("Grace Member"));
    const past = await html(await send(server, publicPath));
    expect(past.slice(past.indexOf('id="past-members"'))).toContain("Grace Member");
    expect(await html(await send(server, bodyPath, { cookie: clerk }))).toContain("Ended");

    // A stale edit (opened before the term was ended) is refused with both versions shown.
    const stale = await send(server, membershipPath, { cookie: clerk, form: { intent: "update", role: "vice_chair", startOn: "2024-04-01", endOn: "", version } });
    expect(stale.status).toBe(409);
    expect(await html(stale)).toContain("Someone else saved a newer version");

    // A new term after the ended one does not overlap.
    const next = await add({ role: "member", startOn: isoDay(new Date()) });
    expect(next.status).toBe(303);

    // Removing: a confirmation page first; a post without the confirmation is refused.
    const confirmPage = await html(await send(server, `${membershipPath}?remove`, { cookie: clerk }));
    expect(confirmPage).toContain("Remove this membership?");
    expect(confirmPage).toContain('name="confirm" value="yes"');
    const unconfirmed = await send(server, membershipPath, { cookie: clerk, form: { intent: "remove" } });
    expect(unconfirmed.status).toBe(400);
    const unconfirmedPage = await html(unconfirmed);
    expect(unconfirmedPage).toContain("Confirm that you want to remove this membership");
    // The page has no field to jump to: the summary says it as text, not as a broken link.
    expect(unconfirmedPage).not.toContain('href="#confirm"');
    expect(await db().select().from(memberships).where(eq(memberships.id, membership.id))).toHaveLength(1);
    const removed = await send(server, membershipPath, { cookie: clerk, form: { intent: "remove", confirm: "yes" } });
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toContain(bodyPath);
    expect(await db().select().from(memberships).where(eq(memberships.id, membership.id))).toHaveLength(0);
    const removal = (await auditRows("membership", membership.id)).find((a) => a.action === "delete");
    expect(removal?.before).toMatchObject({ role: "chair", startOn: "2024-04-01" });
    expect((await send(server, membershipPath, { cookie: clerk })).status).toBe(404);
  });

  it("changes a membership's role and term", async () => {
    const body = await makeBody();
    const [person] = await db().insert(people).values({ slug: "role-changer", name: "Role Changer" }).returning();
    const [m] = await db().insert(memberships).values({ personId: person.id, bodyId: body.id, role: "member", startOn: "2024-01-01" }).returning();
    const path = `/clerk/memberships/${m.id}`;
    const version = versionIn(await html(await send(server, path, { cookie: clerk })), "update");
    const bad = await send(server, path, { cookie: clerk, form: { intent: "update", role: "emperor", startOn: "2024-01-01", endOn: "", version } });
    expect(bad.status).toBe(400);
    expect(await html(bad)).toContain("Select the role on the board or committee");
    const saved = await send(server, path, { cookie: clerk, form: { intent: "update", role: "vice_chair", startOn: "2024-02-01", endOn: "2027-01-31", version } });
    expect(saved.status).toBe(303);
    const [after] = await db().select().from(memberships).where(eq(memberships.id, m.id));
    expect(after).toMatchObject({ role: "vice_chair", startOn: "2024-02-01", endOn: "2027-01-31" });
    const [audit] = (await auditRows("membership", m.id)).filter((a) => a.action === "update");
    expect(audit.before).toMatchObject({ role: "member" });
    expect(audit.after).toMatchObject({ role: "vice_chair" });
  });
});

describe("the statutory clock setting", () => {
  it("is refused when invalid, and once changed moves the deadlines on the clerk's dashboard", async () => {
    const body = await makeBody({ name: "Clock Board" });
    // A meeting on a Monday, 2034-03-13: far enough ahead to be on the dashboard.
    await makeMeeting(body.id, { title: "Clock meeting", startsAt: new Date("2034-03-13T18:00:00Z"), agendaPublishedAt: null });
    const deadline = (clearDays: number, countWorkingDays: boolean) => formatDate(latestPublicationDay("2034-03-13", { clearDays, countWorkingDays }));
    const dashboard = async () => (await html(await send(server, "/clerk", { cookie: clerk }))).replace(/\s+/g, " ");
    const cell = (text: string) => `<td class="govuk-table__cell">${text}</td>`;
    const old = cell(deadline(5, true));
    const moved = cell(deadline(10, false));
    expect(moved).not.toBe(old);
    expect(await dashboard()).toContain(old);

    const form = await html(await send(server, "/admin/settings", { cookie: admin }));
    const version = versionIn(form);
    const bad = await send(server, "/admin/settings", { cookie: admin, form: { clearDays: "0", countWorkingDays: "maybe", version } });
    expect(bad.status).toBe(400);
    const badHtml = await html(bad);
    expect(badHtml).toContain("The number of clear days must be between 1 and 30");
    expect(badHtml).toContain("Select whether only working days count");
    expect(badHtml).toContain('value="0"');
    const words = await send(server, "/admin/settings", { cookie: admin, form: { clearDays: "five", countWorkingDays: "yes", version } });
    expect(await html(words)).toContain("Enter the number of clear days as a whole number");

    expect((await send(server, "/admin/settings", { cookie: clerk, form: { clearDays: "10", countWorkingDays: "no", version } })).status).toBe(403);

    const saved = await send(server, "/admin/settings", { cookie: admin, form: { clearDays: "10", countWorkingDays: "no", version } });
    expect(saved.status).toBe(303);
    const page = await dashboard();
    expect(page).toContain(moved);
    expect(page).not.toContain(old);
    expect(page).toContain("10 clear days before the meeting");
    const [audit] = await auditRows("setting", "clock.rule");
    expect(audit.after).toEqual({ clearDays: 10, countWorkingDays: false });

    const stale = await send(server, "/admin/settings", { cookie: admin, form: { clearDays: "7", countWorkingDays: "yes", version } });
    expect(stale.status).toBe(409);
    expect(await html(stale)).toContain("Someone else saved a newer version");
  });
});

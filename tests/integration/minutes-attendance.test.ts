/**
 * Issue 16, items 3, 6 and 7: the attendance register (members from memberships and
 * their terms, saved in one submit, the same register twice changes nothing), recording
 * only once a meeting is held, declarations only by those present; the summons and the
 * supplement, each sent once per person through the outbox and recorded on the meeting's
 * history; and minutes approved at a held meeting, dated to it on every surface.
 */
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sendSummons } from "~/handlers/agenda-summons.server";
import { addDeclaration, addItem, getClerkMeeting, approveMinutes, getMeeting, publishAgenda, publishMinutes, publishSupplementary, saveMinute, saveRegister, attendanceRegister } from "~/models/meetings";
import { getMeetingApi, publicationEntries } from "~/models/publishing";
import { formatDate } from "~/rules/dates.server";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { agendaItems, auditLog, meetingAttendance, meetings, memberships, outbox, people, users } from "../../db/schema";
import { makeUser } from "../support/accounts";
import { makeBody, makeMeeting } from "../support/factories";

const tx = <T>(fn: (t: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0]) => Promise<T>) => db().transaction(fn);
const DAY = 86_400_000;
let actor: { userId: string };
let bodyId: string;
const person: Record<string, string> = {};

async function makePerson(key: string, name: string, role: string | null, term: { startOn?: string | null; endOn?: string | null } = {}, withAccount = true) {
  const [p] = await db().insert(people).values({ slug: `p-${key}-${Date.now()}`, name }).returning();
  person[key] = p.id;
  if (role) await db().insert(memberships).values({ personId: p.id, bodyId, role: role as "member", startOn: term.startOn ?? null, endOn: term.endOn ?? null });
  if (withAccount) {
    const u = await makeUser("member", { email: `${key}-${p.id.slice(0, 8)}@example.org`, name });
    await db().update(users).set({ personId: p.id }).where(eq(users.id, u.id));
  }
}

beforeAll(async () => {
  actor = { userId: (await makeUser("clerk")).id };
  bodyId = (await makeBody({ name: "Register Board" })).id;
  await makePerson("chair", "Chair Person", "chair");
  await makePerson("member", "Member Person", "member", { startOn: "2020-01-01" });
  await makePerson("gone", "Gone Person", "member", { endOn: "2020-12-31" });
  await makePerson("sub", "Sub Person", "substitute");
  await makePerson("officer", "Officer Person", "officer");
  await makePerson("noaddress", "Paper Person", "member", {}, false);
});

describe("the attendance register", () => {
  it("lists the members on the day, saves in one submit, and the same register twice changes nothing", async () => {
    const m = await makeMeeting(bodyId, { startsAt: new Date(Date.now() - 3 * DAY) });
    const { members, substitutes } = await attendanceRegister(m);
    expect(members.map((x) => x.name).sort()).toEqual(["Chair Person", "Member Person", "Paper Person"]);
    expect(substitutes.map((s) => s.name)).toEqual(["Sub Person"]);

    const entries = [
      { personId: person.chair, mark: "present" as const, substituteId: null },
      { personId: person.member, mark: "substitute" as const, substituteId: person.sub },
      { personId: person.noaddress, mark: "absent" as const, substituteId: null },
    ];
    expect((await tx((t) => saveRegister(t, actor, m.id, entries))).changed).toBeGreaterThan(0);
    expect((await tx((t) => saveRegister(t, actor, m.id, entries))).changed).toBe(0);
    const rows = await db().select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, m.id));
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.personId === person.sub)).toMatchObject({ role: "substitute", status: "present", substituteForId: person.member });
    expect(rows.find((r) => r.personId === person.member)).toMatchObject({ status: "apologies" });
    const again = await attendanceRegister(m);
    expect(again.members.find((x) => x.personId === person.member)).toMatchObject({ mark: "substitute", substituteId: person.sub });

    // The member attends after all: the substitute comes off.
    await tx((t) => saveRegister(t, actor, m.id, [{ personId: person.member, mark: "present", substituteId: null }]));
    const after = await db().select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, m.id));
    expect(after.some((r) => r.personId === person.sub)).toBe(false);

    // Bad input: someone not on the register, a substitute not named.
    await expect(tx((t) => saveRegister(t, actor, m.id, [{ personId: person.gone, mark: "present", substituteId: null }]))).rejects.toThrow(/not a member/);
    await expect(tx((t) => saveRegister(t, actor, m.id, [{ personId: person.chair, mark: "substitute", substituteId: null }]))).rejects.toMatchObject({ field: `substitute-${person.chair}` });

    // Declarations come from those present.
    const [item] = await Promise.all([tx((t) => addItem(t, actor, m.id, { title: "Budget", parentId: null }))]);
    await expect(tx((t) => addDeclaration(t, actor, item.id, { personId: person.noaddress, kind: "other", nature: "Governor", leftRoom: false }))).rejects.toMatchObject({ field: "declarationPersonId" });
    await tx((t) => addDeclaration(t, actor, item.id, { personId: person.chair, kind: "other", nature: "Governor", leftRoom: false }));
  });

  it("counts an item as minuted once its minute is written (the clerk's progress)", async () => {
    const m = await makeMeeting(bodyId, { startsAt: new Date(Date.now() - 3 * DAY) });
    const a = await tx((t) => addItem(t, actor, m.id, { title: "Written", parentId: null }));
    await tx((t) => addItem(t, actor, m.id, { title: "Empty", parentId: null }));
    await tx((t) => saveMinute(t, actor, a.id, { body: "Noted.", decisions: "" }, { version: 0, correction: false, reason: "" }));
    const clerkView = await getClerkMeeting(m.id);
    expect(clerkView?.items.map((i) => [i.title, i.hasMinute])).toEqual([["Written", true], ["Empty", false]]);
  });

  it("refuses attendance and minutes for a meeting not yet held", async () => {
    const m = await makeMeeting(bodyId, { startsAt: new Date(Date.now() + 10 * DAY) });
    await expect(tx((t) => saveRegister(t, actor, m.id, [{ personId: person.chair, mark: "present", substituteId: null }]))).rejects.toThrow(/not been held yet/);
    const item = await tx((t) => addItem(t, actor, m.id, { title: "Future item", parentId: null }));
    await expect(tx((t) => saveMinute(t, actor, item.id, { body: "Too soon", decisions: "" }, { version: 0, correction: false, reason: "" }))).rejects.toThrow(/not been held yet/);
  });
});

describe("the summons and the supplement", () => {
  it("go once to every member and officer with an address, with the agenda and the pack link from SITE_URL", async () => {
    const m = await makeMeeting(bodyId, { title: "Summons meeting", startsAt: new Date(Date.now() + 30 * DAY), agendaPublishedAt: null, venue: "Council House" });
    await tx((t) => addItem(t, actor, m.id, { title: "Apologies", parentId: null }));
    const secret = await tx((t) => addItem(t, actor, m.id, { title: "Secret restructure", parentId: null }));
    await db().update(agendaItems).set({ isExempt: true, exemptParagraph: 1, publicTitle: "A staffing matter" }).where(eq(agendaItems.id, secret.id));
    const published = await tx((t) => publishAgenda(t, actor, m.id, "now"));
    const first = await tx((t) => sendSummons(t, actor, m, "Register Board"));
    expect(first.queued).toBe(3); // the chair, the member and the officer (a substitute is not summoned)
    expect(first.unreached).toEqual(["Paper Person"]);
    const again = await tx((t) => sendSummons(t, actor, m, "Register Board"));
    expect(again.queued).toBe(0);
    const mails = await db().select().from(outbox).where(like(outbox.dedupeKey, `summons:${m.id}:%`));
    expect(mails).toHaveLength(3);
    const body = mails[0].body;
    expect(mails[0].subject).toContain("Summons: Register Board, Summons meeting");
    expect(body).toContain("1. Apologies");
    expect(body).toContain("2. A staffing matter (exempt: Schedule 12A, paragraph 1)");
    expect(body).not.toContain("Secret restructure");
    expect(body).toMatch(new RegExp(`https?://[^\\s]+/meetings/${m.slug}/pack`));
    expect(published.itemIds).toHaveLength(2);

    const late = await tx((t) => addItem(t, actor, m.id, { title: "Late report", parentId: null }));
    const supplement = await tx((t) => publishSupplementary(t, actor, m.id, "now"));
    expect((await tx((t) => sendSummons(t, actor, m, "Register Board", supplement))).queued).toBe(3);
    expect((await tx((t) => sendSummons(t, actor, m, "Register Board", supplement))).queued).toBe(0);
    const supplements = await db().select().from(outbox).where(like(outbox.dedupeKey, `supplement:${m.id}:%`));
    expect(supplements).toHaveLength(3);
    expect(supplements[0].subject).toContain("Supplementary agenda published");
    expect(supplements[0].body).toContain("3. Late report");
    expect(supplements[0].body).not.toContain("Apologies");
    expect(late.id).toBeTruthy();
    const history = await db().select().from(auditLog).where(and(eq(auditLog.entityId, m.id))).orderBy(auditLog.id);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(["send_summons", "send_supplement"]));
  });
});

describe("approving minutes", () => {
  it("is dated to the approving meeting on the page, the API and the feed alike", async () => {
    const recorded = await makeMeeting(bodyId, { title: "Recorded meeting", startsAt: new Date(Date.now() - 40 * DAY) });
    const approving = await makeMeeting(bodyId, { title: "Approving meeting", startsAt: new Date(Date.now() - 2 * DAY) });
    const future = await makeMeeting(bodyId, { title: "Future meeting", startsAt: new Date(Date.now() + 20 * DAY) });
    const other = await makeMeeting((await makeBody()).id, { title: "Other body", startsAt: new Date(Date.now() - 1 * DAY) });
    const item = await tx((t) => addItem(t, actor, recorded.id, { title: "Budget", parentId: null }));
    await db().update(meetings).set({ agendaPublishedAt: new Date(Date.now() - 50 * DAY) }).where(eq(meetings.id, recorded.id));
    await tx((t) => saveMinute(t, actor, item.id, { body: "Noted.", decisions: "" }, { version: 0, correction: false, reason: "" }));
    await tx((t) => publishMinutes(t, actor, recorded.id));
    const minutesItem = await tx((t) => addItem(t, actor, approving.id, { title: "Minutes of the previous meeting", parentId: null }));
    await db().update(agendaItems).set({ publishedAt: new Date(Date.now() - 9 * DAY) }).where(eq(agendaItems.id, minutesItem.id));
    const futureItem = await tx((t) => addItem(t, actor, future.id, { title: "Minutes of the previous meeting", parentId: null }));
    const otherItem = await tx((t) => addItem(t, actor, other.id, { title: "Minutes", parentId: null }));

    await expect(tx((t) => approveMinutes(t, actor, future.id, recorded.id, futureItem.id, []))).rejects.toThrow(/not been held yet/);
    await expect(tx((t) => approveMinutes(t, actor, other.id, recorded.id, otherItem.id, []))).rejects.toThrow(/same board or committee/);
    await tx((t) => approveMinutes(t, actor, approving.id, recorded.id, minutesItem.id, []));

    const page = await getMeeting(PUBLIC_VIEWER, recorded.slug);
    expect(page?.minutesApproved).toBe(formatDate(approving.startsAt));
    expect(page?.minutesApprovedAtMeeting).toMatchObject({ title: "Approving meeting", itemNumber: "1" });
    const api = await getMeetingApi("https://example.org", recorded.id);
    expect(JSON.stringify(api)).toContain(`"minutes_approved_at":"${approving.startsAt.toISOString()}"`);
    const feed = await publicationEntries("https://example.org", bodyId);
    const entry = feed.find((e) => e.id.includes(`meeting/${recorded.id}/minutes-approved`));
    expect(entry?.updated.toISOString()).toBe(approving.startsAt.toISOString());
  });
});

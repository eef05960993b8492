/**
 * The people's forms for the board's own recommendations (issue 17): a clerk records one from
 * an item's minute, edits it (a changed receipt date needs a reason), adds to its plan and
 * records the board's judgement; the addressee's officer responds (late, partially accepted);
 * a clerk sets an organisation's response period; an item whose minute agreed one cannot be
 * removed. Bad input gets its message beside the field with what was typed kept, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/db.server";
import { auditLog, inspections, organisations, priorities, recommendationInspectionLinks, recommendationPriorities, recommendations } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation } from "../support/factories";
import { send, startTestServer, type TestServer, pageHtml } from "../support/remix-app";

let server: TestServer;
let clerkCookie: string;
let officerCookie: string;
let memberCookie: string;
let trustId: string;
let bodyId: string;
let itemId: string;
let draftItemId: string;
let laterMinuteId: string;
let priorityId: string;
let inspectionRecId: string;

const html = pageHtml;
const asClerk = (path: string, form?: Record<string, string> | [string, string][]) => send(server, path, { cookie: clerkCookie, form });
const asOfficer = (path: string, form?: Record<string, string>) => send(server, path, { cookie: officerCookie, form });

/** The fields of the recording form as first posted (the edit form posts the same). */
const baseFields = (over: Record<string, string> = {}): Record<string, string> => ({
  intent: "create",
  reference: "FB/2026/01",
  text: "Publish the placement sufficiency plan",
  addresseeOrganisationId: trustId,
  leadPersonId: "",
  receivedOn: "14/3/2026",
  reviewOn: "1/9/2026",
  ...over,
});
const recordForm = (over: Record<string, string> = {}): [string, string][] => Object.entries(baseFields(over));

async function recByReference(reference: string) {
  const [r] = await db().select().from(recommendations).where(and(eq(recommendations.bodyId, bodyId), eq(recommendations.reference, reference)));
  return r;
}

beforeAll(async () => {
  server = await startTestServer();
  clerkCookie = await cookieFor((await makeUser("clerk")).id);
  officerCookie = await cookieFor((await makeUser("officer", { name: "Olive Officer" })).id);
  memberCookie = await cookieFor((await makeUser("member")).id);
  const [trust] = await db().select().from(organisations).where(eq(organisations.slug, "test-trust"));
  trustId = trust.id;
  const board = await makeBody({ name: "Forms Board" });
  bodyId = board.id;
  const held = { status: "held" as const, startsAt: new Date("2026-03-10T18:00:00Z"), minutesPublishedAt: new Date("2026-03-20T09:00:00Z") };
  const m = await makeMeeting(board.id, held);
  const item = await makeItem(m.id, { title: "Placement sufficiency" });
  itemId = item.id;
  await makeMinute(item.id, "Resolved to recommend the plan be published");
  const later = await makeMeeting(board.id, { ...held, startsAt: new Date("2026-10-01T18:00:00Z") });
  laterMinuteId = (await makeMinute((await makeItem(later.id, { title: "Review of recommendations" })).id, "The board reviewed")).id;
  const draft = await makeMeeting(board.id, { startsAt: new Date("2026-11-01T18:00:00Z"), agendaPublishedAt: null });
  const draftItem = await makeItem(draft.id, { title: "Draft item", publishedAt: null });
  draftItemId = draftItem.id;
  await makeMinute(draftItem.id, "Draft minute");
  const [p] = await db().insert(priorities).values({ slug: `forms-priority-${Date.now()}`, title: "Forms priority" }).returning();
  priorityId = p.id;
  const [insp] = await db().insert(inspections).values({ slug: `forms-inspection-${Date.now()}`, title: "Forms focused visit", kind: "focused_visit" }).returning();
  const [ir] = await db().insert(recommendations).values({ source: "inspection", inspectionId: insp.id, reference: "R7", text: "Improve the sufficiency of placements" }).returning();
  inspectionRecId = ir.id;
});

afterAll(async () => {
  await server?.close();
});

describe("recording a recommendation from a minute", () => {
  it("offers the next free reference and the addressees", async () => {
    const res = await asClerk(`/clerk/items/${itemId}/recommendations`);
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain("Recommendations: 1. Placement sufficiency");
    expect(page).toContain('value="FB/2026/01"');
    expect(page).toContain("Test Trust");
  });

  it("records it with its priorities and the inspection recommendation it follows up, audited, and lists it", async () => {
    const res = await asClerk(`/clerk/items/${itemId}/recommendations`, [...recordForm(), ["priorityIds", priorityId], ["inspectionRecommendationIds", inspectionRecId]]);
    expect(res.status).toBe(303);
    const rec = await recByReference("FB/2026/01");
    expect(rec.agreedOn).toBe("2026-03-10");
    expect(rec.responseDueOn).toBe("2026-05-13");
    expect(await db().select().from(recommendationPriorities).where(eq(recommendationPriorities.recommendationId, rec.id))).toHaveLength(1);
    expect(await db().select().from(recommendationInspectionLinks).where(eq(recommendationInspectionLinks.recommendationId, rec.id))).toHaveLength(1);
    const trail = await html(await send(server, `/recommendations/${rec.id}`));
    expect(trail).toContain("Follows up");
    expect(trail).toContain("R7");
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, rec.id), eq(auditLog.action, "create"))).orderBy(auditLog.id)).toHaveLength(1);
    const page = await html(await asClerk(`/clerk/items/${itemId}/recommendations`));
    expect(page).toContain("FB/2026/01");
    expect(page).toContain('value="FB/2026/02"');
  });

  it("refuses a reference used twice in the body, keeping what was typed", async () => {
    const res = await asClerk(`/clerk/items/${itemId}/recommendations`, recordForm({ text: "Typed text kept 51c" }));
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("FB/2026/01 is already used by another recommendation of this board");
    expect(page).toContain("Typed text kept 51c");
    expect(page).toMatch(/<title>Error: /);
  });

  it("refuses a review date before agreement, an impossible date and a forged addressee", async () => {
    const early = await asClerk(`/clerk/items/${itemId}/recommendations`, recordForm({ reference: "FB/2026/09", reviewOn: "1/3/2026" }));
    expect(early.status).toBe(400);
    expect(await html(early)).toContain("The review date must be after the day the board agreed it");
    const bad = await asClerk(`/clerk/items/${itemId}/recommendations`, recordForm({ reference: "FB/2026/09", receivedOn: "31/2/2026" }));
    expect(bad.status).toBe(400);
    const forged = await asClerk(`/clerk/items/${itemId}/recommendations`, recordForm({ reference: "FB/2026/09", addresseeOrganisationId: "not-an-id" }));
    expect(forged.status).toBe(400);
    expect(await html(forged)).toContain("Select who the recommendation is addressed to");
  });

  it("is for clerks only", async () => {
    expect((await send(server, `/clerk/items/${itemId}/recommendations`, { cookie: memberCookie })).status).toBe(403);
    expect((await send(server, `/clerk/items/${itemId}/recommendations`, { cookie: officerCookie })).status).toBe(403);
  });
});

describe("the addressee's response", () => {
  it("is listed in the officer's queue with a link to respond", async () => {
    const rec = await recByReference("FB/2026/01");
    const page = await html(await asOfficer("/officer/queue"));
    expect(page).toContain("The board's recommendations awaiting our response");
    expect(page).toContain(`/officer/recommendations/${rec.id}/respond`);
  });

  it("refuses 'not accepted' without reasons and a response before receipt, keeping what was typed", async () => {
    const rec = await recByReference("FB/2026/01");
    const path = `/officer/recommendations/${rec.id}/respond`;
    expect((await asOfficer(path)).status).toBe(200);
    const noReasons = await asOfficer(path, { outcome: "not_accepted", reasons: "", actionPlanned: "Kept plan 7e", givenBy: "Director", givenOn: "20/5/2026", agreedAt: "" });
    expect(noReasons.status).toBe(400);
    const page = await html(noReasons);
    expect(page).toContain("Enter the reasons given for not accepting it in full");
    expect(page).toContain("Kept plan 7e");
    const early = await asOfficer(path, { outcome: "accepted", reasons: "", actionPlanned: "", givenBy: "Director", givenOn: "1/3/2026", agreedAt: "" });
    expect(early.status).toBe(400);
    expect(await html(early)).toContain("The response cannot be dated before the recommendation was received");
  });

  it("records a late 'partially accepted' response, shown with how late it was", async () => {
    const rec = await recByReference("FB/2026/01");
    const res = await asOfficer(`/officer/recommendations/${rec.id}/respond`, {
      outcome: "partially_accepted",
      reasons: "Funding is not agreed",
      actionPlanned: "Publish a first part",
      givenBy: "Director of Children's Services",
      givenOn: "20/5/2026",
      agreedAt: "Cabinet",
    });
    expect(res.status).toBe(303);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, rec.id), eq(auditLog.action, "respond"))).orderBy(auditLog.id)).toHaveLength(1);
    const trail = await html(await send(server, `/recommendations/${rec.id}`));
    expect(trail).toContain("7 days late");
    expect(trail).toContain("Partially accepted");
    const again = await html(await asOfficer(`/officer/recommendations/${rec.id}/respond`));
    expect(again).toContain("already has a response");
  });

  it("is refused to a member and to an officer of another organisation", async () => {
    const rec = await recByReference("FB/2026/01");
    expect((await send(server, `/officer/recommendations/${rec.id}/respond`, { cookie: memberCookie })).status).toBe(403);
    const other = await makeOrganisation({ name: "Other Partner" });
    const foreign = await db().transaction(async (tx) => {
      const [r] = await tx
        .insert(recommendations)
        .values({ source: "board", bodyId, reference: "FB/2026/77", text: "For another partner", agreedAtMinuteId: rec.agreedAtMinuteId, agreedOn: "2026-03-10", addresseeOrganisationId: other.id })
        .returning();
      return r;
    });
    expect((await asOfficer(`/officer/recommendations/${foreign.id}/respond`)).status).toBe(403);
  });
});

describe("the clerk's edit, plan and judgement", () => {
  const editForm = (over: Record<string, string>) => baseFields({ intent: "update", receiptChangeReason: "", ...over });

  it("shows the plan with a way to add an action from the recommendation", async () => {
    const rec = await recByReference("FB/2026/01");
    const page = await html(await asClerk(`/clerk/recommendations/${rec.id}`));
    expect(page).toContain("Recommendation FB/2026/01");
    expect(page).toContain(`/actions/new?recommendation=${rec.id}`);
    expect(page).not.toMatch(/name="responseDueOn"/);
    const add = await asOfficer(`/actions/new?recommendation=${rec.id}`);
    expect(add.status).toBe(200);
  });

  it("needs a reason to change the date received, and keeps it in the audit log", async () => {
    const rec = await recByReference("FB/2026/01");
    const without = await asClerk(`/clerk/recommendations/${rec.id}`, editForm({ receivedOn: "13/3/2026", text: "Edited text kept 3a" }));
    expect(without.status).toBe(400);
    const page = await html(without);
    expect(page).toContain("Say why the date it was received is changing");
    expect(page).toContain("Edited text kept 3a");
    const withReason = await asClerk(`/clerk/recommendations/${rec.id}`, editForm({ receivedOn: "13/3/2026", receiptChangeReason: "The letter was e-mailed a day earlier" }));
    expect(withReason.status).toBe(303);
    expect((await recByReference("FB/2026/01")).responseDueOn).toBe("2026-05-12");
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, rec.id), eq(auditLog.action, "change_receipt"))).orderBy(auditLog.id);
    expect(JSON.stringify(audit.after)).toContain("The letter was e-mailed a day earlier");
  });

  it("records the board's judgement at a later held meeting's minute", async () => {
    const rec = await recByReference("FB/2026/01");
    const missing = await asClerk(`/clerk/recommendations/${rec.id}`, { intent: "judge", implementationState: "", judgedAtMinuteId: "", judgement: "Note kept 9" });
    expect(missing.status).toBe(400);
    expect(await html(missing)).toContain("Note kept 9");
    const res = await asClerk(`/clerk/recommendations/${rec.id}`, { intent: "judge", implementationState: "partly_implemented", judgedAtMinuteId: laterMinuteId, judgement: "Published in part" });
    expect(res.status).toBe(303);
    expect((await recByReference("FB/2026/01")).implementationState).toBe("partly_implemented");
    expect(await html(await send(server, `/recommendations/${rec.id}`))).toContain("Partly implemented");
  });
});

describe("response periods", () => {
  it("refuses 0 and 1000 working days beside the field and saves 20", async () => {
    const page = await html(await asClerk(`/clerk/response-periods?organisation=${trustId}`));
    expect(page).toContain("Two months (statutory duty)");
    for (const days of ["0", "1000", "ten"]) {
      const res = await asClerk("/clerk/response-periods", { organisationId: trustId, duty: "working_days", responseWorkingDays: days });
      expect(res.status).toBe(400);
      const body = await html(res);
      expect(body).toContain("Enter a number of working days from 5 to 130");
      expect(body).toContain(`value="${days}"`);
    }
    const ok = await asClerk("/clerk/response-periods", { organisationId: trustId, duty: "working_days", responseWorkingDays: "20" });
    expect(ok.status).toBe(303);
    const [org] = await db().select().from(organisations).where(eq(organisations.id, trustId));
    expect(org.responseWorkingDays).toBe(20);
    await asClerk("/clerk/response-periods", { organisationId: trustId, duty: "statutory", responseWorkingDays: "" });
    const [back] = await db().select().from(organisations).where(eq(organisations.id, trustId));
    expect(back.statutoryResponseDuty).toBe(true);
  });
});

describe("removing an agenda item", () => {
  it("is refused, with the reason, while a recommendation was agreed at its minute", async () => {
    const rec = await asClerk(`/clerk/items/${draftItemId}/recommendations`, recordForm({ reference: "FB/2026/40", receivedOn: "", reviewOn: "" }));
    expect(rec.status).toBe(303);
    const page = await html(await asClerk(`/clerk/items/${draftItemId}/remove`));
    expect(page).toContain("The item cannot be removed while the board's recommendation FB/2026/40 was agreed or judged at its minute");
    const res = await asClerk(`/clerk/items/${draftItemId}/remove`, { intent: "remove" });
    expect(res.status).toBe(400);
    expect(await html(res)).toContain("FB/2026/40 was agreed or judged at its minute");
  });
});

/**
 * Decisions and exempt items through time (issue 18 items 4 and 7; ADR 034), through the real
 * server: a clerk records decisions (validated, audit-logged); the public sees a decision on a
 * public item on /decisions, its page, the item page, the CSV, the API and search, and never a
 * decision on an exempt item by any of them; releasing the exempt item after review (confirmed,
 * only after the meeting) makes it public with its release note.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { auditLog, decisions } from "../../db/schema";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const SECRET = "DECISIONSECRET5512";
const OPEN = "Fostering allowances 7731";

let server: TestServer;
let clerkCookie: string;
let meetingSlug: string;
let meetingId: string;
let publicItemId: string;
let exemptItemId: string;
let futureItemId: string;

beforeAll(async () => {
  server = await startTestServer();
  const clerk = await makeUser("clerk");
  clerkCookie = await cookieFor(clerk.id);
  const body = await makeBody({ name: "Decisions Test Cabinet" });
  const meeting = await makeMeeting(body.id, {
    title: "Decisions test meeting",
    startsAt: new Date("2026-01-15T18:00:00Z"),
    minutesPublishedAt: new Date("2026-01-20T09:00:00Z"),
  });
  meetingSlug = meeting.slug;
  meetingId = meeting.id;
  publicItemId = (await makeItem(meeting.id, { position: 1, title: "Fostering" })).id;
  await makeMinute(publicItemId, "The board discussed fostering.");
  exemptItemId = (
    await makeItem(meeting.id, {
      position: 2,
      title: `Contract ${SECRET}`,
      body: `Body ${SECRET}`,
      isExempt: true,
      exemptParagraph: 3,
      exemptReason: "Commercially sensitive until the contract is let",
      publicTitle: "A contract matter",
    })
  ).id;
  await makeMinute(exemptItemId, `Minute ${SECRET}`);
  const future = await makeMeeting(body.id, { title: "Future meeting", startsAt: new Date("2099-01-15T18:00:00Z") });
  futureItemId = (await makeItem(future.id, { title: "Later", isExempt: true, exemptParagraph: 1, exemptReason: "Personal" })).id;
});

afterAll(async () => server?.close());

const post = (path: string, form: Record<string, string>) => send(server, path, { cookie: clerkCookie, form });
const publicText = async (path: string) => {
  const r = await send(server, path);
  return { status: r.status, text: (await r.text()).replaceAll("<!-- -->", "") };
};

describe("a clerk records decisions", () => {
  it("refuses bad input beside the field, keeping what was typed", async () => {
    const empty = await post(`/clerk/items/${publicItemId}/decisions`, { intent: "create", text: "", reasons: "", callInUntil: "", calledInOn: "", implementedOn: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter what was decided");
    const badDay = await post(`/clerk/items/${publicItemId}/decisions`, { intent: "create", text: "Kept text 991", reasons: "", callInUntil: "31/2/2026", calledInOn: "", implementedOn: "" });
    expect(badDay.status).toBe(400);
    const html = await badDay.text();
    expect(html).toContain("Last day for call-in must be a real date");
    expect(html).toContain("Kept text 991");
    const callInWithout = await post(`/clerk/items/${publicItemId}/decisions`, { intent: "create", text: "x", reasons: "", callInUntil: "", calledInOn: "20/1/2026", implementedOn: "" });
    expect(callInWithout.status).toBe(400);
    expect(await callInWithout.text()).toContain("Only a decision subject to call-in can be called in");
  });

  it("records a decision on the public item and one on the exempt item, each audit-logged", async () => {
    const a = await post(`/clerk/items/${publicItemId}/decisions`, { intent: "create", text: `Resolved: ${OPEN}`, reasons: "To support carers", callInUntil: "", calledInOn: "", implementedOn: "" });
    expect(a.status).toBe(303);
    const b = await post(`/clerk/items/${exemptItemId}/decisions`, { intent: "create", text: `Resolved: award quokkaward ${SECRET}`, reasons: `Because ${SECRET}`, callInUntil: "", calledInOn: "", implementedOn: "" });
    expect(b.status).toBe(303);
    const rows = await db().select().from(decisions);
    expect(rows).toHaveLength(2);
    const logged = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "decision"), eq(auditLog.action, "create"))).orderBy(auditLog.id);
    expect(logged).toHaveLength(2);
  });

  it("refuses a decision before the meeting is held", async () => {
    const r = await post(`/clerk/items/${futureItemId}/decisions`, { intent: "create", text: "Too early", reasons: "", callInUntil: "", calledInOn: "", implementedOn: "" });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("once the meeting has been held");
  });
});

describe("what the public sees of decisions", () => {
  it("shows the public item's decision everywhere, and never the exempt item's", async () => {
    const [open] = await db().select().from(decisions).where(eq(decisions.agendaItemId, publicItemId));
    const [secret] = await db().select().from(decisions).where(eq(decisions.agendaItemId, exemptItemId));
    const surfaces = [
      "/decisions",
      `/decisions?q=${encodeURIComponent("fostering")}`,
      "/decisions?q=quokkaward",
      `/decisions/${open.id}`,
      `/agenda-items/${publicItemId}`,
      `/agenda-items/${exemptItemId}`,
      `/meetings/${meetingSlug}`,
      "/decisions.csv",
      "/api/v1/decisions",
      "/api/v1/decisions?q=quokkaward",
      `/api/v1/meetings/${meetingId}`,
      "/search?q=quokkaward",
      `/search?q=${encodeURIComponent("fostering allowances")}`,
    ];
    let seenOpen = 0;
    for (const path of surfaces) {
      const { status, text } = await publicText(path);
      expect(status, path).toBe(200);
      expect(text, path).not.toContain(SECRET);
      if (text.includes(OPEN)) seenOpen += 1;
    }
    // The open decision is on the list (twice), its page, its item, the CSV and both APIs; search links to it.
    expect(seenOpen).toBeGreaterThanOrEqual(7);
    expect((await publicText(`/search?q=${encodeURIComponent("fostering allowances")}`)).text).toContain(`/decisions/${open.id}`);
    expect((await publicText(`/decisions/${secret.id}`)).status).toBe(404);
    expect((await publicText(`/api/v1/decisions/${secret.id}`)).status).toBe(404);
    const api = JSON.parse((await publicText(`/api/v1/decisions/${open.id}`)).text);
    expect(api.data).toMatchObject({ status: "made", organization: { name: "Decisions Test Cabinet" }, agenda_item: { id: publicItemId } });
    expect(api.data.date).toBe("2026-01-15T18:00:00.000Z");
    // A clerk sees both on the list.
    const asClerk = await (await send(server, "/decisions", { cookie: clerkCookie })).text();
    expect(asClerk).toContain(SECRET);
  });

  it("says a bad date filter beside its field, not a 500", async () => {
    const { status, text } = await publicText("/decisions?from=2026-13-45");
    expect(status).toBe(200);
    expect(text).toContain("Made from must be a real date");
    // The filter is the date input's three boxes: a part missing is named, what was typed kept.
    const boxes = await publicText("/decisions?from-day=&from-month=2&from-year=2026&to-day=31&to-month=2&to-year=2026");
    expect(boxes.text).toContain("Made from must include a day");
    expect(boxes.text).toContain("Made to must be a real date");
    expect(boxes.text).toMatch(/name="to-day"[^>]*value="31"|value="31"[^>]*name="to-day"/);
    expect((await publicText("/decisions?from-day=1&from-month=1&from-year=2026")).text).not.toContain("must be a real date");
    expect((await publicText("/api/v1/decisions?since=abc")).status).toBe(400);
  });
});

describe("an exempt item through time", () => {
  it("shows the public the paragraph, the reason and the review date, and the meeting's private part", async () => {
    const r = await post(`/clerk/items/${exemptItemId}/exemption`, { intent: "review", reviewOn: "1/1/2026" });
    expect(r.status).toBe(303);
    const item = await publicText(`/agenda-items/${exemptItemId}`);
    expect(item.text).toContain("paragraph 3");
    expect(item.text).toContain("Commercially sensitive until the contract is let");
    expect(item.text).toContain("The exemption will be reviewed on 1 January 2026");
    const meeting = await publicText(`/meetings/${meetingSlug}`);
    expect(meeting.text).toContain("Part of this meeting was held in private");
    expect(meeting.text).not.toContain(SECRET);
    const dashboard = await (await send(server, "/clerk", { cookie: clerkCookie })).text();
    expect(dashboard).toContain("Exempt items due for review");
    expect(dashboard).toContain(`/clerk/items/${exemptItemId}/exemption`);
  });

  it("refuses a release without confirmation, and before the meeting", async () => {
    const unconfirmed = await post(`/clerk/items/${exemptItemId}/exemption`, { intent: "release" });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Confirm that the review found");
    const early = await post(`/clerk/items/${futureItemId}/exemption`, { intent: "release", confirm: "yes" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("only after its meeting has been held");
    expect((await publicText(`/agenda-items/${exemptItemId}`)).text).not.toContain(SECRET);
  });

  it("releases it: the content and its decision become public with the release note, audit-logged", async () => {
    const r = await post(`/clerk/items/${exemptItemId}/exemption`, { intent: "release", confirm: "yes" });
    expect(r.status).toBe(303);
    const item = await publicText(`/agenda-items/${exemptItemId}`);
    expect(item.text).toContain(`Body ${SECRET}`);
    expect(item.text).toMatch(/Released on \d{1,2} \w+ \d{4} after review/);
    expect(item.text).toContain(`Resolved: award quokkaward ${SECRET}`);
    const meeting = await publicText(`/meetings/${meetingSlug}`);
    expect(meeting.text).toMatch(/Released on \d{1,2} \w+ \d{4} after review/);
    expect(meeting.text).not.toContain("held in private");
    const logged = await db().select().from(auditLog).where(and(eq(auditLog.entityType, "agenda_item"), eq(auditLog.action, "release"))).orderBy(auditLog.id);
    expect(logged).toHaveLength(1);
    const dashboard = await (await send(server, "/clerk", { cookie: clerkCookie })).text();
    expect(dashboard).not.toContain(`/clerk/items/${exemptItemId}/exemption`);
  });
});

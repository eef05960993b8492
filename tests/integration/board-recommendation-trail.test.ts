/**
 * A board recommendation's trail page at /recommendations/:id, the address an inspection's
 * recommendation already has: the public reads where it came from, the clock, the response
 * and the judgement; one agreed in an exempt item (marker text) is a 404 for the public, shown to
 * members (who see exempt papers), a clerk and to an officer of the addressee.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { organisations } from "../../db/schema";
import { recordBoardRecommendation, recordRecommendationResponse } from "~/models/oversight";
import { cookieFor, makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute } from "../support/factories";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const MARKER = "EXEMPT-BOARD-REC-MARKER-8d1f";
let server: TestServer;
let publicId: string;
let exemptId: string;
let trustId: string;

beforeAll(async () => {
  server = await startTestServer();
  const actor = { userId: (await makeUser("clerk")).id };
  // The addressee is the organisation test officers belong to (tests/support/accounts.ts).
  await makeUser("officer");
  const [trust] = await db().select().from(organisations).where(eq(organisations.slug, "test-trust"));
  trustId = trust.id;
  const board = await makeBody({ name: "Trail Board" });
  const published = { minutesPublishedAt: new Date("2026-03-20T09:00:00Z"), startsAt: new Date("2026-03-10T18:00:00Z") };
  const m = await makeMeeting(board.id, published);
  const open = await makeMinute((await makeItem(m.id, { title: "Placements" })).id, "Resolved to recommend");
  const exempt = await makeMinute((await makeItem(m.id, { title: "Exempt matter", position: 2, isExempt: true, exemptParagraph: 1 })).id, "Private");
  const base = { bodyId: board.id, agreedInDocumentId: null, agreedOn: null, addresseeOrganisationId: trust.id, leadPersonId: null, reviewOn: "2026-09-01" };
  const rec = await db().transaction((tx) =>
    recordBoardRecommendation(tx, actor, { ...base, reference: "TB/2026/01", text: "Publish the sufficiency plan", agreedAtMinuteId: open.id, receivedOn: "2026-03-14" }),
  );
  await db().transaction((tx) =>
    recordRecommendationResponse(tx, actor, rec.id, { outcome: "partially_accepted", reasons: "Funding is not agreed", actionPlanned: "", givenBy: "Director of Children's Services", givenByPersonId: null, givenOn: "2026-05-20", agreedAt: "Cabinet" }, "2026-06-01"),
  );
  publicId = rec.id;
  exemptId = (
    await db().transaction((tx) => recordBoardRecommendation(tx, actor, { ...base, reference: "TB/2026/02", text: MARKER, agreedAtMinuteId: exempt.id, receivedOn: null }))
  ).id;
});

afterAll(async () => {
  await server?.close();
});

describe("the trail page", () => {
  it("shows the public where it came from, the clock, the late response and the timeline", async () => {
    const res = await send(server, `/recommendations/${publicId}`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("TB/2026/01: Publish the sufficiency plan");
    expect(html).toContain("Recommendation of Trail Board");
    expect(html).toContain("Response received");
    expect(html).toContain("Responded on 20 May 2026, 7 days late (due 13 May 2026)");
    expect(html).toContain("Partially accepted");
    expect(html).toContain("Funding is not agreed");
    expect(html).toContain("Received by Test Trust");
    expect(html).toContain("The board has not yet judged whether it was implemented.");
  });

  it("keeps one agreed in an exempt item from the public, not from members (who see exempt papers), a clerk or the addressee's officer", async () => {
    const res = await send(server, `/recommendations/${exemptId}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(MARKER);
    const member = await send(server, `/recommendations/${exemptId}`, { cookie: await cookieFor((await makeUser("member")).id) });
    expect(await member.text()).toContain(MARKER);
    const clerk = await send(server, `/recommendations/${exemptId}`, { cookie: await cookieFor((await makeUser("clerk")).id) });
    expect(await clerk.text()).toContain(MARKER);
    const officer = await send(server, `/recommendations/${exemptId}`, { cookie: await cookieFor((await makeUser("officer")).id) });
    expect(officer.status).toBe(200);
    expect(await officer.text()).toContain("Not yet received: the response clock has not started");
  });
});

/**
 * A board recommendation agreed at a meeting whose day the sources do not give (the imported
 * 2021 meeting is known only to the year) is dated exactly as precisely everywhere: the trail,
 * the register and its CSV, the tracker and the API say "2021", never the placeholder day the
 * meeting is stored with.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getBoardRecommendation, listRegister, recordBoardRecommendation, registerCsvCells, trackingReport } from "~/models/oversight";
import { getRecommendationApi } from "~/models/publishing/api/recommendations.server";
import { PUBLIC_VIEWER } from "~/rules/viewer.server";
import { makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation } from "../support/factories";

let id = "";
const PLACEHOLDER = "2021-09-01";

beforeAll(async () => {
  const clerk = await makeUser("clerk");
  const exec = await makeOrganisation({ name: "Precision Executive", slug: "precision-executive", kind: "council" });
  const board = await makeBody({ name: "Precision Board", slug: "precision-board" });
  const m = await makeMeeting(board.id, {
    startsAt: new Date(`${PLACEHOLDER}T11:00:00Z`),
    datePrecision: "year",
    minutesPublishedAt: new Date("2021-12-01T09:00:00Z"),
    title: "Precision Board annual review",
  });
  const minute = await makeMinute((await makeItem(m.id, { title: "Annual review" })).id, "Resolved to recommend");
  const input = { bodyId: board.id, reference: "PB/01", text: "Publish the plan", agreedAtMinuteId: minute.id, agreedInDocumentId: null, agreedOn: null, addresseeOrganisationId: exec.id, leadPersonId: null, receivedOn: null, reviewOn: null };
  id = (await db().transaction((tx) => recordBoardRecommendation(tx, { userId: clerk.id }, input))).id;
});


describe("the day a board recommendation was agreed, where the meeting is known only to the year", () => {
  it("is the year on the trail, in the register and its CSV, on the tracker and in the API", async () => {
    const trail = await getBoardRecommendation(PUBLIC_VIEWER, id);
    expect(trail?.agreed.on).toBe("2021");
    expect(trail?.timeline.find((e) => e.what.startsWith("Agreed by"))?.date).toBe("2021");

    const { rows } = await listRegister(PUBLIC_VIEWER, { filters: { body: "precision-board" }, today: "2026-12-06", pageSize: 10 });
    expect(rows[0]).toMatchObject({ reference: "PB/01", agreed: "2021", agreedOn: "2021" });
    expect(registerCsvCells(rows[0], "https://example.test").join(",")).not.toContain(PLACEHOLDER);

    const tracker = await trackingReport(PUBLIC_VIEWER, { from: "2021-01-01", to: "2021-12-31" }, new Date("2026-12-06T12:00:00Z"));
    const row = tracker.find((r) => r.reference === "PB/01");
    expect(row?.date).toBe("2021");
    expect(JSON.stringify(row)).not.toContain(PLACEHOLDER);

    const api = await getRecommendationApi("https://example.test", id);
    expect(api).toMatchObject({ agreed_on: null, agreed_on_precision: "year" });
    expect(JSON.stringify(api)).not.toContain(PLACEHOLDER);
  });
});

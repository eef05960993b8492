/**
 * The board's own recommendations (issue 17): recorded from a minute of the same board,
 * a reference once per board, the clock from receipt (never typed in), a response not
 * before receipt and with reasons unless fully accepted, a receipt change only with a
 * reason (in the audit log), the judgement at a later meeting, and the addressee's
 * working-day period moving open due days. Each write is in the audit log.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  BoardRecommendationError,
  recordBoardJudgement,
  recordBoardRecommendation,
  recordRecommendationResponse,
  setResponsePeriod,
  updateBoardRecommendation,
  type BoardRecommendationInput,
} from "~/models/oversight";
import { auditLog, recommendations } from "../../db/schema";
import { makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeMinute, makeOrganisation } from "../support/factories";

let actor: { userId: string };
let board: { id: string };
let otherBoard: { id: string };
let trust: { id: string };
let minuteId: string;
let laterMinuteId: string;
let otherBoardMinuteId: string;

beforeAll(async () => {
  actor = { userId: (await makeUser("clerk")).id };
  trust = await makeOrganisation({ name: "Trust", kind: "trust" });
  board = await makeBody({ name: "Scrutiny Board" });
  otherBoard = await makeBody({ name: "Other Board" });
  const m1 = await makeMeeting(board.id, { startsAt: new Date("2026-03-10T18:00:00Z") });
  const m2 = await makeMeeting(board.id, { startsAt: new Date("2026-07-14T18:00:00Z") });
  const m3 = await makeMeeting(otherBoard.id, { startsAt: new Date("2026-03-11T18:00:00Z") });
  minuteId = (await makeMinute((await makeItem(m1.id)).id, "The board resolved to recommend...")).id;
  laterMinuteId = (await makeMinute((await makeItem(m2.id)).id, "The board reviewed...")).id;
  otherBoardMinuteId = (await makeMinute((await makeItem(m3.id)).id, "Another board")).id;
});

const input = (over: Partial<BoardRecommendationInput> = {}): BoardRecommendationInput => ({
  bodyId: board.id,
  reference: "SB/2026/01",
  text: "The Trust should publish its placement sufficiency plan.",
  agreedAtMinuteId: minuteId,
  agreedInDocumentId: null,
  agreedOn: null,
  addresseeOrganisationId: trust.id,
  leadPersonId: null,
  receivedOn: "2026-03-14",
  reviewOn: null,
  ...over,
});

async function refused(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    if (e instanceof BoardRecommendationError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("recording a board recommendation", () => {
  it("dates it to the meeting of its minute and computes the due day from receipt", async () => {
    const row = await db().transaction((tx) => recordBoardRecommendation(tx, actor, input()));
    expect(row).toMatchObject({ source: "board", agreedOn: "2026-03-10", receivedOn: "2026-03-14", responseDueOn: "2026-05-13" });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "create"))).orderBy(auditLog.id);
    expect(audit).toHaveLength(1);
  });

  it("refuses a reference used twice in a body, a minute of another body, receipt before agreement", async () => {
    expect(await refused(db().transaction((tx) => recordBoardRecommendation(tx, actor, input())))).toMatchObject({ field: "reference" });
    expect(await refused(db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ reference: "SB/2026/02", agreedAtMinuteId: otherBoardMinuteId }))))).toMatchObject({
      field: "agreedAtMinuteId",
    });
    expect(await refused(db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ reference: "SB/2026/02", receivedOn: "2026-03-09" }))))).toMatchObject({
      field: "receivedOn",
    });
    expect(await refused(db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ reference: "SB/2026/02", reviewOn: "2026-03-01" }))))).toMatchObject({
      field: "reviewOn",
    });
  });

  it("the same reference may be used by another board", async () => {
    const row = await db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ bodyId: otherBoard.id, agreedAtMinuteId: otherBoardMinuteId })));
    expect(row.reference).toBe("SB/2026/01");
  });
});

describe("the response", () => {
  it("is refused before receipt, in the future, or without reasons when not fully accepted; then recorded once", async () => {
    const rec = await db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ reference: "SB/2026/03" })));
    const response = { outcome: "partially_accepted" as const, reasons: "", actionPlanned: "A plan by June", givenBy: "Director of Children's Services", givenByPersonId: null, givenOn: "2026-05-20", agreedAt: "Cabinet, 18 May 2026" };
    expect(await refused(db().transaction((tx) => recordRecommendationResponse(tx, actor, rec.id, response, "2026-06-01")))).toMatchObject({ field: "reasons" });
    expect(await refused(db().transaction((tx) => recordRecommendationResponse(tx, actor, rec.id, { ...response, reasons: "Cost", givenOn: "2026-03-13" }, "2026-06-01")))).toMatchObject({
      field: "givenOn",
    });
    expect(await refused(db().transaction((tx) => recordRecommendationResponse(tx, actor, rec.id, { ...response, reasons: "Cost" }, "2026-05-19")))).toMatchObject({ field: "givenOn" });
    const row = await db().transaction((tx) => recordRecommendationResponse(tx, actor, rec.id, { ...response, reasons: "Cost" }, "2026-06-01"));
    expect(row).toMatchObject({ outcome: "partially_accepted", givenOn: "2026-05-20" });
    expect(await refused(db().transaction((tx) => recordRecommendationResponse(tx, actor, rec.id, { ...response, reasons: "Again" }, "2026-06-01")))).toMatchObject({ field: "outcome" });
  });
});

describe("changing the date it was received", () => {
  it("needs a reason, kept in the audit log, and moves the due day", async () => {
    const rec = await db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ reference: "SB/2026/04" })));
    expect(await refused(db().transaction((tx) => updateBoardRecommendation(tx, actor, rec.id, input({ reference: "SB/2026/04", receivedOn: "2026-03-20" }), "")))).toMatchObject({
      field: "receiptChangeReason",
    });
    const after = await db().transaction((tx) => updateBoardRecommendation(tx, actor, rec.id, input({ reference: "SB/2026/04", receivedOn: "2026-03-20" }), "Sent late by the clerk"));
    expect(after?.responseDueOn).toBe("2026-05-19");
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, rec.id), eq(auditLog.action, "change_receipt"))).orderBy(auditLog.id);
    expect(audit.after).toMatchObject({ receiptChangeReason: "Sent late by the clerk", receivedOn: "2026-03-20" });
  });
});

describe("the board's judgement", () => {
  it("is recorded at a later meeting of the same board", async () => {
    const rec = await db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ reference: "SB/2026/05" })));
    expect(await refused(db().transaction((tx) => recordBoardJudgement(tx, actor, rec.id, { implementationState: "implemented", judgedAtMinuteId: minuteId, judgement: "" })))).toMatchObject({
      field: "judgedAtMinuteId",
    });
    const after = await db().transaction((tx) => recordBoardJudgement(tx, actor, rec.id, { implementationState: "partly_implemented", judgedAtMinuteId: laterMinuteId, judgement: "Half done" }));
    expect(after).toMatchObject({ implementationState: "partly_implemented", judgedOn: "2026-07-14" });
  });
});

describe("an addressee's working-day period", () => {
  it("refuses zero or a thousand days, and moves open due days when set", async () => {
    const partner = await makeOrganisation({ name: "Partner", kind: "partner" });
    const rec = await db().transaction((tx) => recordBoardRecommendation(tx, actor, input({ reference: "SB/2026/06", addresseeOrganisationId: partner.id })));
    expect(rec.responseDueOn).toBe("2026-05-13");
    for (const workingDays of [0, 1000]) {
      expect(await refused(db().transaction((tx) => setResponsePeriod(tx, actor, partner.id, { statutory: false, workingDays })))).toMatchObject({ field: "responseWorkingDays" });
    }
    await db().transaction((tx) => setResponsePeriod(tx, actor, partner.id, { statutory: false, workingDays: 20 }));
    const [row] = await db().select().from(recommendations).where(eq(recommendations.id, rec.id));
    // 14 March 2026 (Saturday) + 20 working days (Good Friday 3 April, Easter Monday 6 April): 14 April.
    expect(row.responseDueOn).toBe("2026-04-14");
  });
});

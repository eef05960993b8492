/**
 * The status rules run twice: in TypeScript (a question's page) and in SQL (the
 * registers filter, sort and page in the database), both generated from the
 * tables in app/rules/status.server.ts. Here every combination of acceptance,
 * clerk's closure, responses (with corrections), actions and due dates is
 * evaluated both ways at fixed clocks (including a late evening in British
 * Summer Time, when the London day is not the UTC day), and they must agree.
 * The facts the SQL reads (question_status_facts) are kept by triggers, so the
 * rows are made and then changed the way the app changes them: inserts,
 * updates and a delete.
 */
import crypto from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listActions } from "~/models/questions";
import { factsFor, listQuestions, questionState } from "~/models/questions";
import {
  actionDaysLate,
  actionStatus,
  daysOpen,
  isActionOverdue,
  isQuestionOverdue,
  QUESTION_STATUSES,
  QUESTION_UNCOUNTED_STATUSES,
  ACTION_STATUSES,
  questionClosedAt,
  questionDaysLate,
  questionStatus,
} from "~/rules/status.server";
import type { Viewer } from "~/rules/viewer.server";
import { actions, questions, questionStatusFacts, responses } from "../../db/schema";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion, makeResponse } from "../support/factories";

const clerk: Viewer = {
  kind: "user",
  userId: crypto.randomUUID(),
  name: "Clerk",
  email: "clerk@example.org",
  role: "clerk",
  personId: null,
  organisationId: null,
};

const CLOCKS = [
  new Date("2026-02-12T12:00:00Z"), // the due day itself
  new Date("2026-02-13T00:30:00Z"), // the day after: overdue begins
  new Date("2026-03-29T23:30:00Z"), // 00:30 on 30 March in London (BST), still the 29th in UTC
  new Date("2027-01-10T09:00:00Z"),
];

type ResponseShape = "none" | "holding" | "full" | "holding+full" | "full corrected to holding" | "holding corrected to full" | "full, deleted";
type ActionShape = "none" | "open" | "started" | "completed" | "cancelled" | "completed+open" | "open, completed later";
const RESPONSES: ResponseShape[] = ["none", "holding", "full", "holding+full", "full corrected to holding", "holding corrected to full", "full, deleted"];
const ACTIONS: ActionShape[] = ["none", "open", "started", "completed", "cancelled", "completed+open", "open, completed later"];
const DUES = [null, "2026-02-12", "2026-03-29", "2026-12-31"];

let questionIds: string[] = [];
let actionIds: string[] = [];

beforeAll(async () => {
  const org = await makeOrganisation();
  const body = await makeBody();
  const meeting = await makeMeeting(body.id);
  const item = await makeItem(meeting.id);
  const at = (iso: string) => new Date(iso);
  let n = 0;
  const cases: { accepted: boolean; rejected: boolean; closed: boolean; resp: ResponseShape; act: ActionShape; due: string | null; sourced?: boolean }[] = [];
  cases.push({ accepted: false, rejected: false, closed: false, resp: "none", act: "none", due: "2026-02-12" });
  cases.push({ accepted: false, rejected: true, closed: false, resp: "none", act: "none", due: "2026-02-12" });
  for (const closed of [false, true])
    for (const resp of RESPONSES)
      for (const act of ACTIONS)
        // Every due date for the shapes that decide overdue; one due date for the rest keeps the file quick.
        for (const due of resp === "none" || resp === "holding" || act === "none" ? DUES : ["2026-02-12"])
          cases.push({ accepted: true, rejected: false, closed, resp, act, due });
  // Imported questions whose source records an answer at the meeting (docs/decisions/021), with and without later actions.
  for (const closed of [false, true]) for (const act of ACTIONS) cases.push({ accepted: true, rejected: false, closed, resp: "full", act, due: null, sourced: true });

  for (const c of cases) {
    n += 1;
    const q = await makeQuestion(item.id, org.id, {
      text: `Case ${n}`,
      position: n,
      tabledOn: "2026-01-15",
      dueOn: c.due,
      acceptedAt: c.accepted ? at("2026-01-16T09:00:00Z") : null,
      rejectedAt: c.rejected ? at("2026-01-16T09:00:00Z") : null,
      closedAt: c.closed ? at("2026-03-29T23:15:00Z") : null,
      ...(c.sourced ? { sourceStatus: "answered_at_meeting" as const, sourceStatusNote: "The minutes record an answer at the meeting." } : {}),
    });
    questionIds.push(q.id);
    if (c.resp === "holding" || c.resp === "holding+full" || c.resp === "holding corrected to full") {
      const h = await makeResponse(q.id, { kind: "holding", respondedAt: at("2026-02-01T10:00:00Z") });
      if (c.resp === "holding corrected to full") {
        await makeResponse(q.id, { kind: "full", supersedesId: h.id, respondedAt: at("2026-02-20T10:00:00Z") });
      }
    }
    if (c.resp === "full" || c.resp === "holding+full" || c.resp === "full corrected to holding" || c.resp === "full, deleted") {
      const f = await makeResponse(q.id, { kind: "full", respondedAt: at("2026-02-10T22:30:00Z") });
      if (c.resp === "full corrected to holding") {
        await makeResponse(q.id, { kind: "holding", supersedesId: f.id, respondedAt: at("2026-02-11T10:00:00Z") });
      }
      if (c.resp === "full, deleted") await db().delete(responses).where(eq(responses.id, f.id));
    }
    const action = async (over: Partial<typeof actions.$inferInsert>) => {
      const [a] = await db()
        .insert(actions)
        .values({ description: `Action for case ${n}`, questionId: q.id, owningOrganisationId: org.id, dueOn: "2026-03-01", createdAt: at("2026-02-11T10:00:00Z"), ...over })
        .returning();
      actionIds.push(a.id);
      return a;
    };
    if (c.act === "open" || c.act === "completed+open") await action({});
    if (c.act === "started") await action({ startedAt: at("2026-02-15T10:00:00Z") });
    if (c.act === "completed" || c.act === "completed+open") await action({ completedAt: at("2026-03-29T23:30:00Z"), closureEvidence: "Done" });
    if (c.act === "cancelled") await action({ cancelledAt: at("2026-02-20T10:00:00Z"), cancellationReason: "No longer needed" });
    if (c.act === "open, completed later") {
      const a = await action({ dueOn: "2026-03-29", createdAt: at("2026-02-11T23:30:00Z") });
      await db().update(actions).set({ completedAt: at("2026-04-02T10:00:00Z"), closureEvidence: "Done" }).where(eq(actions.id, a.id));
    }
  }
}, 120_000);

/** The TypeScript evaluators over facts loaded row by row (the way a question's own page loads them). */
async function expectedQuestions(now: Date) {
  const out = new Map<string, { status: string; overdue: boolean; daysLate: number; daysOpen: number | null; openActions: number }>();
  for (const id of questionIds) {
    const q = { ...(await questionState(db(), id))!, ...(await factsFor(db(), [id])).get(id)! };
    const status = questionStatus(q);
    out.set(id, {
      status,
      overdue: isQuestionOverdue(q, now),
      daysLate: questionDaysLate(q, now),
      daysOpen: QUESTION_UNCOUNTED_STATUSES.includes(status) ? null : daysOpen(q.tabledOn, questionClosedAt(q), now),
      openActions: q.actions.filter((a) => !a.completedAt && !a.cancelledAt).length,
    });
  }
  return out;
}

describe("question status: SQL and TypeScript agree", () => {
  it("covers every status, overdue and not", async () => {
    const expected = await expectedQuestions(CLOCKS[1]);
    const statuses = new Set([...expected.values()].map((e) => e.status));
    expect([...statuses].sort()).toEqual([...QUESTION_STATUSES].sort());
    expect([...expected.values()].some((e) => e.overdue)).toBe(true);
    expect([...expected.values()].some((e) => !e.overdue && e.status === "awaiting_response")).toBe(true);
  });

  for (const now of CLOCKS) {
    it(`agrees on status, overdue, days late, days open and open actions at ${now.toISOString()}`, async () => {
      const expected = await expectedQuestions(now);
      const { questions: rows } = await listQuestions(clerk, { page: 1, all: true, now });
      expect(rows.length).toBe(questionIds.length);
      for (const r of rows) {
        const e = expected.get(r.id)!;
        expect({ id: r.id, status: r.status, overdue: r.overdue, daysLate: r.daysLate, daysOpen: r.daysOpen, openActions: r.openActions }).toEqual({
          id: r.id,
          ...e,
        });
      }
    });
  }

  it("filters by status and overdue in SQL exactly as the evaluator decides, across pages", async () => {
    const now = CLOCKS[1];
    const expected = await expectedQuestions(now);
    for (const status of QUESTION_STATUSES) {
      const want = [...expected].filter(([, e]) => e.status === status).map(([id]) => id);
      const got: string[] = [];
      let total = 0;
      for (let page = 1; page <= Math.ceil(want.length / 20) + 1; page++) {
        const res = await listQuestions(clerk, { page, filters: { status }, now });
        total = res.total;
        got.push(...res.questions.map((q) => q.id));
      }
      expect(total).toBe(want.length);
      expect(got.sort()).toEqual(want.sort());
    }
    const overdue = (await listQuestions(clerk, { page: 1, all: true, filters: { overdue: true }, now })).questions;
    expect(overdue.map((q) => q.id).sort()).toEqual([...expected].filter(([, e]) => e.overdue).map(([id]) => id).sort());
  });

  it("sorts by days late, most first, from the database", async () => {
    const now = CLOCKS[3];
    const expected = await expectedQuestions(now);
    const rows = (await listQuestions(clerk, { page: 1, all: true, filters: { sort: "late" }, now })).questions;
    const lates = rows.map((r) => expected.get(r.id)!.daysLate);
    expect(lates).toEqual([...lates].sort((a, b) => b - a));
    expect(lates[0]).toBeGreaterThan(0);
  });

  it("keeps the stored facts equal to a fresh recomputation after inserts, updates and deletes", async () => {
    const stored = await db().select().from(questionStatusFacts).where(inArray(questionStatusFacts.questionId, questionIds));
    expect(stored.length).toBe(questionIds.length);
    await db().execute("select question_status_facts_refresh(null)");
    const fresh = await db().select().from(questionStatusFacts).where(inArray(questionStatusFacts.questionId, questionIds));
    const byId = (rows: typeof stored) => Object.fromEntries(rows.map((r) => [r.questionId, r]));
    expect(byId(stored)).toEqual(byId(fresh));
    // A question with no row at all (it cannot happen through the app) still reads as its own columns say.
    const [q] = await db().select({ id: questions.id }).from(questions).where(eq(questions.text, "Case 3"));
    await db().delete(questionStatusFacts).where(eq(questionStatusFacts.questionId, q.id));
    const [row] = (await listQuestions(clerk, { page: 1, all: true, now: CLOCKS[0] })).questions.filter((r) => r.id === q.id);
    expect(row.status).toBe(questionStatus((await questionState(db(), q.id))!));
    await db().execute("select question_status_facts_refresh(null)");
  });
});

describe("action status: SQL and TypeScript agree", () => {
  for (const now of CLOCKS) {
    it(`agrees on status, overdue, days late and days open at ${now.toISOString()}`, async () => {
      const stored = await db().select().from(actions).where(inArray(actions.id, actionIds));
      const { actions: rows } = await listActions(clerk, { page: 1, all: true, now });
      const mine = rows.filter((r) => actionIds.includes(r.id));
      expect(mine.length).toBe(actionIds.length);
      const seen = new Set<string>();
      for (const r of mine) {
        const a = stored.find((s) => s.id === r.id)!;
        seen.add(actionStatus(a));
        expect({ id: r.id, status: r.status, overdue: r.overdue, daysLate: r.daysLate, daysOpen: r.daysOpen }).toEqual({
          id: r.id,
          status: actionStatus(a),
          overdue: isActionOverdue(a, now),
          daysLate: actionDaysLate(a, now),
          daysOpen: daysOpen(a.createdAt.toISOString().slice(0, 10), a.completedAt ?? a.cancelledAt, now),
        });
      }
      expect([...seen].sort()).toEqual([...ACTION_STATUSES].sort());
      for (const status of ACTION_STATUSES) {
        const filtered = (await listActions(clerk, { page: 1, all: true, filters: { status }, now })).actions.map((x) => x.id);
        expect(filtered.sort()).toEqual(mine.filter((x) => x.status === status).map((x) => x.id).sort());
      }
    });
  }
});

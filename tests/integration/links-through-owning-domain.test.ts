/**
 * Links of questions and actions to priorities and recommendations are rows of the
 * questions domain: the oversight domain makes, checks and removes them through the
 * questions domain's functions (ADR 025). Every kind of link goes in, shows in the
 * record's links, is refused a second time, and comes out again, audited. A password
 * reset asked twice within the minute queues one e-mail (the outbox read through the
 * publishing domain).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/db.server";
import { setClockForTests } from "~/auth/clock.server";
import { addLink, listLinks, removeLink, type RecordRef } from "~/models/oversight";
import { requestPasswordReset } from "~/models/people";
import type { Viewer } from "~/rules/viewer.server";
import { actions, auditLog, inspections, oneTimeTokens, outbox, priorities, recommendations } from "../../db/schema";
import { makeUser } from "../support/accounts";
import { makeBody, makeItem, makeMeeting, makeOrganisation, makeQuestion } from "../support/factories";

let clerk: Viewer;
let actor: { userId: string };

let ids: { priority: string; rec: string; otherRec: string; question: string; action: string };

beforeAll(async () => {
  const user = await makeUser("clerk");
  clerk = { kind: "user", userId: user.id, name: user.name, email: user.email, role: "clerk", personId: null, organisationId: null };
  actor = { userId: user.id };
  const org = await makeOrganisation();
  const meeting = await makeMeeting((await makeBody()).id);
  const item = await makeItem(meeting.id, { title: "Children's services update" });
  const question = await makeQuestion(item.id, org.id, { text: "How many plans were reviewed on time?" });
  const [priority] = await db().insert(priorities).values({ slug: "links-owning-domain", title: "Plans on time", position: 9 }).returning();
  const [inspection] = await db()
    .insert(inspections)
    .values({ slug: "links-owning-domain-visit", title: "Links visit", kind: "monitoring_visit", visitStartOn: "2025-10-01" })
    .returning();
  const [rec] = await db().insert(recommendations).values({ inspectionId: inspection.id, reference: "L1", text: "Review plans on time" }).returning();
  const [otherRec] = await db().insert(recommendations).values({ inspectionId: inspection.id, reference: "L2", text: "Record visits" }).returning();
  const [action] = await db()
    .insert(actions)
    .values({ description: "Review every plan monthly", questionId: question.id, owningOrganisationId: org.id, dueOn: "2026-06-30" })
    .returning();
  ids = { priority: priority.id, rec: rec.id, otherRec: otherRec.id, question: question.id, action: action.id };
});

afterAll(() => setClockForTests(null));

const link = (source: RecordRef, target: RecordRef) => db().transaction((tx) => addLink(tx, clerk, actor, { source, target }));
const unlink = (source: RecordRef, target: RecordRef) => db().transaction((tx) => removeLink(tx, clerk, actor, { source, target }));
const linkedTo = async (source: RecordRef) => (await listLinks(clerk, source)).map((l) => `${l.target.type}:${l.target.id}`);

describe("links held by the questions domain", () => {
  const cases: [string, () => RecordRef, () => RecordRef][] = [
    ["a question to a priority", () => ({ type: "question", id: ids.question }), () => ({ type: "priority", id: ids.priority })],
    ["an action to a priority", () => ({ type: "action", id: ids.action }), () => ({ type: "priority", id: ids.priority })],
    ["a question to a recommendation", () => ({ type: "question", id: ids.question }), () => ({ type: "recommendation", id: ids.rec })],
    ["an action to a recommendation", () => ({ type: "action", id: ids.action }), () => ({ type: "recommendation", id: ids.rec })],
  ];
  for (const [name, source, target] of cases) {
    it(`links ${name}, refuses it twice, and removes it, audited`, async () => {
      const s = source();
      const t = target();
      expect(await linkedTo(s)).not.toContain(`${t.type}:${t.id}`);
      await link(s, t);
      expect(await linkedTo(s)).toContain(`${t.type}:${t.id}`);
      await expect(link(s, t)).rejects.toThrow(/already linked/);
      await unlink(s, t);
      expect(await linkedTo(s)).not.toContain(`${t.type}:${t.id}`);
      await expect(unlink(s, t)).rejects.toThrow(/not linked/);
      const audited = await db()
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "link"), eq(auditLog.entityId, s.id), eq(auditLog.userId, actor.userId)));
      expect(audited.filter((a) => a.action === "create").length).toBeGreaterThan(0);
      expect(audited.filter((a) => a.action === "delete").length).toBeGreaterThan(0);
    });
  }

  it("refuses an action a second recommendation while it answers one", async () => {
    const s: RecordRef = { type: "action", id: ids.action };
    await link(s, { type: "recommendation", id: ids.rec });
    await expect(link(s, { type: "recommendation", id: ids.otherRec })).rejects.toThrow(/already answers another recommendation/);
    const [a] = await db().select({ recommendationId: actions.recommendationId }).from(actions).where(eq(actions.id, ids.action));
    expect(a.recommendationId).toBe(ids.rec);
    await unlink(s, { type: "recommendation", id: ids.rec });
    const [after] = await db().select({ recommendationId: actions.recommendationId }).from(actions).where(eq(actions.id, ids.action));
    expect(after.recommendationId).toBeNull();
  });
});

describe("a password reset asked twice", () => {
  it("within the minute queues one e-mail and keeps its link the one that works; in the next minute, another", async () => {
    const user = await makeUser("member");
    const ask = () => db().transaction((tx) => requestPasswordReset(tx, { ipAddress: null }, user.email, "https://portal.example.org"));
    const queued = async () => (await db().select({ id: outbox.id }).from(outbox).where(eq(outbox.toAddress, user.email))).length;
    const tokens = async () =>
      (await db().select({ id: oneTimeTokens.id }).from(oneTimeTokens).where(and(eq(oneTimeTokens.userId, user.id), eq(oneTimeTokens.purpose, "password_reset")))).length;
    setClockForTests(new Date("2026-05-04T09:30:10Z"));
    await ask();
    expect([await queued(), await tokens()]).toEqual([1, 1]);
    setClockForTests(new Date("2026-05-04T09:30:50Z"));
    await ask();
    expect([await queued(), await tokens()]).toEqual([1, 1]);
    setClockForTests(new Date("2026-05-04T09:31:05Z"));
    await ask();
    expect([await queued(), await tokens()]).toEqual([2, 2]);
  });
});

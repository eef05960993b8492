/**
 * The follower notifier walks the audit log by id. On PostgreSQL ids are taken at insert and
 * rows commit in any order: a write holding a lower id may commit after one holding a higher.
 * The notifier once moved its cursor to the largest id it saw, and so passed over the slower
 * write for good (its followers never heard of it). It now reads only up to the id where the
 * log is settled. And it runs at all while app servers hold their serving lock: its own lock
 * once had the same number, so on PostgreSQL it never ran (the leak canary's missing e-mails
 * with E2E_DATABASE=postgres). PostgreSQL only: the embedded database runs one transaction at
 * a time, in one session.
 */
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { db, SERVING_LOCK_ID } from "~/db.server";
import { deliverFollowerNotifications } from "~/models/publishing";
import { recordAudit, settledAuditId } from "~/models/records";
import { outbox, subscriptions } from "../../db/schema";
import { makeBody, makeMeeting } from "../support/factories";

const onPostgres = Boolean(process.env.DATABASE_URL);
const SITE = "https://portal.example";
const READER = "order.reader@example.org";
let meetingId: string;

beforeAll(async () => {
  const body = await makeBody({ name: "Order Board" });
  meetingId = (await makeMeeting(body.id, { title: "Ordered meeting" })).id;
  await db().insert(subscriptions).values({ email: READER, targetType: "meeting", targetId: meetingId, confirmedAt: new Date(Date.now() - 60_000), unsubscribeTokenHash: `order-${meetingId}` });
});

describe.skipIf(!onPostgres)("the follower notifier on PostgreSQL", () => {
  it("runs while an app server holds the serving lock, as every running server does", async () => {
    const server = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [held] = await server<{ ok: boolean }[]>`select pg_try_advisory_lock_shared(${SERVING_LOCK_ID}) as ok`;
      expect(held.ok).toBe(true);
      await deliverFollowerNotifications({ site: SITE }); // the cursor past the setup
      await db().transaction((tx) => recordAudit(tx, { userId: null, action: "cancel", entityType: "meeting", entityId: meetingId }));
      expect(await deliverFollowerNotifications({ site: SITE })).toBe(1);
      const subjects = (await db().select().from(outbox).where(eq(outbox.toAddress, READER))).map((m) => m.subject);
      expect(subjects).toEqual(["Meeting cancelled: Order Board: Ordered meeting"]);
      await db().delete(outbox).where(eq(outbox.toAddress, READER));
    } finally {
      await server.end({ timeout: 1 });
    }
  });


  it("hears of a write that took a lower id and committed after a higher one", async () => {
    await deliverFollowerNotifications({ site: SITE }); // the cursor past the setup
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    // The slow write: takes its id first and commits last.
    const slow = db().transaction(async (tx) => {
      await recordAudit(tx, { userId: null, action: "publish_agenda", entityType: "meeting", entityId: meetingId });
      inserted();
      await held;
    });
    await insertedOnce;
    await db().transaction((tx) => recordAudit(tx, { userId: null, action: "publish_minutes", entityType: "meeting", entityId: meetingId }));

    // While the slow write is open the log is not settled: the run waits a moment, then leaves it for the next.
    expect(await settledAuditId(200)).toBeNull();
    await deliverFollowerNotifications({ site: SITE });
    release();
    await slow;
    await deliverFollowerNotifications({ site: SITE });

    const subjects = (await db().select().from(outbox).where(eq(outbox.toAddress, READER)).orderBy(outbox.createdAt)).map((m) => m.subject);
    expect(subjects.sort()).toEqual(["Agenda published: Order Board: Ordered meeting", "Minutes published: Order Board: Ordered meeting"]);
    expect(await settledAuditId()).toBeGreaterThan(0);
  });
});

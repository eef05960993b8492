/** Publishing: the outbox, calendar feed tokens, follow subscriptions and API rate limits. */
import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, tstz, createdAt } from "./columns";
import { users } from "./people";

// ---------------------------------------------------------------------------
// Outbox
// ---------------------------------------------------------------------------

export const outbox = pgTable(
  "outbox",
  {
    id: id(),
    /** Makes sending idempotent: the same reminder is never queued twice. */
    dedupeKey: text().unique(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /**
     * Extra message headers, sent as they are (names and values checked by
     * queueEmail): e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on
     * every follow notification.
     */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    sentAt: tstz(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /**
     * While an app server is sending the e-mail: until when it holds it. Another
     * server does not take it before then (no e-mail goes twice, however slow the
     * mail server); after then it is taken again (its sender stopped mid-way).
     */
    claimedUntil: tstz(),
  },
  (t) => [index().on(t.sentAt)],
);

// ---------------------------------------------------------------------------
// Find and follow (issue 7)
// ---------------------------------------------------------------------------

/** Secret calendar feed tokens (stored hashed), revocable. */
export const feedTokens = pgTable(
  "feed_tokens",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    revokedAt: tstz(),
  },
  (t) => [index().on(t.userId)],
);

export const FOLLOW_TARGET_TYPES = ["body", "meeting", "question", "action", "priority"] as const;

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: id(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    /** Lower-cased; for anonymous followers, confirmed by a link. */
    email: text().notNull(),
    targetType: text({ enum: FOLLOW_TARGET_TYPES }).notNull(),
    targetId: uuid().notNull(),
    confirmTokenHash: text().unique(),
    confirmExpiresAt: tstz(),
    confirmedAt: tstz(),
    /** The one-click unsubscribe link's token (hashed). */
    unsubscribeTokenHash: text().notNull().unique(),
    /**
     * Which token is live: 0 is the first (the HMAC of the id alone, as every
     * e-mail before 0008 carried it); each rotation adds one and the old link
     * stops working (docs/decisions/013-follow-tokens-per-subscription.md).
     */
    tokenVersion: integer().notNull().default(0),
    unsubscribedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId), index().on(t.targetType, t.targetId), index().on(t.email)],
);

/** Fixed-window request counts for the API, shared by every app server. */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: tstz().notNull(),
  count: integer().notNull().default(0),
});

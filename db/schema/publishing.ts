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
    /**
     * Claimed for sending until then: no other worker sends it meanwhile. A worker that
     * died after sending but before recording it leaves the claim to run out; the
     * e-mail is then sent again with the same Message-ID (docs/decisions/027-backups.md).
     */
    claimedUntil: tstz(),
    attempts: integer().notNull().default(0),
    lastError: text(),
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

/**
 * What may be followed. "recommendation" is a board's own recommendation; "recommendation_register"
 * is the whole register of them, one target with the fixed id RECOMMENDATION_REGISTER_FOLLOW_ID
 * (app/models/publishing/follow-targets.server.ts). The column is plain text: a new type needs no migration.
 */
export const FOLLOW_TARGET_TYPES = ["body", "meeting", "question", "action", "priority", "recommendation", "recommendation_register"] as const;

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

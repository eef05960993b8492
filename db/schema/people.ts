/**
 * People: organisations, bodies, people and their memberships; the accounts,
 * sessions, sign-in throttling and one-time tokens of those who sign in.
 * Tables only: their relations are in people.relations.ts.
 */
import { boolean, date, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, tstz, createdAt, updatedAt } from "./columns";

// ---------------------------------------------------------------------------
// Organisations, bodies, people
// ---------------------------------------------------------------------------

export const ORGANISATION_KINDS = ["council", "trust", "inspectorate", "partner", "other"] as const;

export const organisations = pgTable("organisations", {
  id: id(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  kind: text({ enum: ORGANISATION_KINDS }).notNull().default("other"),
  description: text().notNull().default(""),
  /**
   * Whether the duty to respond to a board's recommendations within two months
   * applies (Local Government Act 2000 s9FE/s9FF); where it does not, the working
   * days the board asks for (app/rules/deadlines.server.ts, responseDueOn).
   */
  statutoryResponseDuty: boolean().notNull().default(true),
  responseWorkingDays: integer(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const BODY_KINDS = ["board", "committee", "sub_committee", "panel"] as const;

export const bodies = pgTable(
  "bodies",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    kind: text({ enum: BODY_KINDS }).notNull().default("board"),
    description: text().notNull().default(""),
    /** The council (or other organisation) the body belongs to. */
    organisationId: uuid().references(() => organisations.id),
    /** What the sources do not say about this body (shown on its page). */
    sourceNote: text(),
    /** Working days an organisation has to answer a question raised at this body. */
    responseWorkingDays: integer().notNull().default(20),
    /** Markdown, set by a clerk: the body's purpose and terms of reference. Null: the record has none. */
    termsOfReference: text(),
    /** Where the body meets, and how often (a clerk's words, e.g. "Council House, Oldbury", "Every six weeks"). */
    meetingPlace: text(),
    meetingFrequency: text(),
    /** The body's clerk, as the public contacts them. */
    clerkName: text(),
    clerkEmail: text(),
    clerkPhone: text(),
    /**
     * Days after a meeting that members may still raise questions on its items; later only a clerk records
     * one (docs/decisions/037).
     */
    questionWindowDays: integer().notNull().default(28),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organisationId)],
);

export const people = pgTable(
  "people",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    /** e.g. "Councillor", "Chief Executive" */
    honorific: text(),
    jobTitle: text(),
    organisationId: uuid().references(() => organisations.id),
    /** For people imported from content/: where the sources name them (and so they are in the public record). */
    sourceNote: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.organisationId)],
);

export const MEMBERSHIP_ROLES = ["chair", "vice_chair", "member", "co_opted", "substitute", "officer"] as const;

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    bodyId: uuid()
      .notNull()
      .references(() => bodies.id),
    role: text({ enum: MEMBERSHIP_ROLES }).notNull().default("member"),
    startOn: date({ mode: "string" }),
    endOn: date({ mode: "string" }),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.personId), index().on(t.bodyId)],
);

// ---------------------------------------------------------------------------
// Accounts, sessions
// ---------------------------------------------------------------------------

export const ROLES = ["member", "officer", "clerk", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-cased. */
    email: text().notNull().unique(),
    name: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** The person record (a member's or officer's public identity). */
    personId: uuid().references(() => people.id),
    /** An officer's organisation. */
    organisationId: uuid().references(() => organisations.id),
    passwordHash: text(),
    passwordChangedAt: tstz(),
    disabledAt: tstz(),
    isDemo: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.personId), index().on(t.organisationId)],
);

/**
 * How far a session has got (docs/decisions/028-two-step-verification.md):
 * `signed_in` is the only stage that signs anyone in; `second_step` has given the
 * password and must give a code; `enrolment` must set up two-step verification first.
 */
export const SESSION_STAGES = ["signed_in", "second_step", "enrolment"] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Sliding (idle) expiry, kept by lucia. */
    expiresAt: tstz().notNull(),
    /** Absolute expiry: createdAt + the absolute limit. */
    absoluteExpiresAt: tstz().notNull(),
    createdAt: createdAt(),
    ipAddress: text(),
    userAgent: text(),
    stage: text({ enum: SESSION_STAGES }).notNull().default("signed_in"),
  },
  (t) => [index().on(t.userId)],
);

/**
 * A user's TOTP secret (RFC 6238). `secret` is AES-256-GCM sealed when
 * TWO_STEP_KEY is set ("v1:..."), otherwise base64 ("plain:..."); never logged.
 * `confirmedAt` null: set up but not yet confirmed with a code.
 * `lastUsedStep`: the 30-second step of the last code accepted; a code of that
 * step or earlier is refused, so a code works once.
 */
export const twoStepFactors = pgTable("two_step_factors", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text().notNull(),
  confirmedAt: tstz(),
  lastUsedStep: integer(),
  createdAt: createdAt(),
});

/** One-use recovery codes: SHA-256 of each; the codes themselves are shown once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull().unique(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId)],
);

/** Sign-in throttling by account and by address, shared by every app server. */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  firstFailureAt: tstz().notNull().defaultNow(),
  lockedUntil: tstz(),
});

export const TOKEN_PURPOSES = ["invite", "password_reset"] as const;

export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: id(),
    /** SHA-256 of the token; the token itself is only in the e-mail. */
    tokenHash: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text({ enum: TOKEN_PURPOSES }).notNull(),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId)],
);

/** Settings an admin may change; the statutory clock rule lives here (key "clock.rule"). */
import { eq, sql } from "drizzle-orm";
import { settings } from "../../../db/schema/records";
import { db, type Executor } from "../../db.server";
import { DEFAULT_CLOCK_RULE, type ClockRule } from "../../rules/deadlines.server";
import { recordAudit } from "./audit.server";
import { ConflictError, contentVersion, type Actor } from "../../utils/clerk-errors.server";

export const CLOCK_RULE_KEY = "clock.rule";

export async function getClockRule(executor: Executor = db()): Promise<ClockRule> {
  const [row] = await executor.select().from(settings).where(eq(settings.key, CLOCK_RULE_KEY));
  const value = row?.value as Partial<ClockRule> | undefined;
  if (
    value &&
    typeof value.clearDays === "number" &&
    Number.isInteger(value.clearDays) &&
    value.clearDays >= 0 &&
    typeof value.countWorkingDays === "boolean"
  ) {
    return { clearDays: value.clearDays, countWorkingDays: value.countWorkingDays };
  }
  return DEFAULT_CLOCK_RULE;
}

export async function setClockRule(
  tx: Executor,
  actor: { userId: string; ipAddress?: string | null },
  rule: ClockRule,
) {
  const before = await getClockRule(tx);
  await tx
    .insert(settings)
    .values({ key: CLOCK_RULE_KEY, value: rule })
    .onConflictDoUpdate({ target: settings.key, set: { value: rule, updatedAt: new Date() } });
  await recordAudit(tx, {
    userId: actor.userId,
    action: "update",
    entityType: "setting",
    entityId: CLOCK_RULE_KEY,
    before,
    after: rule,
    ipAddress: actor.ipAddress,
  });
}

/** The clock rule as the settings form shows it. */
export function clockFormValues(rule: ClockRule): Record<string, string> {
  return { clearDays: String(rule.clearDays), countWorkingDays: rule.countWorkingDays ? "yes" : "no" };
}

/** Changes the rule, refusing a form opened before someone else's change. */
export async function changeClockRule(tx: Executor, actor: Actor, version: number, rule: ClockRule) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${CLOCK_RULE_KEY}))`);
  const current = clockFormValues(await getClockRule(tx));
  const currentVersion = contentVersion(current);
  if (currentVersion !== version) throw new ConflictError(current, currentVersion);
  await setClockRule(tx, actor, rule);
}

// ---------------------------------------------------------------------------
// How long people's data is kept (docs/decisions/031-peoples-data-and-retention.md)
// ---------------------------------------------------------------------------

export const RETENTION_KEY = "retention";

export interface RetentionRule {
  /** Days a sent e-mail (or one given up on) stays in the outbox. */
  outboxDays: number;
  /** Days expired sessions, sign-in failure counts and used or expired one-time links are kept. */
  signInDays: number;
}

export const DEFAULT_RETENTION: RetentionRule = { outboxDays: 90, signInDays: 30 };

const validDays = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 3650;

export async function getRetention(executor: Executor = db()): Promise<RetentionRule> {
  const [row] = await executor.select().from(settings).where(eq(settings.key, RETENTION_KEY));
  const value = row?.value as Partial<RetentionRule> | undefined;
  return {
    outboxDays: validDays(value?.outboxDays) ? value.outboxDays : DEFAULT_RETENTION.outboxDays,
    signInDays: validDays(value?.signInDays) ? value.signInDays : DEFAULT_RETENTION.signInDays,
  };
}

export function retentionFormValues(rule: RetentionRule): Record<string, string> {
  return { outboxDays: String(rule.outboxDays), signInDays: String(rule.signInDays) };
}

/** Changes how long people's data is kept, refusing a form opened before someone else's change; audited. */
export async function changeRetention(tx: Executor, actor: Actor, version: number, rule: RetentionRule) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${RETENTION_KEY}))`);
  const before = await getRetention(tx);
  const current = retentionFormValues(before);
  const currentVersion = contentVersion(current);
  if (currentVersion !== version) throw new ConflictError(current, currentVersion);
  const value = { outboxDays: rule.outboxDays, signInDays: rule.signInDays };
  await tx
    .insert(settings)
    .values({ key: RETENTION_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  await recordAudit(tx, {
    userId: actor.userId,
    action: "update",
    entityType: "setting",
    entityId: RETENTION_KEY,
    before,
    after: value,
    ipAddress: actor.ipAddress,
  });
}

/** Whether clerks and administrators must use two-step verification (key "two-step.required"). */
export const TWO_STEP_REQUIRED_KEY = "two-step.required";

export async function getTwoStepRequired(executor: Executor = db()): Promise<boolean> {
  const [row] = await executor.select().from(settings).where(eq(settings.key, TWO_STEP_REQUIRED_KEY));
  return row?.value === true;
}

/** Records the setting and its audit row; what it means for sessions is the people domain's. */
export async function setTwoStepRequired(
  tx: Executor,
  actor: { userId: string | null; ipAddress?: string | null },
  required: boolean,
) {
  const before = await getTwoStepRequired(tx);
  await tx
    .insert(settings)
    .values({ key: TWO_STEP_REQUIRED_KEY, value: required })
    .onConflictDoUpdate({ target: settings.key, set: { value: required, updatedAt: new Date() } });
  await recordAudit(tx, {
    userId: actor.userId,
    action: "update",
    entityType: "setting",
    entityId: TWO_STEP_REQUIRED_KEY,
    before: { required: before },
    after: { required },
    ipAddress: actor.ipAddress,
  });
}

/**
 * A setting written once and then kept (a site secret): stores `initial` under `key` unless a
 * value is there already, and returns the stored value.
 */
export async function keptSetting(tx: Executor, key: string, initial: string): Promise<string> {
  await tx.insert(settings).values({ key, value: initial }).onConflictDoNothing({ target: settings.key });
  const [row] = await tx.select().from(settings).where(eq(settings.key, key));
  return String(row.value);
}

/** The value stored under `key` (undefined where there is none); for settings another domain keeps, such as a cursor. */
export async function settingValue(executor: Executor, key: string): Promise<unknown> {
  const [row] = await executor.select().from(settings).where(eq(settings.key, key));
  return row?.value;
}

/** Stores `value` under `key`, replacing what was there. */
export async function storeSetting(tx: Executor, key: string, value: unknown) {
  await tx
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

/** Settings an admin may change; the statutory clock rule lives here (key "clock.rule"). */
import { eq, sql } from "drizzle-orm";
import { settings } from "../../../db/schema";
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

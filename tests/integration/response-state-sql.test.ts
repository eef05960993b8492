/**
 * The response clock's states in TypeScript (responseState) and in SQL (responseStateSql)
 * agree for every state at fixed clocks, around each boundary: not received, awaiting, the
 * last day before due soon and the first in it, the due day itself, the day after (overdue),
 * and a response on time and late; for the statutory two months and a working-day period.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addDays, responseDueOn, type ResponsePeriod } from "~/rules/deadlines.server";
import { dueSoonBoundary, responseState, responseStateSql, type ResponseState } from "~/rules/response-state.server";

async function sqlState(receivedOn: string | null, dueOn: string | null, respondedOn: string | null, today: string): Promise<ResponseState> {
  const expr = responseStateSql({ receivedOn: sql`${receivedOn}::date`, responseDueOn: sql`${dueOn}::date`, respondedOn: sql`${respondedOn}::date` }, today);
  const result = await db().execute(sql`select ${expr} as state`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { state: ResponseState }[] }).rows) as { state: ResponseState }[];
  return rows[0].state;
}

const PERIODS: ResponsePeriod[] = [{ statutory: true }, { statutory: false, workingDays: 20 }];
const RECEIVED = ["2026-03-14", "2025-12-31", "2024-12-19"];

describe("responseState and responseStateSql", () => {
  it("agree for every state at fixed clocks, around each boundary", async () => {
    const seen = new Set<ResponseState>();
    for (const period of PERIODS) {
      for (const receivedOn of RECEIVED) {
        const dueOn = responseDueOn(receivedOn, period);
        // Clocks: the day received, well before due, either side of the due-soon boundary, the due day, the day after, long after.
        const todays = [receivedOn, addDays(dueOn, -40), addDays(dueOn, -15), addDays(dueOn, -14), addDays(dueOn, -13), addDays(dueOn, -1), dueOn, addDays(dueOn, 1), addDays(dueOn, 90)];
        for (let d = -20; d <= 0; d += 1) {
          const t = addDays(dueOn, d);
          if (dueSoonBoundary(t) === dueOn || dueSoonBoundary(t) === addDays(dueOn, -1)) todays.push(t);
        }
        for (const today of todays.filter((t) => t >= receivedOn)) {
          for (const respondedOn of [null, receivedOn, dueOn, addDays(dueOn, 9)]) {
            if (respondedOn && respondedOn > addDays(today, 1000)) continue;
            const ts = responseState({ receivedOn, period, respondedOn }, today).state;
            expect(await sqlState(receivedOn, dueOn, respondedOn, today), `${receivedOn} ${JSON.stringify(period)} today ${today} responded ${respondedOn}`).toBe(ts);
            seen.add(ts);
          }
        }
      }
    }
    // Not received: no clock on either side.
    expect(await sqlState(null, null, null, "2026-03-01")).toBe("not_sent");
    expect(responseState({ receivedOn: null, period: { statutory: true }, respondedOn: null }, "2026-03-01").state).toBe("not_sent");
    seen.add("not_sent");
    expect([...seen].sort()).toEqual(["awaiting", "due_soon", "not_sent", "overdue", "received"]);
  });
});

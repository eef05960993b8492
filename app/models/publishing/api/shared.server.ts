/**
 * What the API's resource files share: the public Viewer every query uses, whoever asks, the
 * body filter, the date range and ISO times. Internal to the API: not in the domain's index.
 */
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { bodies, meetings } from "../../../../db/schema";
import { db } from "../../../db.server";
import { PUBLIC_VIEWER } from "../../../rules/viewer.server";
import { isUuid } from "../../../utils/uuid";
import { ApiProblem, type ListParams } from "./envelope.server";

export const viewer = PUBLIC_VIEWER;

export async function bodyIdFor(ref: string | undefined): Promise<string | null | undefined> {
  if (!ref) return undefined;
  const [b] = await db()
    .select({ id: bodies.id })
    .from(bodies)
    .where(isUuid(ref) ? eq(bodies.id, ref) : eq(bodies.slug, ref));
  if (!b) throw new ApiProblem(400, `There is no body "${ref}"`, "body");
  return b.id;
}

export const dateRange = (col: SQL | typeof meetings.startsAt, p: ListParams) =>
  and(
    p.since ? gte(col as typeof meetings.startsAt, sql`${p.since}::date`) : undefined,
    p.until ? lt(col as typeof meetings.startsAt, sql`(${p.until}::date + 1)`) : undefined,
  );

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

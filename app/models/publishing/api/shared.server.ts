/**
 * What the API's resource files share: the public Viewer every query uses, whoever asks, the
 * body filter, the date range and ISO times. Internal to the API: not in the domain's index.
 */
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db } from "../../../db.server";
import { PUBLIC_VIEWER } from "../../../rules/viewer.server";
import { refTable } from "../../../utils/refs.server";
import { isUuid } from "../../../utils/uuid";
import { body } from "../../people/refs.server";
import { ApiProblem, type ListParams } from "./envelope.server";

export const viewer = PUBLIC_VIEWER;

export async function bodyIdFor(ref: string | undefined): Promise<string | null | undefined> {
  if (!ref) return undefined;
  const [b] = await db()
    .select({ id: body.id })
    .from(refTable(body))
    .where(isUuid(ref) ? eq(body.id, ref) : eq(body.slug, ref));
  if (!b) throw new ApiProblem(400, `There is no body "${ref}"`, "body");
  return b.id as string;
}

export const dateRange = (col: SQL | AnyPgColumn, p: ListParams) =>
  and(
    p.since ? gte(col as AnyPgColumn, sql`${p.since}::date`) : undefined,
    p.until ? lt(col as AnyPgColumn, sql`(${p.until}::date + 1)`) : undefined,
  );

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

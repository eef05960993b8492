/** Column helpers and the enum shared by the tables of every domain (db/schema/index.ts). */
import { sql } from "drizzle-orm";
import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid().primaryKey().defaultRandom();
export const tstz = () => timestamp({ withTimezone: true, mode: "date" });
export const createdAt = () => tstz().notNull().defaultNow();
export const updatedAt = () => tstz().notNull().defaultNow();

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});

/** PostgreSQL full-text search vector, kept by a generated column (docs/decisions/007-search.md). */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return "tsvector";
  },
});

/** `setweight(to_tsvector('english', ...), W)` over raw column names, for generated columns. */
export function weighted(parts: [string[], "A" | "B" | "C" | "D"][]) {
  return sql.raw(
    parts
      .map(
        ([cols, w]) =>
          `setweight(to_tsvector('english'::regconfig, ${cols.map((c) => `coalesce("${c}", '')`).join(" || ' ' || ")}), '${w}')`,
      )
      .join(" || "),
  );
}

/**
 * How sure a date is. "exact" dates come straight from a source; the others say
 * what the source leaves out, and pages show `dateNote` beside the date.
 */
export const DATE_PRECISIONS = ["exact", "month", "year", "approximate", "unknown"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/**
 * How one domain lets another read its records (docs/decisions/025-a-domain-owns-its-tables.md).
 *
 * A domain's tables are its own: no other domain imports them. What another domain may
 * read of a record is a *ref*, made and exported by the owning domain: the fields it offers,
 * under the names it chooses, and `on(column)`, the join to the record from a column that
 * holds its id. A query in another domain spreads the join into drizzle's builder:
 *
 *   .innerJoin(...itemPlace.item.on(questions.agendaItemId))
 *   .leftJoin(...asker.on(questions.askedById))
 *
 * and selects `asker.name`; it never names the table. The SQL is the same as a join on
 * the table, and drizzle keeps the types (a left join's fields are nullable).
 */
import { eq, getTableName, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";

/** The columns of a table or of an alias of it: what a ref's field list is written over. */
export type ColumnsOf<T extends PgTable> = { [K in keyof T["_"]["columns"]]: AnyPgColumn };

/** A table's join from a column holding its id: the arguments of drizzle's innerJoin/leftJoin. */
export type RefJoin<T extends PgTable> = readonly [T, SQL];

/**
 * A ref over `table`: `fields(table)` spread onto it, and `on(column)` joining the table
 * where `key(table)` equals the column (its id, unless the owner says otherwise).
 */
export function tableRef<T extends PgTable, F extends object>(
  table: T,
  fields: (t: T) => F,
  key: (t: T) => AnyPgColumn,
): F & { on: (column: AnyPgColumn | SQL) => RefJoin<T> } {
  return { ...fields(table), on: (column: AnyPgColumn | SQL) => [table, eq(key(table), column)] as const };
}

/**
 * A ref's join written into SQL text (for the few queries written as SQL rather than with
 * the builder): `${joinClause(agendaItem.on(sql`questions.agenda_item_id`))}` renders
 * `inner join "agenda_items" on "agenda_items"."id" = questions.agenda_item_id`.
 */
export function joinClause<T extends PgTable>([table, on]: RefJoin<T>, kind: "inner" | "left" = "inner"): SQL {
  return sql`${sql.raw(kind)} join ${source(table)} on ${on}`;
}

/** A table, or an alias of one, as SQL text renders a source: `"meetings"` or `"meetings" "m"`. */
function source(table: PgTable): SQL {
  const name = getTableName(table);
  // drizzle keeps an alias's table under this well-known symbol (drizzle-orm/table.ts).
  const original = (table as unknown as Record<symbol, string>)[Symbol.for("drizzle:OriginalName")];
  return name === original ? sql`${table}` : sql`${sql.identifier(original)} ${sql.identifier(name)}`;
}

/** A ref's table as a FROM source in SQL text (`select ... ${fromRef(minute)} where ...`). */
export function fromRef<T extends PgTable>([table]: RefJoin<T>): SQL {
  return sql`from ${source(table)}`;
}

/**
 * The table a ref reads, for a query that starts from another domain's record:
 * `.from(refTable(meeting))`, or in SQL text `from ${refTable(questionSearch)}` (an alias's table
 * renders as its alias name alone in SQL text: there, use `fromRef`).
 */
export function refTable<T extends PgTable>(ref: { on: (column: AnyPgColumn | SQL) => RefJoin<T> }): T {
  return ref.on(sql`true`)[0];
}

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
import { alias, type AnyPgColumn, type BuildAliasTable, type PgTable } from "drizzle-orm/pg-core";

/**
 * A table or an alias of it: what a ref's field list is written over. (Written as a union, not
 * as a map of the table's keys to AnyPgColumn: with the map, TypeScript gave a ref's fields the
 * constraint's type, a column of unknown data, and a query selecting them lost its row types.)
 */
export type ColumnsOf<T extends PgTable> = T | BuildAliasTable<T, string>;

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
): F & { on: (column: AnyPgColumn | SQL) => RefJoin<T>; readonly [REF_TABLE]: T } {
  return { ...fields(table), on: (column: AnyPgColumn | SQL) => [table, eq(key(table), column)] as const, [REF_TABLE]: table };
}

/**
 * The table, or with a name an alias of it typed as the table: what a ref function gives
 * tableRef (`tableRef(tableOrAlias(people, as), ...)`). Typed as `as ? alias(t, as) : t`,
 * each field would be a union of two column types, and drizzle's row types for it `never`.
 */
export function tableOrAlias<T extends PgTable>(table: T, as?: string): T {
  return as ? (alias(table, as) as unknown as T) : table;
}

/** Where a ref keeps its table: not a field, so never mistaken for one (documents have a `source`). */
const REF_TABLE: unique symbol = Symbol("the table of a ref");

/**
 * A ref's table as the source of a query about the records themselves, where the query has
 * none of its own domain's tables to start from:
 * `db().select({ slug: question.slug }).from(refTable(question)).where(eq(question.id, id))`.
 * Select the ref's fields, as in a join; the table's other columns are not offered.
 */
export function refTable<T extends PgTable>(ref: { readonly [REF_TABLE]: T }): T {
  return ref[REF_TABLE];
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
 * A ref's join as the source and condition of a correlated subquery in SQL text:
 * `(select count(*) ${fromWhere(meetingOfBody.on(bodies.id))} and ...)` renders
 * `from "meetings" where "meetings"."body_id" = "bodies"."id"`.
 */
export function fromWhere<T extends PgTable>([table, on]: RefJoin<T>): SQL {
  return sql`from ${source(table)} where ${on}`;
}

/** A ref's fields alone (not its join or table): to select them all, as `{ a: refFields(action) }`. */
export function refFields<R extends { on: unknown; readonly [REF_TABLE]: unknown }>(ref: R): Omit<R, "on" | typeof REF_TABLE> {
  const { on: _on, [REF_TABLE]: _table, ...fields } = ref;
  return fields;
}

/**
 * What the test databases kept from one file to the next share (support/embedded-database.ts,
 * support/database.ts; docs/decisions/055-one-test-database-per-worker.md): the list of the
 * portal's tables to empty, and a fingerprint of the schema, compared with the migrated one's
 * after emptying, so that a database a file changed is replaced, not lent again.
 */

/** Everything a test could change in the schema, as one hash: tables, columns, constraints, functions, triggers, schemas. */
export const FINGERPRINT = `
select md5(string_agg(x, ',' order by x)) as fingerprint from (
  select 'c:' || n.nspname || '.' || c.relname || ':' || c.relkind::text as x
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
  union all
  select 'a:' || c.relname || '.' || a.attname || ':' || a.atttypid || ':' || a.attnotnull || ':' || a.atthasdef
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'drizzle') and a.attnum > 0 and not a.attisdropped
  union all
  select 'k:' || conrelid::regclass || '.' || conname || ':' || contype::text from pg_constraint
    where connamespace = 'public'::regnamespace
  union all
  select 'p:' || p.oid::regprocedure from pg_proc p where p.pronamespace = 'public'::regnamespace
  union all
  select 't:' || tgrelid::regclass || '.' || tgname || ':' || tgenabled::text from pg_trigger where not tgisinternal
  union all
  select 'n:' || nspname from pg_namespace
  union all
  select 'e:' || extname from pg_extension
  union all
  select 'm:' || count(*) from drizzle.__drizzle_migrations
) s`;

/**
 * The portal's tables that hold any page: those a file wrote to (rows it left, deleted or rolled
 * back all leave pages). Emptied back to no page, as in a fresh database, a table's rows come back
 * from a read without ORDER BY in the order they were inserted, as they did with a database per
 * file: rows deleted but left in their pages had their space given to new rows (page pruning,
 * autovacuum), and CI failed twice on rows read in another order. A table nobody wrote to has no
 * page and needs nothing done.
 */
export const WRITTEN_TABLES = `
select coalesce(string_agg(quote_ident(schemaname) || '.' || quote_ident(tablename), ', ' order by tablename), '') as tables
  from pg_tables where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')
    and pg_relation_size(format('%I.%I', schemaname, tablename)::regclass) > 0`;

/** The portal's sequences (the audit log's numbering), restarted whenever the tables are emptied (one may move with no row written). */
export const SEQUENCES = `
select coalesce(string_agg('alter sequence ' || quote_ident(schemaname) || '.' || quote_ident(sequencename) || ' restart', '; '), '') as sequences
  from pg_sequences where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;

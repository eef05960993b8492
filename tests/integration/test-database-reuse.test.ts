/**
 * The worker's database, kept from one test file to the next (support/database.ts,
 * support/embedded-database.ts; docs/decisions/055-one-test-database-per-worker.md): what one
 * file leaves is gone for the next. `nextFile()` does what the end of a file and the start of
 * the next do (tests/support/setup.ts). On both databases.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { dropFreshDatabase, useFreshDatabase } from "../support/database";

const onPostgres = Boolean(process.env.DATABASE_URL);
// As in `npm test`'s shared run (tests/run.mjs), however this file is run: the database is kept, emptied.
process.env.TEST_FILES_SHARE_WORKERS = "1";

async function nextFile() {
  await dropFreshDatabase();
  await useFreshDatabase();
}

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const result = (await db().execute(query)) as unknown as { rows?: T[] } | T[];
  return (Array.isArray(result) ? result : (result.rows ?? []))[0] as T;
}

describe("the worker's database, from one test file to the next", () => {
  it("has none of the last file's rows, in any table, and its sequences start again", async () => {
    await db().execute(sql`insert into settings (key, value) values ('left-behind', '1'::jsonb)`);
    await db().execute(sql`insert into audit_log (action, entity_type) values ('create', 'left-behind')`);
    await db().execute(sql`insert into audit_log (action, entity_type) values ('create', 'left-behind')`);
    await nextFile();

    expect(await one(sql`select count(*)::int as n from settings`)).toEqual({ n: 0 });
    expect(await one(sql`select count(*)::int as n from audit_log`)).toEqual({ n: 0 });
    // The append-only audit log is emptied all the same, and numbers from 1 again.
    await db().execute(sql`insert into audit_log (action, entity_type) values ('create', 'next-file')`);
    expect(await one(sql`select min(id)::int as id from audit_log`)).toEqual({ id: 1 });
  });

  it("keeps no session setting of the last file", async () => {
    await db().execute(sql`set time zone 'Pacific/Auckland'`);
    await nextFile();
    expect(await one(sql`select current_setting('TimeZone') as zone`)).toEqual({ zone: "UTC" });
  });

  it("is replaced by a new one, migrated, when the last file changed its schema", async () => {
    await db().execute(sql`create table left_behind (id int)`);
    await db().execute(sql`alter table settings add column left_behind int`);
    await nextFile();

    expect(await one(sql`select to_regclass('public.left_behind') is null as gone`)).toEqual({ gone: true });
    const column = sql`select count(*)::int as n from information_schema.columns where table_name = 'settings' and column_name = 'left_behind'`;
    expect(await one(column)).toEqual({ n: 0 });
    expect(await one(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).not.toEqual({ n: 0 });
  });

  it("has no page left in any table, as a fresh one: new rows take no space of the last file's", async () => {
    await db().execute(sql`insert into settings (key, value) select 'row-' || n, '1'::jsonb from generate_series(1, 50) n`);
    await db().execute(sql`delete from settings where key <> 'row-1'`);
    await nextFile();

    const written = sql`select count(*)::int as n from pg_class
      where relnamespace = 'public'::regnamespace and relkind = 'r' and pg_relation_size(oid) > 0`;
    expect(await one(written)).toEqual({ n: 0 });
  });

  // Embedded only: on PostgreSQL the driver refuses a bare BEGIN, and a file's connections end with it.
  it.skipIf(onPostgres)("is replaced by a new one when the last file left a transaction open", async () => {
    await db().execute(sql`begin`);
    await db().execute(sql`insert into settings (key, value) values ('uncommitted', '1'::jsonb)`);
    await nextFile();

    // The transaction that inserted was given an id; a statement of its own, outside any, has none.
    expect(await one(sql`select txid_current_if_assigned() is null as own`)).toEqual({ own: true });
    expect(await one(sql`select count(*)::int as n from settings`)).toEqual({ n: 0 });
  });
});

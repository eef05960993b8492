/**
 * The synthetic archive's database: connect to the target and apply the migrations
 * (refusing a database with real records), check the generator still fills every
 * required column, and load the COPY files (indexes rebuilt afterwards, VACUUM ANALYZE).
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { pgliteLoader, postgresLoader, type Loader } from "../load";
import { ensurePostgresDatabase, pgliteHolder, type SynthTarget } from "../target";
import type { TsvTable } from "../tsv";
import { SYNTHETIC_SLUG_PREFIX } from "../vocabulary";
import { elapsed } from "./helpers";
import { COLUMNS, LOAD_ORDER, type TableName } from "./tables";

export async function connect(target: SynthTarget): Promise<Session & { openSession: (() => Promise<Session>) | null }> {
  // app/db.server.ts reads the environment when first used: point it at the target.
  process.env.STATEMENT_TIMEOUT_MS = "600000";
  process.env.CONTENT_IMPORT_ON_START = "false";
  if (target.kind === "postgres") {
    if (await ensurePostgresDatabase(target.url)) console.log(`Created database ${target.database}.`);
    process.env.DATABASE_URL = target.url;
  } else {
    const holder = pgliteHolder(target.dir);
    if (holder) throw new Error(`${target.dir} is in use by process ${holder} (is a portal server running on it?). Stop it first.`);
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = target.dir;
  }
  const database = await import("../../../app/db.server");
  if (target.kind === "postgres") {
    const sql = postgres(target.url, { max: 1, onnotice: () => {}, connection: { TimeZone: "UTC" } });
    const loader = postgresLoader(sql);
    await resetSchema(loader);
    await database.migrateDatabase();
    await database.closeDatabase();
    console.log("Migrations applied.");
    const openSession = async (): Promise<Session> => {
      const more = postgres(target.url, { max: 1, onnotice: () => {}, connection: { TimeZone: "UTC" } });
      return { loader: postgresLoader(more), close: () => more.end({ timeout: 5 }) };
    };
    return { loader, close: () => sql.end({ timeout: 5 }), openSession };
  }
  // PGlite itself, in this process: COPY from a blob is PGlite's own, and a command has no
  // requests to keep answering (a server runs it in a process of its own: ADR 049).
  const release = database.lockPgliteDir(target.dir);
  const client = new PGlite(path.resolve(target.dir));
  const loader = pgliteLoader(client);
  await resetSchema(loader);
  await client.exec("set time zone 'UTC'");
  await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder: path.resolve(process.cwd(), "db", "migrations") });
  console.log("Migrations applied.");
  return {
    loader,
    close: async () => {
      await client.close();
      release();
    },
    openSession: null,
  };
}

/**
 * Refuses a database that holds anything but synthetic records; otherwise drops
 * its tables (and drizzle's migration journal) so the migrations build it afresh.
 */
async function resetSchema(loader: Loader) {
  const [{ exists }] = await loader.rows<{ exists: boolean }>("select to_regclass('public.bodies') is not null as exists");
  if (exists) {
    const real = await loader.rows<{ slug: string }>(
      `select slug from bodies where slug not like '${SYNTHETIC_SLUG_PREFIX}%' limit 3`,
    );
    const [{ imported }] = await loader.rows<{ imported: boolean }>(
      "select to_regclass('public.content_sources') is not null and exists (select 1 from content_sources) as imported",
    );
    if (real.length || imported) {
      throw new Error(
        `This database holds records that are not synthetic (bodies: ${real.map((r) => r.slug).join(", ") || "none"}; ` +
          `content imported: ${imported ? "yes" : "no"}). Refusing to replace it. Use a fresh database for the synthetic archive.`,
      );
    }
  }
  await loader.exec("drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;");
}

export async function checkColumns(loader: Loader) {
  const rows = await loader.rows<{ table_name: string; column_name: string; is_nullable: string; column_default: string | null; is_generated: string }>(
    "select table_name, column_name, is_nullable, column_default, is_generated from information_schema.columns where table_schema = 'public'",
  );
  const problems: string[] = [];
  for (const table of LOAD_ORDER) {
    const wanted = COLUMNS[table].split(" ");
    const actual = rows.filter((r) => r.table_name === table);
    for (const c of wanted) {
      if (!actual.some((a) => a.column_name === c)) problems.push(`${table}.${c} does not exist`);
    }
    for (const a of actual) {
      if (a.is_nullable === "NO" && a.column_default === null && a.is_generated !== "ALWAYS" && !wanted.includes(a.column_name)) {
        problems.push(`${table}.${a.column_name} is required but the generator does not fill it`);
      }
    }
  }
  if (problems.length) {
    throw new Error(`The schema has changed since db/synth/generate.ts was written:\n  ${problems.join("\n  ")}`);
  }
}

export interface Session {
  loader: Loader;
  close: () => Promise<void>;
}

/** Runs the work items on the sessions, each session taking the next item when free. */
async function inParallel<T>(items: T[], loaders: Loader[], work: (loader: Loader, item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    loaders.map(async (loader) => {
      while (next < items.length) await work(loader, items[next++]);
    }),
  );
}

export async function load(main: Loader, tables: Record<TableName, TsvTable>, openSession: (() => Promise<Session>) | null, jobs: number) {
  const started = Date.now();
  let replica = true;
  try {
    // Skipping the per-row foreign-key triggers saves time, and lets tables load side by side.
    await main.exec("set session_replication_role = replica");
  } catch {
    replica = false;
    console.log("(Could not disable foreign-key triggers: loading one table at a time, in dependency order.)");
  }
  const extra: Session[] = [];
  if (replica && openSession) {
    for (let j = 1; j < jobs; j++) {
      const session = await openSession();
      await session.loader.exec("set session_replication_role = replica");
      extra.push(session);
    }
  }
  const loaders = [main, ...extra.map((e) => e.loader)];
  try {
    // Secondary indexes (the search GIN indexes above all) are faster built once than kept up row by row.
    const indexes = await main.rows<{ name: string; def: string; table: string }>(`
      select i.indexname as name, i.indexdef as def, i.tablename as table from pg_indexes i
      where i.schemaname = 'public'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = 'public'::regnamespace)`);
    for (const ix of indexes) await main.exec(`drop index "public"."${ix.name.replace(/"/g, '""')}"`);
    // Biggest tables first when several sessions share the work; dependency order otherwise.
    const order = loaders.length > 1 ? [...LOAD_ORDER].sort((a, b) => tables[b].bytes - tables[a].bytes) : LOAD_ORDER;
    console.log(`Loading with ${loaders.length} session${loaders.length > 1 ? "s" : ""} ...`);
    await inParallel(order, loaders, async (loader, name) => {
      const table = tables[name];
      const t0 = Date.now();
      let last = Date.now();
      await loader.copy(name, table.columns, table.file, (bytes) => {
        if (Date.now() - last > 10_000) {
          last = Date.now();
          console.log(`    ${name}: ${((100 * bytes) / Math.max(1, table.bytes)).toFixed(0)}% (${elapsed(t0)})`);
        }
      });
      console.log(`  ${name}: ${table.rows.toLocaleString("en-GB")} rows, ${(table.bytes / 1e6).toFixed(1)} MB (${elapsed(t0)})`);
    });
    console.log(`Loaded in ${elapsed(started)}.`);
    const t0 = Date.now();
    for (const loader of loaders) {
      await loader.exec(`set maintenance_work_mem = '${loader.kind === "postgres" ? "512MB" : "128MB"}'`);
    }
    // The search index's own indexes (RUM and GIN over every record) are built after the index
    // is filled (below): kept up row by row they made filling it take 18 minutes at full size.
    const afterSearch = indexes.filter((ix) => ix.table === "search_entries");
    const bySize = indexes
      .filter((ix) => ix.table !== "search_entries")
      .sort((a, b) => (tables[b.table as TableName]?.bytes ?? 0) - (tables[a.table as TableName]?.bytes ?? 0));
    await inParallel(bySize, loaders, async (loader, ix) => {
      const t = Date.now();
      await loader.exec(ix.def);
      if (Date.now() - t > 2000) console.log(`  index ${ix.name} (${elapsed(t)})`);
    });
    console.log(`${bySize.length} indexes rebuilt in ${elapsed(t0)}.`);
    for (const loader of loaders) await loader.exec("set session_replication_role = origin");
    // The triggers that keep question_status_facts were off during the load (migration 0007).
    const t2 = Date.now();
    await main.exec("select question_status_facts_refresh(null)");
    console.log(`Question status facts computed in ${elapsed(t2)}.`);
    // Likewise the triggers that keep the search index (migration 0028).
    const t3 = Date.now();
    await main.exec("select search_entries_refresh_all()");
    await inParallel(afterSearch, loaders, async (loader, ix) => loader.exec(ix.def));
    console.log(`Search index built in ${elapsed(t3)} (${afterSearch.length} indexes on it after).`);
  } finally {
    for (const e of extra) await e.close();
  }
  const t1 = Date.now();
  await main.exec("vacuum analyze");
  console.log(`VACUUM ANALYZE in ${elapsed(t1)}.`);
}

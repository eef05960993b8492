import { PGlite } from "@electric-sql/pglite";
let t = Date.now();
const a = new PGlite(); await a.waitReady; console.log("create", Date.now() - t); t = Date.now();
process.env.PGLITE_DIR = "memory://";
const { migrateDatabase, db, closeDatabase } = await import("./app/db.server");
t = Date.now(); await migrateDatabase(); console.log("create+migrate via module", Date.now() - t);
const raw = (globalThis as any).__portalDb;
t = Date.now();
// dump
const client = (db() as any).$client ?? (db() as any).session?.client;
const dump = await client.dumpDataDir("none"); console.log("dump", Date.now() - t, dump.size);
t = Date.now(); const b = new PGlite({ loadDataDir: dump }); await b.waitReady; console.log("load", Date.now() - t);
const r = await b.query("select count(*) from information_schema.tables where table_schema='public'"); console.log(r.rows);

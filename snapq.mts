import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
const c = new PGlite({ loadDataDir: new Blob([fs.readFileSync("/tmp/m/snap.tar")]) });
const t = await c.query<{ t: string }>("select schemaname||'.'||tablename t from pg_tables where schemaname not in ('pg_catalog','information_schema')");
for (const r of t.rows) { const n = await c.query<{ n: number }>(`select count(*)::int n from ${r.t}`); if (n.rows[0].n) console.log(r.t, n.rows[0].n); }
console.log((await c.query("select schemaname, sequencename, last_value from pg_sequences")).rows);
console.log((await c.query("select extname from pg_extension")).rows);
console.log((await c.query("select nspname from pg_namespace")).rows.map((r: any) => r.nspname).join(" "));
console.log((await c.query("show timezone")).rows);

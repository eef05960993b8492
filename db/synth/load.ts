/**
 * Loading the generated COPY files into PostgreSQL (postgres driver, COPY FROM
 * STDIN) or PGlite (COPY FROM '/dev/blob'), one table at a time.
 */
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import type { PGlite } from "@electric-sql/pglite";
import type postgres from "postgres";

export interface Loader {
  kind: "postgres" | "pglite";
  exec(sql: string): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  copy(table: string, columns: readonly string[], file: string, progress: (bytes: number) => void): Promise<void>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function postgresLoader(sql: postgres.Sql): Loader {
  return {
    kind: "postgres",
    exec: async (text) => {
      await sql.unsafe(text).simple();
    },
    rows: async <T>(text: string) => (await sql.unsafe(text)) as unknown as T[],
    copy: async (table, columns, file, progress) => {
      const writable = await sql
        .unsafe(`copy ${ident(table)} (${columns.map(ident).join(", ")}) from stdin`)
        .writable();
      let done = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          done += chunk.length;
          progress(done);
          cb(null, chunk);
        },
      });
      await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), counter, writable);
    },
  };
}

const PGLITE_CHUNK = 8 * 1024 * 1024;

export function pgliteLoader(pg: PGlite): Loader {
  return {
    kind: "pglite",
    exec: async (text) => {
      await pg.exec(text);
    },
    rows: async <T>(text: string) => (await pg.query<T>(text)).rows,
    copy: async (table, columns, file, progress) => {
      const statement = `copy ${ident(table)} (${columns.map(ident).join(", ")}) from '/dev/blob'`;
      const fd = fs.openSync(file, "r");
      try {
        const size = fs.fstatSync(fd).size;
        let offset = 0;
        let carry = Buffer.alloc(0);
        const buffer = Buffer.alloc(PGLITE_CHUNK);
        while (offset < size || carry.length) {
          const read = offset < size ? fs.readSync(fd, buffer, 0, PGLITE_CHUNK, offset) : 0;
          offset += read;
          const data = Buffer.concat([carry, buffer.subarray(0, read)]);
          // Send whole lines only; keep the rest for the next chunk.
          const cut = offset < size ? data.lastIndexOf(10) + 1 : data.length;
          if (cut > 0) {
            await pg.query(statement, [], { blob: new Blob([data.subarray(0, cut)]) });
          }
          carry = Buffer.from(data.subarray(cut));
          progress(offset - carry.length);
          if (offset >= size && cut === data.length) break;
        }
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

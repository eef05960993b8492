/**
 * Rows written to PostgreSQL COPY text-format files (tab-separated, \N for null),
 * one file per table, so loading is a COPY on PostgreSQL and on PGlite alike.
 */
import fs from "node:fs";
import path from "node:path";

export type Cell = string | number | boolean | Date | null | undefined;

const FLUSH_AT = 4 * 1024 * 1024;

function encode(v: Cell): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string") {
    return /[\\\t\n\r]/.test(v)
      ? v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
      : v;
  }
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "\\N";
  return v.toISOString();
}

export class TsvTable {
  readonly file: string;
  rows = 0;
  bytes = 0;
  private fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(
    directory: string,
    readonly name: string,
    readonly columns: readonly string[],
  ) {
    this.file = path.join(directory, `${name}.tsv`);
    this.fd = fs.openSync(this.file, "w");
  }

  row(values: readonly Cell[]) {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.name}: ${values.length} values for ${this.columns.length} columns`);
    }
    let line = "";
    for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + encode(values[i]);
    line += "\n";
    this.buffer.push(line);
    this.buffered += line.length;
    this.rows++;
    if (this.buffered >= FLUSH_AT) this.flush();
  }

  private flush() {
    if (!this.buffer.length) return;
    const chunk = Buffer.from(this.buffer.join(""), "utf8");
    fs.writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.buffer = [];
    this.buffered = 0;
  }

  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

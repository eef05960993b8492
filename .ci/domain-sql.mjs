#!/usr/bin/env node
/**
 * The SQL half of "a domain owns its tables" (ADR 025). dependency-cruiser sees imports;
 * this sees table names written inside SQL templates (`from questions q`, `join meetings m`)
 * in app/models/<domain>/, and refuses any that belong to another domain's db/schema file.
 * Run by `npm run lint:deps`; exits 1 and lists each place where a rule is broken.
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const schemaDir = path.join(root, "db", "schema");
const owner = new Map();
for (const file of fs.readdirSync(schemaDir)) {
  if (!file.endsWith(".ts") || file.includes(".relations.") || file === "index.ts" || file === "columns.ts") continue;
  const domain = file.replace(/\.ts$/, "");
  const text = fs.readFileSync(path.join(schemaDir, file), "utf8");
  for (const m of text.matchAll(/pgTable\(\s*"([a-z_]+)"/g)) owner.set(m[1], domain);
}

function* modelFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* modelFiles(full);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield full;
  }
}

const broken = [];
const modelsDir = path.join(root, "app", "models");
for (const file of modelFiles(modelsDir)) {
  const domain = path.relative(modelsDir, file).split(path.sep)[0];
  const text = fs.readFileSync(file, "utf8");
  // The text of each template literal: where SQL is written.
  for (const template of text.matchAll(/`[^`]*`/gs)) {
    for (const m of template[0].matchAll(/\b(?:from|join)\s+([a-z_]+)\b/gi)) {
      const table = m[1].toLowerCase();
      const tableDomain = owner.get(table);
      if (tableDomain && tableDomain !== domain) {
        const line = text.slice(0, template.index + m.index).split("\n").length;
        broken.push(`${path.relative(root, file)}:${line}: the ${domain} domain names ${table} (a table of ${tableDomain}) in SQL`);
      }
    }
  }
}

if (broken.length > 0) {
  console.error(broken.join("\n"));
  console.error(`\n${broken.length} place(s) where a domain writes SQL on another domain's tables: use that domain's refs or functions (docs/decisions/025-a-domain-owns-its-tables.md).`);
  process.exit(1);
}
console.log(`domain SQL: ${owner.size} tables, each named only in its own domain's models`);

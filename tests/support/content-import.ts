/**
 * The real content/ folder and copies of it to edit, for the content importer's tests
 * (app/content/import.server.test.ts and reimport.server.test.ts): what it holds, and how
 * many records each table has after an import.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { expect } from "vitest";
import { db } from "~/db.server";
import {
  agendaItemDocuments,
  agendaItemPriorities,
  agendaItems,
  auditLog,
  bodies,
  contentSources,
  documents,
  inspections,
  meetings,
  minutes,
  organisations,
  people,
  priorities,
  questions,
  recommendations,
  responses,
} from "../../db/schema";

export const CONTENT = path.resolve(import.meta.dirname, "../../content");
export const MEETING = "meetings/2021-trust-annual-review";
export const ITEM = `${MEETING}/items/01-trust-annual-review`;
/** 3 organisations, 1 body, 6 people, 6 priorities, 5 documents, 8 inspections with
 * 7 recommendations, 1 meeting, 1 item, 1 minute, 12 questions with 12 responses. */
export const RECORDS = 63;
export const FILES = 44;

export const quiet = () => {};
const tempDirs: string[] = [];

export async function copyOfContent(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "portal-content-"));
  tempDirs.push(dir);
  await fs.cp(CONTENT, dir, { recursive: true });
  return dir;
}

export async function edit(dir: string, file: string, change: (text: string) => string) {
  const full = path.join(dir, file);
  const before = await fs.readFile(full, "utf8");
  const after = change(before);
  expect(after).not.toBe(before); // the edit must really change the file
  await fs.writeFile(full, after);
}

const TABLES = {
  organisations,
  bodies,
  people,
  priorities,
  documents,
  inspections,
  recommendations,
  meetings,
  agendaItems,
  minutes,
  questions,
  responses,
  agendaItemPriorities,
  agendaItemDocuments,
  contentSources,
  auditLog,
};

export async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [{ n }] = await db().select({ n: count() }).from(table);
    out[name] = n;
  }
  return out;
}

/** Removes the copies made by copyOfContent (a test file's afterAll). */
export async function removeContentCopies() {
  for (const dir of tempDirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
}

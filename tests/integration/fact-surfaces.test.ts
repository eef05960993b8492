/**
 * Issue 23, "Tests": one walk of the imported seed content over every surface a
 * reader or a program meets (page, API, CSV, Atom, iCalendar, search snippet).
 * For each record that carries a date precision, an attribution caveat or a
 * status with its basis, every surface either shows the caveat with the fact or
 * leaves the fact out; none states it more firmly than the source.
 *
 * The facts are read from the database the import filled (never typed here);
 * the surfaces are a list: a new surface is covered by adding a line to SURFACES.
 */
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContent } from "~/content/import.server";
import { db } from "~/db.server";
import { formatDate } from "~/rules/dates.server";
import { meetings, questions, recommendations, responses } from "../../db/schema";
import { send, startTestServer, type TestServer } from "../support/remix-app";

let server: TestServer;
beforeAll(async () => {
  await importContent({ directory: path.resolve(process.cwd(), "content"), log: () => {} });
  server = await startTestServer();
}, 180_000);
afterAll(async () => {
  await server?.close();
});

// ---------------------------------------------------------------------------
// What each surface says about one record, as plain text (null: not on that surface).
// ---------------------------------------------------------------------------

const decode = (s: string) =>
  s.replace(/<!-- -->/g, "").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const plain = (html: string) => decode(html.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

const cache = new Map<string, Promise<string>>();
function get(p: string): Promise<string> {
  if (!cache.has(p))
    cache.set(
      p,
      send(server, p).then(async (r) => {
        expect(r.status, p).toBe(200);
        return r.text();
      }),
    );
  return cache.get(p)!;
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field.replace(/\r$/, "")), rows.push(row), (row = []), (field = "");
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

function atomEntries(xml: string): { id: string; title: string; updated: string; published?: string; summary: string; link: string }[] {
  const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
  const list = feed.entry ? (Array.isArray(feed.entry) ? feed.entry : [feed.entry]) : [];
  return list.map((e: any) => ({
    id: String(e.id),
    title: String(e.title?.["#text"] ?? e.title),
    updated: String(e.updated),
    published: e.published ? String(e.published) : undefined,
    summary: String(e.summary?.["#text"] ?? e.summary ?? "") + String(e.content?.["#text"] ?? e.content ?? ""),
    link: String((Array.isArray(e.link) ? e.link[0] : e.link)?.["@_href"] ?? ""),
  }));
}

type Kind = "question" | "meeting" | "recommendation";
interface Surface {
  name: string;
  kind: Kind;
  /** A dated surface (calendar, news feed): a record whose day the sources do not give is left out of it. */
  onlyKnownDays?: boolean;
  /** The surface's text about the record, or null when the record is not on it. */
  read: (id: string, record: Record<string, unknown>) => Promise<string | null>;
}

const SURFACES: Surface[] = [
  { name: "question page", kind: "question", read: async (id) => plain(await get(`/questions/${id}`)) },
  { name: "question API", kind: "question", read: async (id) => await get(`/api/v1/questions/${id}`) },
  {
    name: "questions CSV",
    kind: "question",
    read: async (id) => {
      const rows = csvRows((await get("/questions.csv")).replace(/^\uFEFF/, ""));
      const header = rows[0];
      const row = rows.find((r) => r[0] === id);
      return row ? header.map((h, i) => `${h}: ${row[i]}`).join("\n") : null;
    },
  },
  {
    name: "answers Atom",
    kind: "question",
    read: async (id) => {
      const entries = atomEntries(await get("/feeds/answers.atom")).filter((e) => e.link.endsWith(`/questions/${id}`));
      return entries.length ? entries.map((e) => `${e.title}\n${e.updated}\n${e.published ?? ""}\n${e.summary}`).join("\n") : null;
    },
  },
  {
    name: "search result",
    kind: "question",
    read: async (id, q) => {
      const words = String(q.text).replace(/[^A-Za-z ]/g, " ").split(/\s+/).filter((w) => w.length > 5).slice(0, 3).join(" ");
      const html = await get(`/search?q=${encodeURIComponent(words)}`);
      const item = html.split("<li").find((li) => li.includes(`/questions/${id}"`));
      return item ? plain(`<li${item}`) : null;
    },
  },
  { name: "agenda item page", kind: "question", read: async (_id, q) => plain(await get(`/agenda-items/${q.agendaItemId}`)) },
  { name: "meeting page", kind: "meeting", read: async (_id, m) => plain(await get(`/meetings/${m.slug}`)) },
  { name: "meeting API", kind: "meeting", read: async (id) => await get(`/api/v1/meetings/${id}`) },
  {
    name: "meetings iCalendar",
    kind: "meeting",
    onlyKnownDays: true,
    read: async (id) => {
      const cal = new ICAL.Component(ICAL.parse(await get("/feeds/meetings.ics")));
      const event = cal.getAllSubcomponents("vevent").find((v) => String(v.getFirstPropertyValue("uid")).startsWith(id));
      return event ? event.toString() : null;
    },
  },
  {
    name: "publications Atom",
    kind: "meeting",
    onlyKnownDays: true,
    read: async (_id, m) => {
      const entries = atomEntries(await get("/feeds/publications.atom")).filter((e) => e.link.includes(`/meetings/${m.slug}`));
      return entries.length ? entries.map((e) => `${e.title}\n${e.updated}\n${e.published ?? ""}\n${e.summary}`).join("\n") : null;
    },
  },
  { name: "recommendation page", kind: "recommendation", read: async (id) => plain(await get(`/recommendations/${id}`)) },
  { name: "recommendation API", kind: "recommendation", read: async (id) => await get(`/api/v1/recommendations/${id}`) },
  {
    name: "tracking report CSV",
    kind: "recommendation",
    read: async (_id, r) => {
      const rows = csvRows((await get("/reports/tracking.csv?from=2000-01-01&to=2100-12-31")).replace(/^\uFEFF/, ""));
      const header = rows[0];
      const row = rows.find((cells) => cells.some((c) => c.includes(String(r.text).slice(0, 60))));
      return row ? header.map((h, i) => `${h}: ${row[i]}`).join("\n") : null;
    },
  },
];

// ---------------------------------------------------------------------------
// The facts, from the imported records.
// ---------------------------------------------------------------------------

/** How a day would read if a surface stated it: ISO, and as the pages write dates. */
const dayForms = (d: Date | string) => {
  const iso = (typeof d === "string" ? d : d.toISOString()).slice(0, 10);
  return [iso, formatDate(iso)];
};

describe("every surface says no more than the sources", () => {
  it("walks the seed content", async () => {
    const qs = await db().select().from(questions);
    const rs = await db().select().from(responses);
    const ms = await db().select().from(meetings);
    const recs = await db().select().from(recommendations);
    expect(qs.length).toBeGreaterThan(0);
    const problems: string[] = [];
    let checks = 0;
    const seen = new Map<string, number>();
    const check = (ok: boolean, what: string) => {
      checks += 1;
      if (!ok) problems.push(what);
    };

    for (const surface of SURFACES) {
      const records: { id: string; record: Record<string, unknown> }[] =
        surface.kind === "question"
          ? qs.map((q) => ({ id: q.id, record: q }))
          : surface.kind === "meeting"
            ? ms.map((m) => ({ id: m.id, record: m }))
            : recs.map((r) => ({ id: r.id, record: r }));
      for (const { id, record } of records) {
        const view = await surface.read(id, record);
        if (surface.onlyKnownDays && surface.kind === "meeting") {
          const m = record as (typeof ms)[number];
          if (m.datePrecision !== "exact") check(view === null, `${surface.name}: lists meeting ${id}, whose day the sources do not give`);
          if (m.datePrecision !== "exact") seen.set(`${surface.name} (left out)`, (seen.get(`${surface.name} (left out)`) ?? 0) + 1);
        }
        if (view === null) continue;
        seen.set(surface.name, (seen.get(surface.name) ?? 0) + 1);
        const where = `${surface.name} for ${surface.kind} ${id}`;

        if (surface.kind === "question") {
          const q = record as (typeof qs)[number];
          // A date the sources give only in part is never written as a day.
          if (q.tabledOnPrecision !== "exact")
            for (const form of dayForms(q.tabledOn)) check(!view.includes(form), `${where}: states the day ${form} (source: ${q.tabledOnPrecision})`);
          for (const r of rs.filter((x) => x.questionId === q.id)) {
            if (r.respondedAtPrecision !== "exact")
              for (const form of dayForms(r.respondedAt)) check(!view.includes(form), `${where}: states the response's day ${form}`);
            // Shown with its caveat, or not shown: a response whose source names no responder.
            if (r.attributionNote && view.includes(r.body.slice(0, 40)))
              check(view.includes(r.attributionNote.slice(0, 40)) || /does not name who responded/.test(view), `${where}: shows the response without saying who is not named`);
          }
          // A status the source states is shown with what it rests on, or not at all.
          if (q.sourceStatusNote && /Answered at the meeting|answered_at_meeting/.test(view))
            check(view.includes(q.sourceStatusNote.slice(0, 50)), `${where}: shows the source's status without its basis`);
          check(!/\bClosed\b|"status":"closed"|status: Closed/.test(view) || q.closedAt !== null, `${where}: says Closed, which no one recorded`);
        }

        if (surface.kind === "meeting") {
          const m = record as (typeof ms)[number];
          if (m.datePrecision !== "exact") for (const form of dayForms(m.startsAt)) check(!view.includes(form), `${where}: states the meeting's day ${form}`);
          if (m.agendaPublishedPrecision !== "exact" && m.agendaPublishedAt)
            for (const form of dayForms(m.agendaPublishedAt)) check(!view.includes(form), `${where}: states the agenda's publication day ${form}`);
          if (m.minutesPublishedPrecision !== "exact" && m.minutesPublishedAt)
            for (const form of dayForms(m.minutesPublishedAt)) check(!view.includes(form), `${where}: states the minutes' publication day ${form}`);
        }

        if (surface.kind === "recommendation") {
          // A RAG worked out by a rule says so, with the rule's words.
          const rag = /\b(Red|Amber|Green)\b|"rag":"(red|amber|green)"/.exec(view);
          if (rag) check(/Worked out by rule|"status_basis":"rule"|rule/i.test(view), `${where}: shows ${rag[0]} without how it was worked out`);
        }
      }
    }
    console.log(`fact-surfaces: ${checks} checks over ${SURFACES.length} surfaces`, Object.fromEntries(seen));
    // Every surface must have shown some record, or its checks would pass by seeing nothing.
    for (const surface of SURFACES)
      expect((seen.get(surface.name) ?? 0) + (seen.get(`${surface.name} (left out)`) ?? 0), surface.name).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(checks).toBeGreaterThan(50);
  }, 300_000);
});

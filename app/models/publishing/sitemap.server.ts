/** The sitemap: every public page, built with the public Viewer's visibility conditions. */
import { and } from "drizzle-orm";
import { db } from "../../db.server";
import { PUBLIC_VIEWER } from "../../rules/viewer.server";
import { agendaItemVisible, documentVisible, meetingVisible, questionVisible } from "../../rules/visibility.server";
import { refTable } from "../../utils/refs.server";
import { agendaItem, document, meeting } from "../meetings/refs.server";
import { inspection, priority } from "../oversight/refs.server";
import { body } from "../people/refs.server";
import { question } from "../questions/refs.server";

const viewer = PUBLIC_VIEWER;
const MAX_URLS = 50_000;
const STATIC = ["/", "/meetings", "/bodies", "/documents", "/decisions", "/questions", "/priorities", "/inspections", "/feeds", "/about", "/accessibility"];

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A page's address and when it last changed (the refs' fields are typed loosely, so said here). */
type Row = { loc: unknown; updatedAt: unknown };
const page = (prefix: string, rows: Row[]) => rows.map((r) => ({ loc: `${prefix}${r.loc}`, lastmod: r.updatedAt as Date | null }));

export async function sitemapXml(site: string): Promise<string> {
  const urls: { loc: string; lastmod?: Date | null }[] = STATIC.map((p) => ({ loc: p }));
  urls.push(...page("/bodies/", await db().select({ loc: body.slug, updatedAt: body.updatedAt }).from(refTable(body))));
  urls.push(...page("/meetings/", await db().select({ loc: meeting.slug, updatedAt: meeting.updatedAt }).from(refTable(meeting)).where(meetingVisible(viewer))));
  const items = await db()
    .select({ loc: agendaItem.id, updatedAt: agendaItem.updatedAt })
    .from(refTable(agendaItem))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(meetingVisible(viewer), agendaItemVisible(viewer)));
  urls.push(...page("/agenda-items/", items));
  urls.push(...page("/documents/", await db().select({ loc: document.slug, updatedAt: document.updatedAt }).from(refTable(document)).where(documentVisible(viewer))));
  const qs = await db()
    .select({ loc: question.id, updatedAt: question.updatedAt })
    .from(refTable(question))
    .innerJoin(...agendaItem.on(question.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(questionVisible(viewer));
  urls.push(...page("/questions/", qs));
  urls.push(...page("/priorities/", await db().select({ loc: priority.slug, updatedAt: priority.updatedAt }).from(refTable(priority))));
  urls.push(...page("/inspections/", await db().select({ loc: inspection.slug, updatedAt: inspection.updatedAt }).from(refTable(inspection))));
  const entries = urls
    .slice(0, MAX_URLS)
    .map((u) => `  <url><loc>${xml(site + u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ""}</url>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</urlset>\n`;
}

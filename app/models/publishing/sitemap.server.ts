/** The sitemap: every public page, built with the public Viewer's visibility conditions. */
import { and, eq } from "drizzle-orm";
import { agendaItems, bodies, documents, inspections, meetings, priorities, questions } from "../../../db/schema";
import { db } from "../../db.server";
import { PUBLIC_VIEWER } from "../../rules/viewer.server";
import { agendaItemVisible, documentVisible, meetingVisible, questionVisible } from "../../rules/visibility.server";

const viewer = PUBLIC_VIEWER;
const MAX_URLS = 50_000;
const STATIC = ["/", "/meetings", "/bodies", "/documents", "/questions", "/priorities", "/inspections", "/feeds", "/about", "/accessibility"];

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function sitemapXml(site: string): Promise<string> {
  const urls: { loc: string; lastmod?: Date | null }[] = STATIC.map((p) => ({ loc: p }));
  for (const b of await db().select({ slug: bodies.slug, updatedAt: bodies.updatedAt }).from(bodies)) urls.push({ loc: `/bodies/${b.slug}`, lastmod: b.updatedAt });
  for (const m of await db().select({ slug: meetings.slug, updatedAt: meetings.updatedAt }).from(meetings).where(meetingVisible(viewer))) {
    urls.push({ loc: `/meetings/${m.slug}`, lastmod: m.updatedAt });
  }
  const items = await db()
    .select({ id: agendaItems.id, updatedAt: agendaItems.updatedAt })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(meetingVisible(viewer), agendaItemVisible(viewer)));
  for (const i of items) urls.push({ loc: `/agenda-items/${i.id}`, lastmod: i.updatedAt });
  for (const d of await db().select({ slug: documents.slug, updatedAt: documents.updatedAt }).from(documents).where(documentVisible(viewer))) {
    urls.push({ loc: `/documents/${d.slug}`, lastmod: d.updatedAt });
  }
  const qs = await db()
    .select({ id: questions.id, updatedAt: questions.updatedAt })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(questionVisible(viewer));
  for (const q of qs) urls.push({ loc: `/questions/${q.id}`, lastmod: q.updatedAt });
  for (const p of await db().select({ slug: priorities.slug, updatedAt: priorities.updatedAt }).from(priorities)) urls.push({ loc: `/priorities/${p.slug}`, lastmod: p.updatedAt });
  for (const i of await db().select({ slug: inspections.slug, updatedAt: inspections.updatedAt }).from(inspections)) urls.push({ loc: `/inspections/${i.slug}`, lastmod: i.updatedAt });
  const body = urls
    .slice(0, MAX_URLS)
    .map((u) => `  <url><loc>${xml(site + u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ""}</url>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

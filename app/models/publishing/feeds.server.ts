/**
 * Calendar (RFC 5545) and Atom (RFC 4287) feeds of the public record, and the
 * private calendar feed of a member's or officer's due dates.
 *
 * Every query is built with the visibility conditions for the public viewer
 * (app/rules/visibility.server.ts): a draft meeting, draft item or exempt
 * content never reaches a feed. The private feed uses its owner's Viewer.
 */
import { and, desc, eq, gt, sql } from "drizzle-orm";
import {
  agendaItemDocuments,
  agendaItems,
  bodies,
  documents,
  meetings,
  questions,
  responses,
} from "../../../db/schema";
import { db } from "../../db.server";
import { getEnv } from "../../env.server";
import { PUBLIC_VIEWER } from "../../rules/viewer.server";
import {
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  meetingVisible,
  questionVisible,
} from "../../rules/visibility.server";
import { markdownToText } from "../../utils/markdown.server";
import { atomDateLine, atomInstant } from "../../rules/date-precision.server";
import { publicationKind } from "../../rules/publications.server";
import { hostOf, titleWithBody, truncate } from "./feeds-shared.server";

const FEED_LIMIT = 100;

export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  link: string;
  summary: string;
  category?: string;
}

const xml = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

export function renderAtom(feed: { id: string; title: string; self: string; alternate: string; entries: AtomEntry[] }) {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
  const entries = feed.entries
    .map(
      (e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title>${xml(e.title)}</title>
    <updated>${e.updated.toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>
${e.category ? `    <category term="${xml(e.category)}"/>\n` : ""}    <summary type="text">${xml(e.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(feed.id)}</id>
  <title>${xml(feed.title)}</title>
  <updated>${(feed.entries.length ? updated : new Date("2000-01-01T00:00:00Z")).toISOString()}</updated>
  <author><name>${xml(getEnv().SITE_NAME)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${xml(feed.alternate)}"/>
${entries}
</feed>
`;
}

const tag = (site: string, path: string) => `tag:${hostOf(site)},2024:${path}`;

/** Agendas, supplementary agendas, minutes, approved minutes and reports, newest first. */
export async function publicationEntries(site: string, bodyId?: string): Promise<AtomEntry[]> {
  const viewer = PUBLIC_VIEWER;
  const ms = await db()
    .select({
      id: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      bodyName: bodies.name,
      agendaPublishedAt: meetings.agendaPublishedAt,
      agendaPublishedPrecision: meetings.agendaPublishedPrecision,
      minutesPublishedAt: meetings.minutesPublishedAt,
      minutesPublishedPrecision: meetings.minutesPublishedPrecision,
      minutesApprovedAt: meetings.minutesApprovedAt,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(meetingVisible(viewer), bodyId ? eq(meetings.bodyId, bodyId) : undefined))
    .orderBy(desc(meetings.startsAt))
    .limit(FEED_LIMIT);
  const entries: AtomEntry[] = [];
  for (const m of ms) {
    const link = `${site}/meetings/${m.slug}`;
    const name = titleWithBody(m.bodyName, m.title);
    // An entry is dated by when it was published; where no source says, there is no entry to date.
    const agendaAt = atomInstant(m.agendaPublishedAt, m.agendaPublishedPrecision);
    const minutesAt = atomInstant(m.minutesPublishedAt, m.minutesPublishedPrecision);
    if (agendaAt) {
      entries.push({ id: tag(site, `meeting/${m.id}/agenda`), title: `Agenda published: ${name}`, updated: agendaAt, link, summary: `The agenda for ${name} is published.`, category: "agenda" });
    }
    if (minutesAt) {
      entries.push({ id: tag(site, `meeting/${m.id}/minutes`), title: `Minutes published: ${name}`, updated: minutesAt, link: `${link}#minutes`, summary: `The minutes of ${name} are published.`, category: "minutes" });
    }
    if (m.minutesApprovedAt && minutesAt) {
      entries.push({ id: tag(site, `meeting/${m.id}/minutes-approved`), title: `Minutes approved: ${name}`, updated: m.minutesApprovedAt, link: `${link}#minutes`, summary: `The minutes of ${name} were approved as a correct record.`, category: "approved_minutes" });
    }
  }
  // Supplementary agendas: items published after their meeting's agenda, one entry per day.
  const supplementary = await db()
    .select({
      meetingId: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      bodyName: bodies.name,
      day: sql<string>`to_char(${agendaItems.publishedAt} at time zone 'Europe/London', 'YYYY-MM-DD')`,
      at: sql<string>`max(${agendaItems.publishedAt})::text`,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(
      and(
        agendaItemVisible(viewer),
        gt(agendaItems.publishedAt, meetings.agendaPublishedAt),
        sql`${agendaItems.publishedAt} - ${meetings.agendaPublishedAt} > interval '1 hour'`,
        bodyId ? eq(meetings.bodyId, bodyId) : undefined,
      ),
    )
    .groupBy(meetings.id, meetings.slug, meetings.title, bodies.name, sql`5`)
    .limit(FEED_LIMIT);
  for (const s of supplementary) {
    const name = titleWithBody(s.bodyName, s.title);
    entries.push({ id: tag(site, `meeting/${s.meetingId}/supplementary/${s.day}`), title: `Supplementary agenda: ${name}`, updated: new Date(s.at), link: `${site}/meetings/${s.slug}`, summary: `A supplementary agenda for ${name} is published.`, category: "supplementary_agenda" });
  }
  const docs = await db()
    .select({
      id: documents.id,
      slug: documents.slug,
      title: documents.title,
      summary: documents.summary,
      kind: documents.kind,
      publishedAt: documents.publishedAt,
      publishedPrecision: documents.publishedPrecision,
      documentDate: documents.documentDate,
      datePrecision: documents.datePrecision,
      dateNote: documents.dateNote,
    })
    .from(documents)
    .where(
      and(
        documentVisible(viewer),
        publicationKind(documents.kind),
        bodyId
          ? sql`(exists (select 1 from ${agendaItemDocuments} x join agenda_items ai on ai.id = x.agenda_item_id join meetings mm on mm.id = ai.meeting_id where x.document_id = ${documents.id} and mm.body_id = ${bodyId})
              or exists (select 1 from agenda_items ai join meetings mm on mm.id = ai.meeting_id where ai.id = ${documents.presentedAtItemId} and mm.body_id = ${bodyId}))`
          : undefined,
      ),
    )
    .orderBy(desc(documents.publishedAt))
    .limit(FEED_LIMIT);
  for (const d of docs) {
    // Its publication time where known, else the document's own date with its precision; never the import's time.
    const published = atomInstant(d.publishedAt, d.publishedPrecision);
    const updated = published ?? atomInstant(d.documentDate, d.datePrecision);
    if (!updated) continue;
    const dateLine = published ? "" : atomDateLine("Dated", d.documentDate, d.datePrecision, d.dateNote);
    entries.push({ id: tag(site, `document/${d.id}`), title: d.title, updated, link: `${site}/documents/${d.slug}`, summary: `${dateLine}${d.summary || d.title}`, category: d.kind });
  }
  return entries.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, FEED_LIMIT);
}

/** Responses to public questions, newest first. */
export async function answerEntries(site: string, bodyId?: string): Promise<AtomEntry[]> {
  const viewer = PUBLIC_VIEWER;
  const rows = await db()
    .select({
      id: responses.id,
      kind: responses.kind,
      body: responses.body,
      respondedAt: responses.respondedAt,
      respondedAtPrecision: responses.respondedAtPrecision,
      attributionNote: responses.attributionNote,
      questionId: questions.id,
      questionText: questions.text,
    })
    .from(responses)
    .innerJoin(questions, eq(questions.id, responses.questionId))
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(questionVisible(viewer), agendaItemContentVisible(viewer), bodyId ? eq(meetings.bodyId, bodyId) : undefined))
    .orderBy(desc(responses.respondedAt))
    .limit(FEED_LIMIT);
  const entries: AtomEntry[] = [];
  for (const r of rows) {
    // Dated as precisely as the sources give the response (a response without a known date has no entry).
    const updated = atomInstant(r.respondedAt, r.respondedAtPrecision);
    if (!updated) continue;
    entries.push({
      id: tag(site, `response/${r.id}`),
      title: `${r.kind === "holding" ? "Holding response" : "Response"}: ${truncate(r.questionText, 120)}`,
      updated,
      link: `${site}/questions/${r.questionId}`,
      // Where the source names no responder, the entry says so and why (responses.attribution_note).
      summary: truncate(
        `${atomDateLine("Given", r.respondedAt, r.respondedAtPrecision)}${markdownToText(r.body)}${r.attributionNote ? `\n\nWho responded: ${r.attributionNote}` : ""}`,
        1000,
      ),
      category: r.kind === "holding" ? "holding_response" : "response",
    });
  }
  return entries;
}

export async function bodyBySlug(slug: string) {
  const [body] = await db().select({ id: bodies.id, slug: bodies.slug, name: bodies.name }).from(bodies).where(eq(bodies.slug, slug));
  return body ?? null;
}

export async function bodyFeed(site: string, slug: string): Promise<string | null> {
  const body = await bodyBySlug(slug);
  if (!body) return null;
  const entries = [...(await publicationEntries(site, body.id)), ...(await answerEntries(site, body.id))]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime())
    .slice(0, FEED_LIMIT);
  return renderAtom({
    id: tag(site, `body/${body.id}`),
    title: `${body.name}: publications and answers`,
    self: `${site}/feeds/bodies/${body.slug}.atom`,
    alternate: `${site}/bodies/${body.slug}`,
    entries,
  });
}

export async function publicationsFeed(site: string) {
  return renderAtom({
    id: tag(site, "publications"),
    title: `${getEnv().SITE_NAME}: publications`,
    self: `${site}/feeds/publications.atom`,
    alternate: `${site}/documents`,
    entries: await publicationEntries(site),
  });
}

export async function answersFeed(site: string) {
  return renderAtom({
    id: tag(site, "answers"),
    title: `${getEnv().SITE_NAME}: answers to questions`,
    self: `${site}/feeds/answers.atom`,
    alternate: `${site}/questions`,
    entries: await answerEntries(site),
  });
}

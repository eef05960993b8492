/**
 * Calendar (RFC 5545) and Atom (RFC 4287) feeds of the public record, and the
 * private calendar feed of a member's or officer's due dates.
 *
 * Every query is built with the visibility conditions for the public viewer
 * (app/rules/visibility.server.ts): a draft meeting, draft item or exempt
 * content never reaches a feed. The private feed uses its owner's Viewer.
 */
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { DatePrecision } from "../../../db/schema/columns";
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
import { refTable } from "../../utils/refs.server";
import { agendaItem, document, documentOfBody, meeting } from "../meetings/refs.server";
import { body } from "../people/refs.server";
import { question, response } from "../questions/refs.server";
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

// The rows read through other domains' refs, whose fields are typed loosely: their types said here.
type MeetingPublications = {
  id: string;
  slug: string;
  title: string;
  bodyName: string;
  agendaPublishedAt: Date | null;
  agendaPublishedPrecision: DatePrecision;
  minutesPublishedAt: Date | null;
  minutesPublishedPrecision: DatePrecision;
  minutesApprovedAt: Date | null;
};
type SupplementaryAgenda = { meetingId: string; slug: string; title: string; bodyName: string; day: string; at: string };
type DocumentPublication = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: string;
  publishedAt: Date | null;
  publishedPrecision: DatePrecision;
  documentDate: string | null;
  datePrecision: DatePrecision;
  dateNote: string | null;
};

/** Agendas, supplementary agendas, minutes, approved minutes and reports, newest first. */
export async function publicationEntries(site: string, bodyId?: string): Promise<AtomEntry[]> {
  const viewer = PUBLIC_VIEWER;
  const ms = (await db()
    .select({
      id: meeting.id,
      slug: meeting.slug,
      title: meeting.title,
      bodyName: body.name,
      agendaPublishedAt: meeting.agendaPublishedAt,
      agendaPublishedPrecision: meeting.agendaPublishedPrecision,
      minutesPublishedAt: meeting.minutesPublishedAt,
      minutesPublishedPrecision: meeting.minutesPublishedPrecision,
      minutesApprovedAt: meeting.minutesApprovedAt,
    })
    .from(refTable(meeting))
    .innerJoin(...body.on(meeting.bodyId))
    .where(and(meetingVisible(viewer), bodyId ? eq(meeting.bodyId, bodyId) : undefined))
    .orderBy(desc(meeting.startsAt))
    .limit(FEED_LIMIT)) as MeetingPublications[];
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
  const supplementary = (await db()
    .select({
      meetingId: meeting.id,
      slug: meeting.slug,
      title: meeting.title,
      bodyName: body.name,
      day: sql<string>`to_char(${agendaItem.publishedAt} at time zone 'Europe/London', 'YYYY-MM-DD')`,
      at: sql<string>`max(${agendaItem.publishedAt})::text`,
    })
    .from(refTable(agendaItem))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .innerJoin(...body.on(meeting.bodyId))
    .where(
      and(
        agendaItemVisible(viewer),
        gt(agendaItem.publishedAt, meeting.agendaPublishedAt),
        sql`${agendaItem.publishedAt} - ${meeting.agendaPublishedAt} > interval '1 hour'`,
        bodyId ? eq(meeting.bodyId, bodyId) : undefined,
      ),
    )
    .groupBy(meeting.id, meeting.slug, meeting.title, body.name, sql`5`)
    .limit(FEED_LIMIT)) as SupplementaryAgenda[];
  for (const s of supplementary) {
    const name = titleWithBody(s.bodyName, s.title);
    entries.push({ id: tag(site, `meeting/${s.meetingId}/supplementary/${s.day}`), title: `Supplementary agenda: ${name}`, updated: new Date(s.at), link: `${site}/meetings/${s.slug}`, summary: `A supplementary agenda for ${name} is published.`, category: "supplementary_agenda" });
  }
  const docs = (await db()
    .select({
      id: document.id,
      slug: document.slug,
      title: document.title,
      summary: document.summary,
      kind: document.kind,
      publishedAt: document.publishedAt,
      publishedPrecision: document.publishedPrecision,
      documentDate: document.documentDate,
      datePrecision: document.datePrecision,
      dateNote: document.dateNote,
    })
    .from(refTable(document))
    .where(
      and(
        documentVisible(viewer),
        publicationKind(document.kind),
        bodyId ? documentOfBody(bodyId) : undefined,
      ),
    )
    .orderBy(desc(document.publishedAt))
    .limit(FEED_LIMIT)) as DocumentPublication[];
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
      id: response.id,
      kind: response.kind,
      body: response.body,
      respondedAt: response.respondedAt,
      respondedAtPrecision: response.respondedAtPrecision,
      attributionNote: response.attributionNote,
      questionId: question.id,
      questionText: question.text,
    })
    .from(refTable(response))
    .innerJoin(...question.on(response.questionId))
    .innerJoin(...agendaItem.on(question.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(questionVisible(viewer), agendaItemContentVisible(viewer), bodyId ? eq(meeting.bodyId, bodyId) : undefined))
    .orderBy(desc(response.respondedAt))
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

export async function bodyBySlug(slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  const [found] = (await db().select({ id: body.id, slug: body.slug, name: body.name }).from(refTable(body)).where(eq(body.slug, slug))) as {
    id: string;
    slug: string;
    name: string;
  }[];
  return found ?? null;
}

export async function bodyFeed(site: string, slug: string): Promise<string | null> {
  const found = await bodyBySlug(slug);
  if (!found) return null;
  const entries = [...(await publicationEntries(site, found.id)), ...(await answerEntries(site, found.id))]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime())
    .slice(0, FEED_LIMIT);
  return renderAtom({
    id: tag(site, `body/${found.id}`),
    title: `${found.name}: publications and answers`,
    self: `${site}/feeds/bodies/${found.slug}.atom`,
    alternate: `${site}/bodies/${found.slug}`,
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

/**
 * Calendar (RFC 5545) and Atom (RFC 4287) feeds of the public record, and the
 * private calendar feed of a member's or officer's due dates.
 *
 * Every query is built with the visibility conditions for the public viewer
 * (app/rules/visibility.server.ts): a draft meeting, draft item or exempt
 * content never reaches a feed. The private feed uses its owner's Viewer.
 */
import crypto from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, or, sql } from "drizzle-orm";
import {
  actions,
  agendaItemDocuments,
  agendaItems,
  bodies,
  documents,
  feedTokens,
  meetings,
  questions,
  responses,
  users,
} from "../../../db/schema";
import { db, type Executor } from "../../db.server";
import { getEnv } from "../../env.server";
import { meetingStatus } from "../../rules/meeting-status.server";
import { isActionDone, questionStatus } from "../../rules/status.server";
import { PUBLIC_VIEWER, type Viewer } from "../../rules/viewer.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  meetingVisible,
  questionVisible,
} from "../../rules/visibility.server";
import { markdownToText } from "../../utils/markdown.server";
import { recordAudit } from "../records";
import { questionFacts } from "../search";

const FEED_LIMIT = 100;

// ---------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------

/** RFC 5545 3.3.11 TEXT escaping. */
export function icsText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** The wall-clock time in Europe/London as YYYYMMDDTHHMMSS. */
function londonStamp(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "X-LIC-LOCATION:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

export interface CalendarEvent {
  uid: string;
  sequence: number;
  stamp: Date;
  summary: string;
  description?: string;
  location?: string | null;
  url: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  /** A timed event, or an all-day one (YYYY-MM-DD). */
  start: Date | string;
  end?: Date | null;
}

export function renderCalendar(name: string, events: CalendarEvent[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Board portal//Meetings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(name)}`,
    "X-WR-TIMEZONE:Europe/London",
    ...VTIMEZONE,
  ];
  for (const e of events) {
    lines.push("BEGIN:VEVENT", `UID:${e.uid}`, `DTSTAMP:${utcStamp(e.stamp)}`, `SEQUENCE:${e.sequence}`);
    if (typeof e.start === "string") {
      const day = e.start.replace(/-/g, "");
      const next = new Date(`${e.start}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      lines.push(`DTSTART;VALUE=DATE:${day}`, `DTEND;VALUE=DATE:${next.toISOString().slice(0, 10).replace(/-/g, "")}`);
    } else {
      const end = e.end ?? new Date(e.start.getTime() + 2 * 3_600_000);
      lines.push(`DTSTART;TZID=Europe/London:${londonStamp(e.start)}`, `DTEND;TZID=Europe/London:${londonStamp(end)}`);
    }
    lines.push(`SUMMARY:${icsText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
    lines.push(`URL:${e.url}`, `STATUS:${e.status}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function hostOf(site: string) {
  return new URL(site).host;
}

async function meetingEvents(viewer: Viewer, site: string, bodyId?: string): Promise<CalendarEvent[]> {
  const rows = await db()
    .select({
      id: meetings.id,
      slug: meetings.slug,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      datePrecision: meetings.datePrecision,
      venue: meetings.venue,
      status: meetings.status,
      statusReason: meetings.statusReason,
      version: meetings.version,
      updatedAt: meetings.updatedAt,
      bodyName: bodies.name,
    })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(meetingVisible(viewer), bodyId ? eq(meetings.bodyId, bodyId) : undefined))
    .orderBy(desc(meetings.startsAt))
    .limit(500);
  const host = hostOf(site);
  return rows.map((m) => {
    const status = meetingStatus(m);
    return {
      uid: `${m.id}@${host}`,
      sequence: m.version,
      stamp: m.updatedAt,
      summary: `${m.bodyName}: ${m.title}${status === "cancelled" ? " (cancelled)" : status === "postponed" ? " (postponed)" : ""}`,
      description: [`${site}/meetings/${m.slug}`, m.statusReason].filter(Boolean).join("\n\n"),
      location: m.venue,
      url: `${site}/meetings/${m.slug}`,
      status: status === "cancelled" ? "CANCELLED" : status === "postponed" || status === "scheduled" ? "TENTATIVE" : "CONFIRMED",
      start: m.datePrecision === "exact" ? m.startsAt : m.startsAt.toISOString().slice(0, 10),
      end: m.endsAt,
    };
  });
}

export async function meetingsCalendar(site: string, bodySlug?: string): Promise<string | null> {
  let body: { id: string; name: string } | undefined;
  if (bodySlug) {
    [body] = await db().select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.slug, bodySlug));
    if (!body) return null;
  }
  const name = `${getEnv().SITE_NAME}${body ? `: ${body.name}` : ""}: meetings`;
  return renderCalendar(name, await meetingEvents(PUBLIC_VIEWER, site, body?.id));
}

// ---------------------------------------------------------------------------
// Private calendar tokens
// ---------------------------------------------------------------------------

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function currentFeedToken(userId: string) {
  const [row] = await db()
    .select({ id: feedTokens.id, createdAt: feedTokens.createdAt })
    .from(feedTokens)
    .where(and(eq(feedTokens.userId, userId), isNull(feedTokens.revokedAt)))
    .orderBy(desc(feedTokens.createdAt))
    .limit(1);
  return row ?? null;
}

/** Revokes any live token and issues a new one; the token itself is shown once and stored hashed. */
export async function issueFeedToken(tx: Executor, actor: { userId: string; ipAddress?: string | null }): Promise<string> {
  await revokeFeedTokens(tx, actor);
  const token = crypto.randomBytes(32).toString("base64url");
  const [row] = await tx.insert(feedTokens).values({ userId: actor.userId, tokenHash: hashToken(token) }).returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: "create",
    entityType: "feed_token",
    entityId: row.id,
    after: { createdAt: row.createdAt },
    ipAddress: actor.ipAddress,
  });
  return token;
}

export async function revokeFeedTokens(tx: Executor, actor: { userId: string; ipAddress?: string | null }) {
  const revoked = await tx
    .update(feedTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(feedTokens.userId, actor.userId), isNull(feedTokens.revokedAt)))
    .returning({ id: feedTokens.id });
  for (const r of revoked) {
    await recordAudit(tx, {
      userId: actor.userId,
      action: "revoke",
      entityType: "feed_token",
      entityId: r.id,
      before: { revokedAt: null },
      after: { revoked: true },
      ipAddress: actor.ipAddress,
    });
  }
  return revoked.length;
}

/**
 * The private feed: the meetings the token's owner may see, and the due dates of
 * their questions (a member's own; an officer's organisation's) and actions.
 * Null for an unknown or revoked token, or a disabled account.
 */
export async function privateCalendar(site: string, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [owner] = await db()
    .select({ user: users })
    .from(feedTokens)
    .innerJoin(users, eq(users.id, feedTokens.userId))
    .where(and(eq(feedTokens.tokenHash, hashToken(token)), isNull(feedTokens.revokedAt), isNull(users.disabledAt)));
  if (!owner) return null;
  const u = owner.user;
  // The token stands for its owner, as a session would (app/auth/viewer.server.ts).
  const viewer: Viewer = {
    kind: "user",
    userId: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    personId: u.personId,
    organisationId: u.organisationId,
  };
  const host = hostOf(site);
  const events = await meetingEvents(viewer, site);

  const mine =
    u.role === "member" && u.personId
      ? eq(questions.askedById, u.personId)
      : u.role === "officer" && u.organisationId
        ? eq(questions.addressedToId, u.organisationId)
        : undefined;
  if (mine) {
    const qs = await db()
      .select({ id: questions.id, text: questions.text, dueOn: questions.dueOn, updatedAt: questions.updatedAt })
      .from(questions)
      .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(and(mine, questionVisible(viewer), isNotNull(questions.dueOn)))
      .limit(500);
    const facts = await questionFacts(qs.map((q) => q.id));
    for (const q of qs) {
      const f = facts.get(q.id);
      if (!f || !["awaiting_response", "holding_response"].includes(questionStatus(f))) continue;
      events.push({
        uid: `question-due-${q.id}@${host}`,
        sequence: 0,
        stamp: q.updatedAt,
        summary: `Response due: ${truncate(q.text, 80)}`,
        url: `${site}/questions/${q.id}`,
        description: `${site}/questions/${q.id}`,
        status: "CONFIRMED",
        start: q.dueOn!,
      });
    }
  }
  const actionOwner =
    u.role === "officer" && u.organisationId
      ? eq(actions.owningOrganisationId, u.organisationId)
      : u.role === "member" && u.personId
        ? or(eq(actions.ownerId, u.personId), sql`${actions.questionId} in (select id from questions where asked_by_id = ${u.personId})`)
        : undefined;
  if (actionOwner) {
    const as = await db().select().from(actions).where(and(actionOwner, actionVisible(viewer))).limit(500);
    for (const a of as) {
      if (isActionDone(a)) continue;
      events.push({
        uid: `action-due-${a.id}@${host}`,
        sequence: 0,
        stamp: a.updatedAt,
        summary: `Action due: ${a.reference ? `${a.reference} ` : ""}${truncate(a.description, 80)}`,
        url: `${site}/actions/${a.id}`,
        status: "CONFIRMED",
        start: a.dueOn,
      });
    }
  }
  return renderCalendar(`${getEnv().SITE_NAME}: ${u.name}`, events);
}

function truncate(text: string, n: number) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

// ---------------------------------------------------------------------------
// Atom
// ---------------------------------------------------------------------------

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
      minutesPublishedAt: meetings.minutesPublishedAt,
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
    const name = `${m.bodyName}: ${m.title}`;
    if (m.agendaPublishedAt) {
      entries.push({ id: tag(site, `meeting/${m.id}/agenda`), title: `Agenda published: ${name}`, updated: m.agendaPublishedAt, link, summary: `The agenda for ${name} is published.`, category: "agenda" });
    }
    if (m.minutesPublishedAt) {
      entries.push({ id: tag(site, `meeting/${m.id}/minutes`), title: `Minutes published: ${name}`, updated: m.minutesPublishedAt, link: `${link}#minutes`, summary: `The minutes of ${name} are published.`, category: "minutes" });
    }
    if (m.minutesApprovedAt && m.minutesPublishedAt) {
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
    const name = `${s.bodyName}: ${s.title}`;
    entries.push({ id: tag(site, `meeting/${s.meetingId}/supplementary/${s.day}`), title: `Supplementary agenda: ${name}`, updated: new Date(s.at), link: `${site}/meetings/${s.slug}`, summary: `A supplementary agenda for ${name} is published.`, category: "supplementary_agenda" });
  }
  const docs = await db()
    .select({ id: documents.id, slug: documents.slug, title: documents.title, summary: documents.summary, kind: documents.kind, publishedAt: documents.publishedAt })
    .from(documents)
    .where(
      and(
        documentVisible(viewer),
        bodyId
          ? sql`(exists (select 1 from ${agendaItemDocuments} x join agenda_items ai on ai.id = x.agenda_item_id join meetings mm on mm.id = ai.meeting_id where x.document_id = ${documents.id} and mm.body_id = ${bodyId})
              or exists (select 1 from agenda_items ai join meetings mm on mm.id = ai.meeting_id where ai.id = ${documents.presentedAtItemId} and mm.body_id = ${bodyId}))`
          : undefined,
      ),
    )
    .orderBy(desc(documents.publishedAt))
    .limit(FEED_LIMIT);
  for (const d of docs) {
    entries.push({ id: tag(site, `document/${d.id}`), title: d.title, updated: d.publishedAt!, link: `${site}/documents/${d.slug}`, summary: d.summary || d.title, category: d.kind });
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
  return rows.map((r) => ({
    id: tag(site, `response/${r.id}`),
    title: `${r.kind === "holding" ? "Holding response" : "Response"}: ${truncate(r.questionText, 120)}`,
    updated: r.respondedAt,
    link: `${site}/questions/${r.questionId}`,
    summary: truncate(markdownToText(r.body), 1000),
    category: r.kind === "holding" ? "holding_response" : "response",
  }));
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


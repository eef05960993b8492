/**
 * Decisions as a viewer may see them (issue 18 item 4; ADR 034): a resolution recorded in
 * an item's minute, with the meeting's date (at its precision) and body, and its status from
 * app/rules/decision-status.server.ts. Every read filters by `decisionVisible`, so a decision
 * on an exempt or draft item, or before the minutes are published, is seen by nobody but
 * those who may read the minute: on the list, the page, the CSV, the API and the item page.
 */
import { and, asc, count, desc, eq, gte, sql, type SQL } from "drizzle-orm";
import { agendaItems, decisions, meetings } from "../../../db/schema/meetings";
import { body } from "../people/refs.server";
import { db } from "../../db.server";
import { describeDate, isoDay } from "../../rules/dates.server";
import { decisionStatus, type DecisionStatus } from "../../rules/decision-status.server";
import type { DatePrecision } from "../../rules/date-precision.server";
import { decisionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { readDayFilter } from "../../utils/day-filter";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { isUuid } from "../../utils/uuid";

export const DECISION_SORTS = { newest: "Newest first", oldest: "Oldest first" } as const;
export type DecisionSort = keyof typeof DECISION_SORTS;

export interface DecisionFilters {
  body?: string;
  /** YYYY-MM-DD, inclusive: the meeting's day. */
  from?: string;
  to?: string;
  q?: string;
  sort?: DecisionSort;
}

/**
 * The filters of /decisions, /decisions.csv and the API from a query string. A date that is
 * not a real day is left out of the filters and said beside its field.
 */
export function parseDecisionFilters(params: URLSearchParams): { filters: DecisionFilters; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  // The GOV.UK date input's three boxes, or the single from=YYYY-MM-DD of pagination and older links.
  const day = (name: "from" | "to", label: string) => {
    const f = readDayFilter(params, name, label);
    if (f.error) errors[name] = f.error;
    return f.value;
  };
  const sort = params.get("sort");
  const q = (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, 200);
  const bodySlug = (params.get("body") ?? "").trim().slice(0, 200);
  return {
    filters: {
      body: bodySlug || undefined,
      from: day("from", "Made from"),
      to: day("to", "Made to"),
      q: q || undefined,
      sort: sort === "oldest" ? "oldest" : sort === "newest" ? "newest" : undefined,
    },
    errors,
  };
}

/** The query string of the filters, for pagination and the CSV link ("" when none). */
export function decisionFiltersQuery(f: DecisionFilters): string {
  const entries = Object.entries(f).filter(([, v]) => v !== undefined && v !== "") as [string, string][];
  return entries.length ? `?${new URLSearchParams(entries)}` : "";
}

export interface DecisionRecord {
  id: string;
  text: string;
  textHtml: string;
  reasons: string;
  reasonsHtml: string;
  status: DecisionStatus;
  statusLabel: string;
  callInUntil: string | null;
  calledInOn: string | null;
  implementedOn: string | null;
  /** The meeting's date, as precisely as its source gives it. */
  date: string;
  dateApproximate: boolean;
  startsAt: Date;
  datePrecision: DatePrecision;
  dateNote: string | null;
  meeting: { id: string; slug: string; title: string };
  item: { id: string; title: string };
  body: { id: string; slug: string; name: string };
  sourceNote: string | null;
  updatedAt: Date;
}

const columns = {
  id: decisions.id,
  text: decisions.text,
  reasons: decisions.reasons,
  callInUntil: decisions.callInUntil,
  calledInOn: decisions.calledInOn,
  implementedOn: decisions.implementedOn,
  sourceNote: decisions.sourceNote,
  updatedAt: decisions.updatedAt,
  position: decisions.position,
  itemId: agendaItems.id,
  // A decision is seen only where its item is seen in full (decisionVisible), so its title is the item's own.
  itemTitle: agendaItems.title,
  meetingId: meetings.id,
  meetingSlug: meetings.slug,
  meetingTitle: meetings.title,
  startsAt: meetings.startsAt,
  datePrecision: meetings.datePrecision,
  dateNote: meetings.dateNote,
  bodyId: body.id,
  bodySlug: body.slug,
  bodyName: body.name,
};

type Row = {
  id: string;
  text: string;
  reasons: string;
  callInUntil: string | null;
  calledInOn: string | null;
  implementedOn: string | null;
  sourceNote: string | null;
  updatedAt: Date;
  itemId: string;
  itemTitle: string;
  meetingId: string;
  meetingSlug: string;
  meetingTitle: string;
  startsAt: Date;
  datePrecision: DatePrecision;
  dateNote: string | null;
  bodyId: string;
  bodySlug: string;
  bodyName: string;
};

function toRecord(r: Row, today: string): DecisionRecord {
  const status = decisionStatus(r, today);
  const date = describeDate(r.startsAt, r.datePrecision);
  return {
    id: r.id,
    text: r.text,
    textHtml: renderMarkdown(r.text),
    reasons: r.reasons,
    reasonsHtml: r.reasons ? renderMarkdown(r.reasons) : "",
    status: status.status,
    statusLabel: status.label,
    callInUntil: r.callInUntil,
    calledInOn: r.calledInOn,
    implementedOn: r.implementedOn,
    date: date.text,
    dateApproximate: date.approximate,
    startsAt: r.startsAt,
    datePrecision: r.datePrecision,
    dateNote: r.dateNote,
    meeting: { id: r.meetingId, slug: r.meetingSlug, title: r.meetingTitle },
    item: { id: r.itemId, title: r.itemTitle },
    body: { id: r.bodyId, slug: r.bodySlug, name: r.bodyName },
    sourceNote: r.sourceNote,
    updatedAt: r.updatedAt,
  };
}

function decisionRows() {
  return db()
    .select(columns)
    .from(decisions)
    .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(...body.on(meetings.bodyId));
}

function whereOf(viewer: Viewer, f: DecisionFilters): SQL {
  const q = f.q ? sql`(${decisions.search} @@ websearch_to_tsquery('english', ${f.q}) or ${decisions.text} ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})` : undefined;
  return and(
    decisionVisible(viewer),
    f.body ? (isUuid(f.body) ? eq(body.id, f.body) : eq(body.slug, f.body)) : undefined,
    f.from ? gte(meetings.startsAt, sql`${f.from}::date`) : undefined,
    f.to ? sql`${meetings.startsAt} < (${f.to}::date + 1)` : undefined,
    q,
  )!;
}

const orderOf = (f: DecisionFilters) =>
  f.sort === "oldest"
    ? [asc(meetings.startsAt), asc(agendaItems.position), asc(decisions.position), asc(decisions.id)]
    : [desc(meetings.startsAt), asc(agendaItems.position), asc(decisions.position), asc(decisions.id)];

/** One page of the decisions the viewer may see, with the filters. */
export async function listDecisions(
  viewer: Viewer,
  options: { filters?: DecisionFilters; page?: number; pageSize?: number; today?: string },
): Promise<{ total: number; decisions: DecisionRecord[] }> {
  const f = options.filters ?? {};
  const size = options.pageSize ?? PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  const where = whereOf(viewer, f);
  const [{ total }] = await db()
    .select({ total: count() })
    .from(decisions)
    .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(...body.on(meetings.bodyId))
    .where(where);
  const rows = await decisionRows()
    .where(where)
    .orderBy(...orderOf(f))
    .limit(size)
    .offset((page - 1) * size);
  const today = options.today ?? isoDay(new Date());
  return { total, decisions: rows.map((r) => toRecord(r as Row, today)) };
}

/** Every decision the filters match, a batch at a time (the CSV). */
export async function* decisionsInBatches(viewer: Viewer, options: { filters?: DecisionFilters; batchSize?: number }) {
  const size = options.batchSize ?? 500;
  for (let page = 1; ; page += 1) {
    const { decisions: batch } = await listDecisions(viewer, { filters: options.filters, page, pageSize: size });
    if (batch.length > 0) yield batch;
    if (batch.length < size) return;
  }
}

/** One decision, or null where it does not exist or the viewer may not see it. */
export async function getDecision(viewer: Viewer, id: string, today = isoDay(new Date())): Promise<DecisionRecord | null> {
  if (!isUuid(id)) return null;
  const [row] = await decisionRows().where(and(eq(decisions.id, id), decisionVisible(viewer)));
  return row ? toRecord(row as Row, today) : null;
}

/** The decisions of one item or of every item of one meeting, in agenda order, as the viewer may see them. */
export async function decisionsOf(viewer: Viewer, of: { itemId: string } | { meetingId: string }, today = isoDay(new Date())): Promise<DecisionRecord[]> {
  const which = "itemId" in of ? eq(agendaItems.id, of.itemId) : eq(meetings.id, of.meetingId);
  const rows = await decisionRows()
    .where(and(which, decisionVisible(viewer)))
    .orderBy(asc(agendaItems.position), asc(decisions.position), asc(decisions.id));
  return rows.map((r) => toRecord(r as Row, today));
}

/** The bodies that made a decision the viewer may see, for the body filter. */
export async function decisionBodyChoices(viewer: Viewer) {
  return db()
    .selectDistinct({ slug: body.slug, name: body.name })
    .from(decisions)
    .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(...body.on(meetings.bodyId))
    .where(decisionVisible(viewer))
    .orderBy(asc(body.name))
    .limit(200);
}

/**
 * The read-only open-data API at /api/v1 (docs/api.md). Always the public's
 * view: every query uses the public Viewer's visibility conditions, whoever
 * asks, so a cross-site request (CORS is open for GET) can never read drafts
 * or exempt content. Field names follow Open Civic Data (events) and Popolo
 * (people, organizations, memberships).
 */
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import {
  actions,
  agendaItems,
  bodies,
  documents,
  inspections,
  meetings,
  memberships,
  minutes,
  organisations,
  people,
  priorities,
  rateLimits,
  recommendations,
  questions,
  responses,
} from "../../../db/schema";
import { db } from "../../db.server";
import { meetingStatus } from "../../rules/meeting-status.server";
import { actionStatus, questionStatus, recommendationStatus } from "../../rules/status.server";
import { PUBLIC_VIEWER } from "../../rules/viewer.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  meetingVisible,
  personVisible,
  questionVisible,
} from "../../rules/visibility.server";
import { listAgendaItems } from "../meetings";
import { questionFacts } from "../search";
import { isUuid } from "../../utils/uuid";
import { EARLIEST_YEAR, LATEST_YEAR, parseIsoDay } from "../../utils/day-field";

const viewer = PUBLIC_VIEWER;
export const API_PAGE_SIZE = 50;
export const API_MAX_PAGE_SIZE = 200;

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Content-Type",
  "Access-Control-Expose-Headers": "Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining",
  "Access-Control-Max-Age": "86400",
};

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=60", ...CORS_HEADERS, ...headers },
  });
}

export function apiError(status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return apiJson({ error: { status, message, ...extra } }, status, { "Cache-Control": "no-store", ...headers });
}

export class ApiProblem extends Error {
  constructor(
    public status: number,
    message: string,
    public parameter?: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------
// Rate limit: a fixed window per client address, shared by every app server.
// ---------------------------------------------------------------------------

let limitOverride: number | null = null;
/** Tests lower the limit; `null` restores it. */
export function setApiRateLimitForTests(limit: number | null) {
  limitOverride = limit;
}
export const API_RATE_WINDOW_SECONDS = 60;
function rateLimit() {
  return limitOverride ?? Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 120);
}

export async function checkRateLimit(clientIp: string | null | undefined, now = new Date()) {
  const limit = rateLimit();
  const windowMs = API_RATE_WINDOW_SECONDS * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `api:${clientIp ?? "unknown"}`;
  const [row] = await db()
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count });
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: row.count <= limit, limit, remaining: Math.max(0, limit - row.count), retryAfter };
}

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

export { isUuid };

export interface ListParams {
  page: number;
  perPage: number;
  since?: string;
  until?: string;
  body?: string;
}

function day(url: URL, name: string): string | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return undefined;
  if (parseIsoDay(v) !== v) {
    throw new ApiProblem(400, `${name} must be a real date written YYYY-MM-DD, from ${EARLIEST_YEAR} to ${LATEST_YEAR}`, name);
  }
  return v;
}

function positive(url: URL, name: string, fallback: number, max: number): number {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return fallback;
  if (!/^\d{1,6}$/.test(v) || Number(v) < 1 || Number(v) > max) {
    throw new ApiProblem(400, `${name} must be a whole number from 1 to ${max}`, name);
  }
  return Number(v);
}

export function listParams(url: URL): ListParams {
  const body = url.searchParams.get("body") ?? undefined;
  if (body !== undefined && !/^[a-z0-9-]{1,200}$/i.test(body)) throw new ApiProblem(400, "body must be a body's id or slug", "body");
  return {
    page: positive(url, "page", 1, 100_000),
    perPage: positive(url, "per_page", API_PAGE_SIZE, API_MAX_PAGE_SIZE),
    since: day(url, "since"),
    until: day(url, "until"),
    body,
  };
}

async function bodyIdFor(ref: string | undefined): Promise<string | null | undefined> {
  if (!ref) return undefined;
  const [b] = await db()
    .select({ id: bodies.id })
    .from(bodies)
    .where(isUuid(ref) ? eq(bodies.id, ref) : eq(bodies.slug, ref));
  if (!b) throw new ApiProblem(400, `There is no body "${ref}"`, "body");
  return b.id;
}

export function page<T>(site: string, url: URL, p: ListParams, total: number, data: T[]) {
  const totalPages = Math.max(1, Math.ceil(total / p.perPage));
  const link = (n: number) => {
    const u = new URL(url.pathname + url.search, site);
    u.searchParams.set("page", String(n));
    return u.toString();
  };
  return {
    data,
    meta: { page: p.page, per_page: p.perPage, total, total_pages: totalPages },
    links: {
      self: link(p.page),
      first: link(1),
      last: link(totalPages),
      prev: p.page > 1 ? link(Math.min(p.page - 1, totalPages)) : null,
      next: p.page < totalPages ? link(p.page + 1) : null,
    },
  };
}

const dateRange = (col: SQL | typeof meetings.startsAt, p: ListParams) =>
  and(
    p.since ? gte(col as typeof meetings.startsAt, sql`${p.since}::date`) : undefined,
    p.until ? lt(col as typeof meetings.startsAt, sql`(${p.until}::date + 1)`) : undefined,
  );

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------
// Bodies (Popolo organizations) and people (Popolo persons with memberships)
// ---------------------------------------------------------------------------

function bodyOut(site: string, b: typeof bodies.$inferSelect) {
  return {
    id: b.id,
    slug: b.slug,
    name: b.name,
    classification: b.kind,
    description: b.description,
    parent_id: b.organisationId,
    url: `${site}/bodies/${b.slug}`,
    api_url: `${site}/api/v1/bodies/${b.id}`,
  };
}

export async function listBodiesApi(site: string, url: URL, p: ListParams) {
  const [{ total }] = await db().select({ total: count() }).from(bodies);
  const rows = await db().select().from(bodies).orderBy(asc(bodies.name), asc(bodies.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((b) => bodyOut(site, b)));
}

export async function getBodyApi(site: string, id: string) {
  const [b] = await db().select().from(bodies).where(eq(bodies.id, id));
  if (!b) return null;
  const members = await db()
    .select({ m: memberships, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, id), personVisible(viewer)))
    .orderBy(asc(people.name));
  return {
    ...bodyOut(site, b),
    memberships: members.map(({ m, name }) => ({
      id: m.id,
      person_id: m.personId,
      person_name: name,
      organization_id: m.bodyId,
      role: m.role,
      start_date: m.startOn,
      end_date: m.endOn,
    })),
  };
}

async function personOut(site: string, rows: (typeof people.$inferSelect)[]) {
  const ms = rows.length
    ? await db().select().from(memberships).where(inArray(memberships.personId, rows.map((r) => r.id)))
    : [];
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    honorific_prefix: p.honorific,
    job_title: p.jobTitle,
    organization_id: p.organisationId,
    memberships: ms
      .filter((m) => m.personId === p.id)
      .map((m) => ({ id: m.id, organization_id: m.bodyId, role: m.role, start_date: m.startOn, end_date: m.endOn })),
    api_url: `${site}/api/v1/people/${p.id}`,
  }));
}

export async function listPeopleApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(
    personVisible(viewer),
    bodyId ? sql`exists (select 1 from memberships m where m.person_id = ${people.id} and m.body_id = ${bodyId})` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(people).where(where);
  const rows = await db().select().from(people).where(where).orderBy(asc(people.name), asc(people.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, await personOut(site, rows));
}

export async function getPersonApi(site: string, id: string) {
  const rows = await db().select().from(people).where(and(eq(people.id, id), personVisible(viewer)));
  return rows.length ? (await personOut(site, rows))[0] : null;
}

// ---------------------------------------------------------------------------
// Meetings (Open Civic Data events) with their agenda
// ---------------------------------------------------------------------------

const OCD_STATUS: Record<string, string> = {
  scheduled: "tentative",
  confirmed: "confirmed",
  postponed: "postponed",
  cancelled: "cancelled",
  held: "passed",
};

function meetingOut(site: string, m: typeof meetings.$inferSelect, body: { id: string; name: string; slug: string }) {
  const status = meetingStatus(m);
  return {
    id: m.id,
    slug: m.slug,
    name: m.title,
    classification: "meeting",
    start_date: m.startsAt.toISOString(),
    end_date: iso(m.endsAt),
    all_day: false,
    timezone: "Europe/London",
    date_precision: m.datePrecision,
    date_note: m.dateNote,
    status: OCD_STATUS[status] ?? status,
    status_reason: m.statusReason,
    location: m.venue ? { name: m.venue, attendance_mode: m.attendanceMode } : null,
    organization_id: body.id,
    organization: { id: body.id, name: body.name, slug: body.slug },
    agenda_published_at: iso(m.agendaPublishedAt),
    urgency_reason: m.urgencyReason,
    minutes_published_at: iso(m.minutesPublishedAt),
    minutes_approved_at: iso(m.minutesApprovedAt),
    sources: [{ url: `${site}/meetings/${m.slug}`, note: "web page" }],
    url: `${site}/meetings/${m.slug}`,
    api_url: `${site}/api/v1/meetings/${m.id}`,
  };
}

export async function listMeetingsApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(meetingVisible(viewer), bodyId ? eq(meetings.bodyId, bodyId) : undefined, dateRange(meetings.startsAt, p));
  const [{ total }] = await db().select({ total: count() }).from(meetings).where(where);
  const rows = await db()
    .select({ m: meetings, b: { id: bodies.id, name: bodies.name, slug: bodies.slug } })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(where)
    .orderBy(desc(meetings.startsAt), asc(meetings.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((r) => meetingOut(site, r.m, r.b)));
}

export async function getMeetingApi(site: string, id: string) {
  const [r] = await db()
    .select({ m: meetings, b: { id: bodies.id, name: bodies.name, slug: bodies.slug } })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(eq(meetings.id, id), meetingVisible(viewer)));
  if (!r) return null;
  const items = await listAgendaItems(viewer, id);
  const full = items.filter((i) => i.contentVisible).map((i) => i.id);
  const texts = full.length
    ? await db()
        .select({ id: agendaItems.id, body: agendaItems.body, purpose: agendaItems.purpose })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(inArray(agendaItems.id, full), agendaItemVisible(viewer), agendaItemContentVisible(viewer)))
    : [];
  const minuteRows = full.length && r.m.minutesPublishedAt
    ? await db()
        .select({ agendaItemId: sql<string>`minutes.agenda_item_id`, body: sql<string>`minutes.body`, decisions: sql<string>`minutes.decisions` })
        .from(sql`minutes`)
        .where(sql`minutes.agenda_item_id in (${sql.join(full.map((x) => sql`${x}`), sql`, `)})`)
    : [];
  return {
    ...meetingOut(site, r.m, r.b),
    agenda: items.map((i) => {
      const t = texts.find((x) => x.id === i.id);
      const minute = minuteRows.find((x) => x.agendaItemId === i.id);
      return {
        id: i.id,
        order: i.number,
        description: i.title,
        parent_id: i.parentId,
        supplementary: i.supplementary,
        exempt: i.isExempt ? { paragraph: i.exemptParagraph, wording: i.exemptParagraphWording } : null,
        purpose_markdown: t?.purpose ?? null,
        body_markdown: t?.body ?? null,
        lead_officer: i.leadOfficer,
        documents: i.documents.map((d) => ({ slug: d.slug, title: d.title, kind: d.kind, url: `${site}/documents/${d.slug}` })),
        minute: minute ? { body_markdown: minute.body, decisions_markdown: minute.decisions } : null,
        url: `${site}/agenda-items/${i.id}`,
      };
    }),
  };
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

function documentOut(site: string, d: typeof documents.$inferSelect, withBody: boolean) {
  return {
    id: d.id,
    slug: d.slug,
    title: d.title,
    kind: d.kind,
    summary: d.summary,
    date: d.documentDate,
    date_precision: d.datePrecision,
    date_note: d.dateNote,
    organization_id: d.organisationId,
    source: d.source,
    review_year: d.reviewYear,
    published_at: iso(d.publishedAt),
    ...(withBody ? { body_markdown: d.body } : {}),
    url: `${site}/documents/${d.slug}`,
    api_url: `${site}/api/v1/documents/${d.id}`,
  };
}

export async function listDocumentsApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(
    documentVisible(viewer),
    p.since ? gte(documents.documentDate, p.since) : undefined,
    p.until ? sql`${documents.documentDate} <= ${p.until}::date` : undefined,
    bodyId
      ? sql`(exists (select 1 from agenda_item_documents x join agenda_items ai on ai.id = x.agenda_item_id join meetings mm on mm.id = ai.meeting_id where x.document_id = ${documents.id} and mm.body_id = ${bodyId})
          or exists (select 1 from agenda_items ai join meetings mm on mm.id = ai.meeting_id where ai.id = ${documents.presentedAtItemId} and mm.body_id = ${bodyId}))`
      : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(documents).where(where);
  const rows = await db().select().from(documents).where(where).orderBy(desc(documents.documentDate), asc(documents.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((d) => documentOut(site, d, false)));
}

export async function getDocumentApi(site: string, id: string) {
  const [d] = await db().select().from(documents).where(and(eq(documents.id, id), documentVisible(viewer)));
  return d ? documentOut(site, d, true) : null;
}

// ---------------------------------------------------------------------------
// Questions, with their responses and actions
// ---------------------------------------------------------------------------

async function questionsOut(site: string, rows: { q: typeof questions.$inferSelect; meetingId: string; askedBy: string | null; addressedTo: string }[]) {
  const ids = rows.map((r) => r.q.id);
  const facts = await questionFacts(ids);
  const rs = ids.length ? await db().select().from(responses).where(inArray(responses.questionId, ids)).orderBy(asc(responses.respondedAt)) : [];
  const as = ids.length ? await actionRows(inArray(actions.questionId, ids)) : [];
  return rows.map(({ q, meetingId, askedBy, addressedTo }) => {
    const f = facts.get(q.id);
    return {
      id: q.id,
      text: q.text,
      is_summarised: q.isSummarised,
      parent_id: q.parentQuestionId,
      agenda_item_id: q.agendaItemId,
      meeting_id: meetingId,
      asked_by: q.askedById ? { id: q.askedById, name: askedBy } : null,
      addressed_to: { id: q.addressedToId, name: addressedTo },
      tabled_on: q.tabledOn,
      due_on: q.dueOn,
      status: f ? questionStatus(f) : null,
      closed_at: iso(q.closedAt),
      responses: rs
        .filter((r) => r.questionId === q.id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          body_markdown: r.body,
          responded_at: iso(r.respondedAt),
          expected_on: r.expectedOn,
          supersedes_id: r.supersedesId,
          organization_id: r.organisationId,
        })),
      actions: as.filter((x) => x.a.questionId === q.id).map((x) => actionOut(site, x)),
      url: `${site}/questions/${q.id}`,
      api_url: `${site}/api/v1/questions/${q.id}`,
    };
  });
}

// ---------------------------------------------------------------------------
// Actions, with where each came from (a question's response, a minute, a recommendation)
// ---------------------------------------------------------------------------

/** Actions the public may see, with the agenda item of a minute and the current file of the closure evidence. */
function actionRows(where: SQL | undefined) {
  return db()
    .select({
      a: actions,
      minuteItemId: minutes.agendaItemId,
      evidenceFileId: sql<string | null>`(select f.id from document_files f where f.document_id = ${actions.closureEvidenceDocumentId} and f.superseded_at is null order by f.created_at desc limit 1)`,
    })
    .from(actions)
    .leftJoin(minutes, eq(minutes.id, actions.minuteId))
    .where(and(actionVisible(viewer), where))
    .orderBy(asc(actions.dueOn), asc(actions.id));
}

function actionOut(site: string, { a, minuteItemId, evidenceFileId }: Awaited<ReturnType<typeof actionRows>>[number]) {
  return {
    id: a.id,
    reference: a.reference,
    description: a.description,
    origin: a.questionId ? "question" : a.minuteId ? "minute" : a.recommendationId ? "recommendation" : null,
    question_id: a.questionId,
    response_id: a.responseId,
    minute_id: a.minuteId,
    minute_agenda_item_id: minuteItemId,
    recommendation_id: a.recommendationId,
    due_on: a.dueOn,
    status: actionStatus(a),
    started_at: iso(a.startedAt),
    completed_at: iso(a.completedAt),
    closure_evidence: a.closureEvidence,
    closure_evidence_document_id: a.closureEvidenceDocumentId,
    closure_evidence_file_url: evidenceFileId ? `${site}/files/${evidenceFileId}` : null,
    cancelled_at: iso(a.cancelledAt),
    cancellation_reason: a.cancellationReason,
    organization_id: a.owningOrganisationId,
    url: `${site}/actions/${a.id}`,
    api_url: `${site}/api/v1/actions/${a.id}`,
  };
}

export async function listActionsApi(site: string, url: URL, p: ListParams) {
  const where = and(
    p.since ? gte(actions.dueOn, p.since) : undefined,
    p.until ? sql`${actions.dueOn} <= ${p.until}::date` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(actions).where(and(actionVisible(viewer), where));
  const rows = await actionRows(where).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((r) => actionOut(site, r)));
}

export async function getActionApi(site: string, id: string) {
  const [row] = await actionRows(eq(actions.id, id));
  return row ? actionOut(site, row) : null;
}

function questionQuery(where: SQL | undefined) {
  return db()
    .select({ q: questions, meetingId: meetings.id, askedBy: people.name, addressedTo: organisations.name })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(organisations, eq(organisations.id, questions.addressedToId))
    .leftJoin(people, eq(people.id, questions.askedById))
    .where(and(questionVisible(viewer), where));
}

export async function listQuestionsApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(
    bodyId ? eq(meetings.bodyId, bodyId) : undefined,
    p.since ? gte(questions.tabledOn, p.since) : undefined,
    p.until ? sql`${questions.tabledOn} <= ${p.until}::date` : undefined,
  );
  const [{ total }] = await db()
    .select({ total: count() })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(questionVisible(viewer), where));
  const rows = await questionQuery(where).orderBy(desc(questions.tabledOn), asc(questions.position), asc(questions.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, await questionsOut(site, rows));
}

export async function getQuestionApi(site: string, id: string) {
  const rows = await questionQuery(eq(questions.id, id));
  return rows.length ? (await questionsOut(site, rows))[0] : null;
}

// ---------------------------------------------------------------------------
// Priorities, inspections, recommendations (public records)
// ---------------------------------------------------------------------------

function priorityOut(site: string, p: typeof priorities.$inferSelect) {
  return { id: p.id, slug: p.slug, title: p.title, description_markdown: p.description, owner: p.owner, order: p.position, organization_id: p.organisationId, url: `${site}/priorities/${p.slug}`, api_url: `${site}/api/v1/priorities/${p.id}` };
}

export async function listPrioritiesApi(site: string, url: URL, p: ListParams) {
  const [{ total }] = await db().select({ total: count() }).from(priorities);
  const rows = await db().select().from(priorities).orderBy(asc(priorities.position), asc(priorities.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((r) => priorityOut(site, r)));
}

export async function getPriorityApi(site: string, id: string) {
  const [r] = await db().select().from(priorities).where(eq(priorities.id, id));
  return r ? priorityOut(site, r) : null;
}

function recommendationOut(site: string, r: typeof recommendations.$inferSelect, inspectionSlug: string) {
  return {
    id: r.id,
    inspection_id: r.inspectionId,
    reference: r.reference,
    kind: r.kind,
    text: r.text,
    order: r.position,
    status: recommendationStatus(r),
    met_by_inspection_id: r.metByInspectionId,
    met_finding: r.metFinding,
    closed_at: iso(r.closedAt),
    closure_evidence: r.closureEvidence,
    lead: r.lead,
    due_on: r.dueOn,
    url: `${site}/inspections/${inspectionSlug}#recommendation-${r.reference}`,
    api_url: `${site}/api/v1/recommendations/${r.id}`,
  };
}

async function inspectionsOut(site: string, rows: (typeof inspections.$inferSelect)[]) {
  const ids = rows.map((r) => r.id);
  const recs = ids.length ? await db().select().from(recommendations).where(inArray(recommendations.inspectionId, ids)).orderBy(asc(recommendations.position)) : [];
  return rows.map((i) => ({
    id: i.id,
    slug: i.slug,
    title: i.title,
    kind: i.kind,
    organization_id: i.organisationId,
    inspectorate_id: i.inspectorateId,
    start_date: i.visitStartOn,
    end_date: i.visitEndOn,
    published_date: i.publishedOn,
    date_precision: i.datePrecision,
    overall_judgement: i.overallJudgement,
    area_judgements: i.areaJudgements,
    summary_markdown: i.summary,
    document_id: i.documentId,
    recommendations: recs.filter((r) => r.inspectionId === i.id).map((r) => recommendationOut(site, r, i.slug)),
    url: `${site}/inspections/${i.slug}`,
    api_url: `${site}/api/v1/inspections/${i.id}`,
  }));
}

export async function listInspectionsApi(site: string, url: URL, p: ListParams) {
  const where = and(
    p.since ? gte(inspections.visitStartOn, p.since) : undefined,
    p.until ? sql`${inspections.visitStartOn} <= ${p.until}::date` : undefined,
  );
  const [{ total }] = await db().select({ total: count() }).from(inspections).where(where);
  const rows = await db().select().from(inspections).where(where).orderBy(desc(inspections.visitStartOn), asc(inspections.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, await inspectionsOut(site, rows));
}

export async function getInspectionApi(site: string, id: string) {
  const rows = await db().select().from(inspections).where(eq(inspections.id, id));
  return rows.length ? (await inspectionsOut(site, rows))[0] : null;
}

export async function listRecommendationsApi(site: string, url: URL, p: ListParams) {
  const [{ total }] = await db().select({ total: count() }).from(recommendations);
  const rows = await db()
    .select({ r: recommendations, slug: inspections.slug })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .orderBy(desc(inspections.visitStartOn), asc(recommendations.position), asc(recommendations.id))
    .limit(p.perPage)
    .offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, rows.map((x) => recommendationOut(site, x.r, x.slug)));
}

export async function getRecommendationApi(site: string, id: string) {
  const [x] = await db()
    .select({ r: recommendations, slug: inspections.slug })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(recommendations.id, id));
  return x ? recommendationOut(site, x.r, x.slug) : null;
}

// ---------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------

type Lister = (site: string, url: URL, p: ListParams) => Promise<unknown>;
type Getter = (site: string, id: string) => Promise<unknown | null>;

export const RESOURCES: Record<string, { list: Lister; get: Getter; label: string }> = {
  bodies: { list: listBodiesApi, get: getBodyApi, label: "Boards and committees (Popolo organizations), with memberships" },
  people: { list: listPeopleApi, get: getPersonApi, label: "People (Popolo persons), with memberships" },
  meetings: { list: listMeetingsApi, get: getMeetingApi, label: "Meetings (Open Civic Data events), with the agenda" },
  documents: { list: listDocumentsApi, get: getDocumentApi, label: "Documents: reports, letters, annual reviews" },
  questions: { list: listQuestionsApi, get: getQuestionApi, label: "Questions, with responses and actions" },
  actions: { list: listActionsApi, get: getActionApi, label: "Follow-up actions, with where each came from (a question, a minute or a recommendation)" },
  priorities: { list: listPrioritiesApi, get: getPriorityApi, label: "Strategic priorities" },
  inspections: { list: listInspectionsApi, get: getInspectionApi, label: "Inspections and visits, with recommendations" },
  recommendations: { list: listRecommendationsApi, get: getRecommendationApi, label: "Inspection recommendations" },
};

/** Answers GET /api/v1/<path>: the index, a list, or one record. */
export async function answerApi(site: string, url: URL, path: string): Promise<Response> {
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts.length === 0) {
      return apiJson({
        name: "Open data API",
        version: "v1",
        documentation: "docs/api.md in the portal's source code",
        resources: Object.fromEntries(
          Object.entries(RESOURCES).map(([name, r]) => [name, { description: r.label, url: `${site}/api/v1/${name}` }]),
        ),
      });
    }
    const resource = RESOURCES[parts[0]];
    if (!resource || parts.length > 2) return apiError(404, `There is no API address ${url.pathname}`);
    if (parts.length === 1) return apiJson(await resource.list(site, url, listParams(url)));
    const id = parts[1];
    if (!isUuid(id)) return apiError(404, `There is no ${parts[0].replace(/ies$/, "y").replace(/s$/, "")} with that id: ids are UUIDs`);
    const record = await resource.get(site, id.toLowerCase());
    if (!record) return apiError(404, `There is no ${parts[0].replace(/ies$/, "y").replace(/s$/, "")} with that id`);
    return apiJson({ data: record });
  } catch (error) {
    if (error instanceof ApiProblem) return apiError(error.status, error.message, error.parameter ? { parameter: error.parameter } : {});
    throw error;
  }
}

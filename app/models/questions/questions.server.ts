/** Questions, their responses and actions, as a viewer may see them. */
import { and, asc, desc, eq, exists, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import {
  actions,
  actionUpdates,
  agendaItems,
  auditLog,
  bodies,
  inspections,
  meetings,
  organisations,
  people,
  priorities,
  questionPriorities,
  questionRecommendations,
  questions,
  questionStatusFacts,
  recommendations,
  responses,
  users,
} from "../../../db/schema";
import { db, type Executor } from "../../db.server";
import { describeDate, formatDate, isoDay } from "../../rules/dates.server";
import type { QuestionState } from "../../rules/question-transitions.server";
import {
  ACTION_STATUS_LABELS,
  actionDaysLate,
  actionStatus,
  daysOpen,
  isActionOverdue,
  isQuestionOverdue,
  QUESTION_STATUS_LABELS,
  QUESTION_STATUSES,
  questionClosedAt,
  questionDaysLate,
  questionStatus,
  statusSql,
  type QuestionFacts,
  type QuestionSqlSource,
  type QuestionStatus,
} from "../../rules/status.server";
import { actionVisible, agendaItemVisible, meetingVisible, questionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { parseDay } from "../../utils/day-field";
import { cancellationRequestsFor, cancellationTimeline } from "./action-cancellations.server";
import { escapeLike } from "../people";
import { inBatches, pageOfQuery, keysetAfter, keysetValues, orderByKeys, type SortKey } from "../../utils/paging.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { isUuid } from "../../utils/uuid";

export { isUuid };

type Facts = Pick<QuestionFacts, "responseKinds" | "actions"> & {
  fullResponseAt: Date | null;
  satisfactory: boolean;
  actions: (QuestionFacts["actions"][number] & { id: string; description: string })[];
};

/** The responses and actions a question's derived status is computed from. */
export async function factsFor(executor: Executor, ids: string[]) {
  const out = new Map<string, Facts>();
  if (ids.length === 0) return out;
  const rs = await executor
    .select({
      questionId: responses.questionId,
      id: responses.id,
      kind: responses.kind,
      supersedesId: responses.supersedesId,
      respondedAt: responses.respondedAt,
      satisfactoryAt: responses.satisfactoryAt,
    })
    .from(responses)
    .where(inArray(responses.questionId, ids));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const as = await executor
    .select({
      id: actions.id,
      description: actions.description,
      questionId: actions.questionId,
      dueOn: actions.dueOn,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      cancelledAt: actions.cancelledAt,
    })
    .from(actions)
    .where(inArray(actions.questionId, ids));
  for (const id of ids) {
    const current = rs.filter((r) => r.questionId === id && !superseded.has(r.id));
    const fulls = rs.filter((r) => r.questionId === id && r.kind === "full");
    out.set(id, {
      responseKinds: current.map((r) => r.kind),
      fullResponseAt: fulls.length ? fulls.map((r) => r.respondedAt).sort((a, b) => a.getTime() - b.getTime())[0] : null,
      satisfactory: current.some((r) => r.kind === "full" && r.satisfactoryAt !== null),
      actions: as.filter((a) => a.questionId === id),
    });
  }
  return out;
}

/** What the transition rules need to know about one question (no visibility check: callers check first). */
export async function questionState(executor: Executor, id: string): Promise<(QuestionState & typeof questions.$inferSelect) | null> {
  if (!isUuid(id)) return null;
  const [q] = await executor.select().from(questions).where(eq(questions.id, id));
  if (!q) return null;
  const facts = (await factsFor(executor, [id])).get(id)!;
  return { ...q, ...facts };
}

export interface QuestionFilters {
  status?: QuestionStatus;
  body?: string;
  meeting?: string;
  organisation?: string;
  member?: string;
  priority?: string;
  recommendation?: string;
  overdue?: boolean;
  /** Tabled on or after / before (YYYY-MM-DD). */
  from?: string;
  to?: string;
  sort?: QuestionSort;
}

export const QUESTION_SORTS = {
  newest: "Newest first",
  oldest: "Oldest first",
  due: "Due soonest",
  late: "Most days late",
} as const;
export type QuestionSort = keyof typeof QUESTION_SORTS;

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

/**
 * Above this many choices a register filter is a text field, not a select: at
 * archive scale the recommendations and askers ran to hundreds of options, sent
 * twice (HTML and loader data), and made the register page 300 KB (ADR 010).
 */
export const FILTER_CHOICES_MAX = 50;
const FILTER_TEXT_MAX = 100;

/** Words typed into a filter's text field (or a slug / id chosen from its select): trimmed, at most 100 characters. */
export function filterText(v: string | null): string | undefined {
  const t = (v ?? "").replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
  return t ? t.slice(0, FILTER_TEXT_MAX) : undefined;
}

const likeAnywhere = (text: string) => `%${escapeLike(text)}%`;

/**
 * The member filter: a person's slug (from the select, or a link), else words
 * of their name ("Khan" finds every Khan who asked), for the text field.
 */
function memberCondition(value: string): SQL {
  return sql`(${people.slug} = ${value} or (not exists (select 1 from ${people} p2 where p2.slug = ${value}) and ${people.name} ilike ${likeAnywhere(value)}))`;
}

/**
 * The recommendation filter on a question or action id: a recommendation's id
 * (from the select, or a link from its page), else words matched against each
 * recommendation's reference, text and inspection title ("R3 focused visit").
 */
export function recommendationCondition(value: string, matches: (recommendationIds: SQL) => SQL): SQL {
  if (isUuid(value)) return matches(sql`${value}::uuid`);
  return matches(
    sql`any (select r.id from ${recommendations} r join ${inspections} i on i.id = r.inspection_id
      where (r.search || to_tsvector('english', i.title)) @@ websearch_to_tsquery('english', ${value}))`,
  );
}

function validDay(v: string | null): string | undefined {
  return v ? (parseDay(v) ?? undefined) : undefined;
}

/** Filters from a query string; anything malformed is ignored (never a 500). */
export function parseQuestionFilters(params: URLSearchParams): QuestionFilters {
  const slug = (name: string) => {
    const v = params.get(name);
    return v && SLUG.test(v) ? v : undefined;
  };
  const status = params.get("status");
  const sort = params.get("sort");
  const rec = params.get("recommendation");
  return {
    status: (QUESTION_STATUSES as string[]).includes(status ?? "") ? (status as QuestionStatus) : undefined,
    body: slug("body"),
    meeting: slug("meeting"),
    organisation: slug("organisation"),
    member: filterText(params.get("member")),
    priority: slug("priority"),
    recommendation: filterText(rec),
    overdue: params.get("overdue") === "yes" ? true : undefined,
    from: validDay(params.get("from")),
    to: validDay(params.get("to")),
    sort: sort && Object.hasOwn(QUESTION_SORTS, sort) ? (sort as QuestionSort) : undefined,
  };
}

/** The filters as a query string (for links that keep them: pages, CSV). */
export function filtersQuery(filters: object, extra: Record<string, string> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters) as [string, string | boolean | undefined][]) {
    if (v === undefined || v === false || v === "") continue;
    p.set(k, v === true ? "yes" : v);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

function filterConditions(f: QuestionFilters & { askedById?: string; addressedToId?: string; agendaItemId?: string }): SQL[] {
  const c: (SQL | undefined)[] = [
    f.agendaItemId ? eq(questions.agendaItemId, f.agendaItemId) : undefined,
    f.askedById ? eq(questions.askedById, f.askedById) : undefined,
    f.addressedToId ? eq(questions.addressedToId, f.addressedToId) : undefined,
    f.body ? eq(bodies.slug, f.body) : undefined,
    f.meeting ? eq(meetings.slug, f.meeting) : undefined,
    f.organisation ? eq(organisations.slug, f.organisation) : undefined,
    f.member ? memberCondition(f.member) : undefined,
    f.priority
      ? sql`exists (select 1 from ${questionPriorities} qp join ${priorities} p on p.id = qp.priority_id where qp.question_id = ${questions.id} and p.slug = ${f.priority})`
      : undefined,
    f.recommendation
      ? recommendationCondition(
          f.recommendation,
          (ids) => sql`exists (select 1 from ${questionRecommendations} qr where qr.question_id = ${questions.id} and qr.recommendation_id = ${ids})`,
        )
      : undefined,
    f.from ? gte(questions.tabledOn, f.from) : undefined,
    f.to ? lte(questions.tabledOn, f.to) : undefined,
  ];
  return c.filter((x): x is SQL => x !== undefined);
}

/** Where the status rules find a question's facts in the register's query. */
export const QUESTION_STATUS_SOURCE: QuestionSqlSource = {
  rejectedAt: questions.rejectedAt,
  acceptedAt: questions.acceptedAt,
  closedAt: questions.closedAt,
  dueOn: questions.dueOn,
  tabledOn: questions.tabledOn,
  hasFullResponse: questionStatusFacts.hasFullResponse,
  hasHoldingResponse: questionStatusFacts.hasHoldingResponse,
  openActions: questionStatusFacts.openActions,
  firstFullResponseAt: questionStatusFacts.firstFullResponseAt,
  lastActionEndedAt: questionStatusFacts.lastActionEndedAt,
};

interface QuestionListOptions {
  filters?: QuestionFilters;
  agendaItemId?: string;
  askedById?: string;
  addressedToId?: string;
  now?: Date;
}

function questionSortKeys(sort: QuestionSort, today: string): SortKey[] {
  const newest: SortKey[] = [{ expr: questions.tabledOn, desc: true }, { expr: questions.position }, { expr: questions.id }];
  switch (sort) {
    case "oldest":
      return newest.map((k) => ({ ...k, desc: !k.desc }));
    case "due":
      return [{ expr: sql`coalesce(${questions.dueOn}, '9999-12-31'::date)` }, ...newest];
    case "late":
      return [{ expr: statusSql.questionDaysLate(QUESTION_STATUS_SOURCE, today), desc: true }, ...newest];
    default:
      return newest;
  }
}

/**
 * The register's query: visibility, filters (status and overdue included:
 * statusSql evaluates the status rules in the database) and the derived
 * values, so a page is filtered, sorted and cut in SQL.
 */
function questionListQuery(viewer: Viewer, options: QuestionListOptions, keys: SortKey[], today: string, extra?: SQL) {
  const filters = options.filters ?? {};
  const src = QUESTION_STATUS_SOURCE;
  const status = statusSql.question(src);
  return db()
    .select({
      id: questions.id,
      text: questions.text,
      isSummarised: questions.isSummarised,
      raisedAtMeeting: questions.raisedAtMeeting,
      tabledOn: questions.tabledOn,
      dueOn: questions.dueOn,
      parentQuestionId: questions.parentQuestionId,
      datePrecision: meetings.datePrecision,
      askedBy: people.name,
      addressedTo: organisations.name,
      agendaItemId: agendaItems.id,
      agendaItemTitle: agendaItems.title,
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
      bodyName: bodies.name,
      status: sql<QuestionStatus>`${status}`,
      overdue: sql<boolean>`${statusSql.questionOverdue(src, today)}`,
      daysOpen: sql<number | null>`${statusSql.questionDaysOpen(src, today)}`,
      daysLate: sql<number>`${statusSql.questionDaysLate(src, today)}`,
      openActions: sql<number>`coalesce(${questionStatusFacts.openActions}, 0)`,
      keys: keysetValues(keys),
    })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .innerJoin(organisations, eq(organisations.id, questions.addressedToId))
    .leftJoin(people, eq(people.id, questions.askedById))
    .leftJoin(questionStatusFacts, eq(questionStatusFacts.questionId, questions.id))
    .where(
      and(
        questionVisible(viewer),
        ...filterConditions({
          ...filters,
          agendaItemId: options.agendaItemId,
          askedById: options.askedById,
          addressedToId: options.addressedToId,
        }),
        filters.status ? sql`${status} = ${filters.status}` : undefined,
        filters.overdue ? statusSql.questionOverdue(src, today) : undefined,
        extra,
      ),
    )
    .orderBy(...orderByKeys(keys))
    .$dynamic();
}

type QuestionQueryRow = Awaited<ReturnType<typeof questionListQuery>>[number];

function questionListRow(r: QuestionQueryRow) {
  return {
    id: r.id,
    text: r.text,
    isSummarised: r.isSummarised,
    raisedAtMeeting: r.raisedAtMeeting,
    isSupplementary: r.parentQuestionId !== null,
    tabledOn: r.tabledOn,
    tabled: describeDate(r.tabledOn, r.datePrecision).text,
    dueOn: r.dueOn,
    due: r.dueOn ? formatDate(r.dueOn) : null,
    askedBy: r.askedBy,
    addressedTo: r.addressedTo,
    body: r.bodyName,
    agendaItem: { id: r.agendaItemId, title: r.agendaItemTitle },
    meeting: { slug: r.meetingSlug, title: r.meetingTitle },
    status: r.status,
    statusLabel: QUESTION_STATUS_LABELS[r.status],
    overdue: Boolean(r.overdue),
    daysOpen: r.daysOpen === null ? null : Number(r.daysOpen),
    daysLate: Number(r.daysLate),
    openActions: Number(r.openActions),
  };
}

/**
 * Questions the viewer may see, filtered and sorted, one page at a time (or
 * every match, for the short personal lists). The total is capped
 * (app/utils/paging.server.ts): `more` says there are more than it.
 */
export async function listQuestions(
  viewer: Viewer,
  options: QuestionListOptions & {
    page: number;
    /** Every matching row (short lists: a member's own, an officer's queue, the chase list). */
    all?: boolean;
  },
) {
  const today = isoDay(options.now ?? new Date());
  const keys = questionSortKeys(options.filters?.sort ?? "newest", today);
  const { rows, ...counted } = await pageOfQuery(() => questionListQuery(viewer, options, keys, today), options, questionListRow);
  return { ...counted, questions: rows };
}

/** Every question a list would show, a batch at a time (CSV export): never all rows in memory. */
export function questionsInBatches(viewer: Viewer, options: QuestionListOptions) {
  const today = isoDay(options.now ?? new Date());
  const keys = questionSortKeys(options.filters?.sort ?? "newest", today);
  return inBatches(async (after, limit) => {
    const rows = await questionListQuery(viewer, options, keys, today, after ? keysetAfter(keys, after) : undefined).limit(limit);
    return rows.map((r) => ({ row: questionListRow(r), keys: r.keys }));
  });
}

export type QuestionListRow = Awaited<ReturnType<typeof listQuestions>>["questions"][number];

/** At most this many meetings are offered in the register's meeting filter (the most recent). */
export const MEETING_CHOICES = 100;

/**
 * The choices the register's filters offer: only what the viewer may see. At
 * archive size there are thousands of meetings with questions, so the meeting
 * filter offers the most recent MEETING_CHOICES (of the chosen body, when one
 * is chosen) and always the meeting already chosen; with a body chosen, the
 * member filter offers that body's askers.
 */
export async function questionFilterOptions(viewer: Viewer, chosen: Pick<QuestionFilters, "body" | "meeting"> = {}) {
  const hasQuestions = sql`exists (select 1 from ${questions} q join ${agendaItems} ai on ai.id = q.agenda_item_id where ai.meeting_id = ${meetings.id})`;
  const meetingQuery = (where: SQL | undefined) =>
    db()
      .select({ slug: meetings.slug, title: meetings.title })
      .from(meetings)
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(and(meetingVisible(viewer), hasQuestions, where))
      .orderBy(desc(meetings.startsAt));
  const recent = await meetingQuery(chosen.body ? eq(bodies.slug, chosen.body) : undefined).limit(MEETING_CHOICES);
  const picked = chosen.meeting && !recent.some((m) => m.slug === chosen.meeting) ? await meetingQuery(eq(meetings.slug, chosen.meeting)) : [];
  const bodyRows = await db().select({ slug: bodies.slug, name: bodies.name }).from(bodies).orderBy(asc(bodies.name));
  const orgs = await db()
    .select({ slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name));
  // Without a body: one indexed probe per person (questions.asked_by_id), not a join of every
  // question (a scalar subquery with LIMIT 1; an EXISTS would be planned as that join).
  // With a body: the askers among that body's questions.
  const asked = db()
    .select({ one: sql`1` })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(questions.askedById, people.id), questionVisible(viewer)))
    .limit(1);
  const askedOnBody = (slug: string) =>
    db()
      .select({ id: questions.askedById })
      .from(questions)
      .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
      .where(and(eq(bodies.slug, slug), questionVisible(viewer)));
  const members = await db()
    .select({ slug: people.slug, name: people.name })
    .from(people)
    .where(chosen.body ? inArray(people.id, askedOnBody(chosen.body)) : sql`(${asked}) is not null`)
    .orderBy(asc(people.name), asc(people.slug))
    .limit(FILTER_CHOICES_MAX + 1);
  const prios = await db()
    .select({ slug: priorities.slug, title: priorities.title })
    .from(priorities)
    .orderBy(asc(priorities.position));
  const recs = await recommendationChoices(FILTER_CHOICES_MAX + 1);
  // null: too many to list, the form offers a text field instead.
  const listable = <T>(rows: T[]) => (rows.length > FILTER_CHOICES_MAX ? null : rows);
  return {
    meetings: [...picked, ...recent],
    bodies: bodyRows,
    organisations: orgs,
    members: listable(members),
    priorities: prios,
    recommendations: listable(recs),
  };
}

/** Inspection recommendations (public records) for pickers and filters. */
export async function recommendationChoices(limit?: number) {
  const query = db()
    .select({ id: recommendations.id, reference: recommendations.reference, text: recommendations.text, inspection: inspections.title })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .orderBy(desc(inspections.visitStartOn), asc(recommendations.position));
  const rows = await (limit === undefined ? query : query.limit(limit));
  return rows.map((r) => ({
    id: r.id,
    label: `${r.reference}: ${r.text.length > 90 ? `${r.text.slice(0, 88)}…` : r.text} (${r.inspection})`,
  }));
}

export type TimelineEvent = {
  at: string;
  date: string;
  approximate: boolean;
  label: string;
  who: string | null;
  html?: string;
  link?: { to: string; label: string };
  superseded?: boolean;
};

/** Who did a step, from the audit log (the question's accept, reject, close, due-date changes). */
async function auditTrail(entityType: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db()
    .select({ entityId: auditLog.entityId, action: auditLog.action, at: auditLog.at, after: auditLog.after, who: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.entityType, entityType), inArray(auditLog.entityId, ids)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}

export async function getQuestion(viewer: Viewer, id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [q] = await db()
    .select({
      id: questions.id,
      text: questions.text,
      isSummarised: questions.isSummarised,
      raisedAtMeeting: questions.raisedAtMeeting,
      tabledOn: questions.tabledOn,
      dueOn: questions.dueOn,
      dueChangeReason: questions.dueChangeReason,
      submittedAt: questions.submittedAt,
      acceptedAt: questions.acceptedAt,
      rejectedAt: questions.rejectedAt,
      rejectionReason: questions.rejectionReason,
      closedAt: questions.closedAt,
      closureReason: questions.closureReason,
      sourceNote: questions.sourceNote,
      parentQuestionId: questions.parentQuestionId,
      askedById: questions.askedById,
      addressedToId: questions.addressedToId,
      datePrecision: meetings.datePrecision,
      askedBy: people.name,
      addressedTo: organisations.name,
      agendaItemId: agendaItems.id,
      agendaItemTitle: agendaItems.title,
      meetingSlug: meetings.slug,
      meetingTitle: meetings.title,
      bodyName: bodies.name,
    })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .innerJoin(organisations, eq(organisations.id, questions.addressedToId))
    .leftJoin(people, eq(people.id, questions.askedById))
    .where(and(eq(questions.id, id), questionVisible(viewer)));
  if (!q) return null;

  const precision = q.datePrecision;
  const rs = await db()
    .select({
      id: responses.id,
      kind: responses.kind,
      body: responses.body,
      respondedAt: responses.respondedAt,
      expectedOn: responses.expectedOn,
      supersedesId: responses.supersedesId,
      satisfactoryAt: responses.satisfactoryAt,
      respondedBy: people.name,
      organisation: organisations.name,
    })
    .from(responses)
    .leftJoin(people, eq(people.id, responses.respondedById))
    .leftJoin(organisations, eq(organisations.id, responses.organisationId))
    .where(eq(responses.questionId, id))
    .orderBy(asc(responses.respondedAt), asc(responses.createdAt));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const as = await db()
    .select({
      id: actions.id,
      description: actions.description,
      dueOn: actions.dueOn,
      createdAt: actions.createdAt,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      closureEvidence: actions.closureEvidence,
      // The evidence document's current file (seen with the action: app/rules/visibility.server.ts).
      evidenceFile: sql<{ id: string; fileName: string } | null>`(select json_build_object('id', f.id, 'fileName', f.file_name) from document_files f
        where f.document_id = ${actions.closureEvidenceDocumentId} and f.superseded_at is null order by f.created_at desc limit 1)`,
      cancelledAt: actions.cancelledAt,
      cancellationReason: actions.cancellationReason,
      owner: people.name,
      organisation: organisations.name,
    })
    .from(actions)
    .innerJoin(organisations, eq(organisations.id, actions.owningOrganisationId))
    .leftJoin(people, eq(people.id, actions.ownerId))
    .where(and(eq(actions.questionId, id), actionVisible(viewer)))
    .orderBy(asc(actions.dueOn), asc(actions.createdAt));
  const notes = as.length
    ? await db()
        .select({ actionId: actionUpdates.actionId, note: actionUpdates.note, createdAt: actionUpdates.createdAt, who: users.name })
        .from(actionUpdates)
        .leftJoin(users, eq(users.id, actionUpdates.authorId))
        .where(inArray(actionUpdates.actionId, as.map((a) => a.id)))
        .orderBy(asc(actionUpdates.createdAt))
    : [];
  const supplementaries = await db()
    .select({ id: questions.id, text: questions.text, submittedAt: questions.submittedAt, tabledOn: questions.tabledOn })
    .from(questions)
    .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(questions.parentQuestionId, id), questionVisible(viewer)))
    .orderBy(asc(questions.submittedAt));
  const linkedPriorities = await db()
    .select({ slug: priorities.slug, title: priorities.title })
    .from(questionPriorities)
    .innerJoin(priorities, eq(priorities.id, questionPriorities.priorityId))
    .where(eq(questionPriorities.questionId, id))
    .orderBy(asc(priorities.position));
  const linkedRecommendations = await db()
    .select({ reference: recommendations.reference, text: recommendations.text, inspectionSlug: inspections.slug, inspection: inspections.title })
    .from(questionRecommendations)
    .innerJoin(recommendations, eq(recommendations.id, questionRecommendations.recommendationId))
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(questionRecommendations.questionId, id))
    .orderBy(asc(recommendations.position));
  const trail = await auditTrail("question", [id]);
  const actionTrail = await auditTrail("action", as.map((a) => a.id));
  const by = (action: string, entries = trail) => entries.find((e) => e.action === action)?.who ?? null;

  const current = rs.filter((r) => !superseded.has(r.id));
  const facts = {
    ...q,
    responseKinds: current.map((r) => r.kind),
    fullResponseAt: rs.find((r) => r.kind === "full")?.respondedAt ?? null,
    actions: as,
  };
  const status = questionStatus(facts);
  const dated = (d: Date | string, p = precision) => {
    const shown = describeDate(d, p);
    return { at: typeof d === "string" ? `${d}T00:00:00.000Z` : d.toISOString(), date: shown.text, approximate: shown.approximate };
  };
  const exact = (d: Date | string) => dated(d, "exact");
  // Imported questions carry the meeting's (possibly approximate) date; new ones exact times.
  const imported = q.isSummarised || q.sourceNote !== null;
  const stepDate = (d: Date | string) => (imported ? dated(d) : exact(d));

  const timeline: TimelineEvent[] = [];
  timeline.push({
    ...(q.raisedAtMeeting || imported ? dated(q.tabledOn) : exact(q.submittedAt)),
    label: q.raisedAtMeeting ? "Raised at the meeting" : q.parentQuestionId ? "Supplementary question raised" : "Question raised",
    who: q.askedBy,
  });
  if (q.acceptedAt && !imported) timeline.push({ ...exact(q.acceptedAt), label: "Accepted by the clerk", who: by("accept") });
  if (q.rejectedAt) {
    timeline.push({ ...exact(q.rejectedAt), label: "Rejected", who: by("reject"), html: renderMarkdown(q.rejectionReason ?? "") });
  }
  for (const e of trail.filter((t) => t.action === "update" && (t.after as { dueOn?: string } | null)?.dueOn)) {
    const after = e.after as { dueOn: string; dueChangeReason?: string };
    timeline.push({
      ...exact(e.at),
      label: `Due date changed to ${formatDate(after.dueOn)}`,
      who: e.who,
      html: after.dueChangeReason ? renderMarkdown(after.dueChangeReason) : undefined,
    });
  }
  for (const r of rs) {
    const label = r.supersedesId ? "Corrected response" : r.kind === "holding" ? "Holding response" : "Response";
    const expected = r.kind === "holding" && r.expectedOn ? ` (full response expected by ${formatDate(r.expectedOn)})` : "";
    timeline.push({
      ...stepDate(r.respondedAt),
      label: `${label}${expected}${superseded.has(r.id) ? " (superseded by a correction)" : ""}`,
      who: [r.respondedBy, r.organisation].filter(Boolean).join(", ") || null,
      html: renderMarkdown(r.body),
      superseded: superseded.has(r.id),
    });
    if (r.satisfactoryAt) timeline.push({ ...exact(r.satisfactoryAt), label: "Answer marked satisfactory", who: q.askedBy });
  }
  for (const s of supplementaries) {
    timeline.push({ ...exact(s.submittedAt), label: "Supplementary question", who: q.askedBy, link: { to: `/questions/${s.id}`, label: s.text } });
  }
  const cancellations = await cancellationRequestsFor(as.map((a) => a.id));
  for (const a of as) {
    const mine = actionTrail.filter((t) => t.entityId === a.id);
    const link = { to: `/actions/${a.id}`, label: a.description };
    timeline.push({
      ...stepDate(a.createdAt),
      label: `Action agreed, due ${formatDate(a.dueOn)}`,
      who: [a.owner, a.organisation].filter(Boolean).join(", "),
      link,
    });
    if (a.startedAt) timeline.push({ ...exact(a.startedAt), label: "Action started", who: by("start", mine), link });
    for (const n of notes.filter((x) => x.actionId === a.id)) {
      timeline.push({ ...exact(n.createdAt), label: "Action progress", who: n.who, html: renderMarkdown(n.note), link });
    }
    if (a.completedAt) {
      const evidence = [a.closureEvidence ?? "", a.evidenceFile ? `[Evidence document: ${a.evidenceFile.fileName}](/files/${a.evidenceFile.id})` : ""];
      timeline.push({ ...stepDate(a.completedAt), label: "Action completed", who: by("complete", mine), html: renderMarkdown(evidence.filter(Boolean).join("\n\n")), link });
    }
    if (a.cancelledAt) {
      timeline.push({ ...exact(a.cancelledAt), label: "Action cancelled", who: by("cancel", mine), html: renderMarkdown(a.cancellationReason ?? ""), link });
    }
    for (const e of cancellationTimeline(cancellations.filter((c) => c.actionId === a.id))) {
      timeline.push({ at: e.at, date: e.date, approximate: false, label: `Action: ${e.label.charAt(0).toLowerCase()}${e.label.slice(1)}`, who: e.who, html: e.html, link });
    }
  }
  const closedAt = questionClosedAt(facts);
  if (q.closedAt) {
    timeline.push({ ...stepDate(q.closedAt), label: "Closed by the clerk", who: by("close"), html: renderMarkdown(q.closureReason ?? "") });
  } else if (closedAt && !imported) {
    timeline.push({ ...exact(closedAt), label: "Closed: answered, and every action completed or cancelled", who: null });
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));

  return {
    id: q.id,
    text: q.text,
    isSummarised: q.isSummarised,
    raisedAtMeeting: q.raisedAtMeeting,
    sourceNote: q.sourceNote,
    askedBy: q.askedBy,
    askedById: q.askedById,
    addressedTo: q.addressedTo,
    addressedToId: q.addressedToId,
    body: q.bodyName,
    tabled: dated(q.tabledOn),
    tabledOn: q.tabledOn,
    dueOn: q.dueOn,
    due: q.dueOn ? formatDate(q.dueOn) : null,
    dueChangeReason: q.dueChangeReason,
    status,
    statusLabel: QUESTION_STATUS_LABELS[status],
    overdue: isQuestionOverdue(facts, now),
    daysLate: questionDaysLate(facts, now),
    daysOpen: status === "submitted" || status === "rejected" ? null : daysOpen(q.tabledOn, closedAt, now),
    rejectionReason: q.rejectedAt ? q.rejectionReason : null,
    closureReason: q.closedAt ? q.closureReason : null,
    agendaItem: { id: q.agendaItemId, title: q.agendaItemTitle },
    meeting: { slug: q.meetingSlug, title: q.meetingTitle },
    parentQuestionId: q.parentQuestionId,
    priorities: linkedPriorities,
    recommendations: linkedRecommendations,
    responses: rs.map((r) => ({
      id: r.id,
      kind: r.kind,
      body: r.body,
      bodyHtml: renderMarkdown(r.body),
      respondedBy: r.respondedBy,
      organisation: r.organisation,
      date: stepDate(r.respondedAt).date,
      superseded: superseded.has(r.id),
      satisfactory: r.satisfactoryAt !== null,
    })),
    actions: as.map((a) => {
      const s = actionStatus(a);
      return {
        id: a.id,
        description: a.description,
        owner: a.owner,
        organisation: a.organisation,
        due: formatDate(a.dueOn),
        status: s,
        statusLabel: ACTION_STATUS_LABELS[s],
        overdue: isActionOverdue(a, now),
        daysLate: actionDaysLate(a, now),
      };
    }),
    supplementaries: supplementaries.map((s) => ({ id: s.id, text: s.text })),
    timeline,
  };
}

/** Public questions raised on one agenda item (for the item page). */
export async function questionsForAgendaItem(viewer: Viewer, agendaItemId: string) {
  return listQuestions(viewer, { page: 1, agendaItemId });
}

/** Pickers for raising a question: priorities and recommendations. */
export async function questionLinkChoices() {
  const prios = await db().select({ id: priorities.id, title: priorities.title }).from(priorities).orderBy(asc(priorities.position));
  return { priorities: prios, recommendations: await recommendationChoices() };
}

/** The people of an organisation (action owners). */
export async function peopleOf(organisationId: string) {
  return db()
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.organisationId, organisationId))
    .orderBy(asc(people.name));
}

/** Members who may be recorded as asking (anyone with a member account and a person record). */
export async function memberChoices() {
  return db()
    .selectDistinct({ id: people.id, name: people.name })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.role, "member"))
    .orderBy(asc(people.name));
}

/** Questions per viewer's own agenda item: the item a question may be raised on. */
export async function raisableAgendaItem(viewer: Viewer, agendaItemId: string) {
  if (!isUuid(agendaItemId)) return null;
  const [row] = await db()
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      isExempt: agendaItems.isExempt,
      publishedAt: agendaItems.publishedAt,
      agendaPublishedAt: meetings.agendaPublishedAt,
      meetingTitle: meetings.title,
      meetingSlug: meetings.slug,
      startsAt: meetings.startsAt,
      responseWorkingDays: bodies.responseWorkingDays,
      leadOrganisationId: people.organisationId,
      bodyOrganisationId: bodies.organisationId,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(people, eq(people.id, agendaItems.leadOfficerId))
    .where(and(eq(agendaItems.id, agendaItemId), meetingVisible(viewer), agendaItemVisible(viewer)));
  if (!row) return null;
  return { ...row, published: row.publishedAt !== null && row.agendaPublishedAt !== null };
}

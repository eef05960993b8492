/**
 * The public register of recommendations (issue 17 item 4): an inspectorate's and the board's
 * own in one list, each saying which it is, filtered, sorted and paged in the database, and
 * the same list as CSV. Seen by whom recommendationVisible() says (a board recommendation
 * agreed at an exempt item stays private with it); the response state is responseStateSql
 * for filtering and responseState() for what is shown (app/rules/response-state.server.ts:
 * tests/integration/response-state-sql.test.ts checks the two agree).
 */
import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import { inspections, priorities, recommendationPriorities, recommendationResponses, recommendations, RECOMMENDATION_SOURCES } from "../../../db/schema/oversight";
import { db } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { dateText, isoAtPrecision, type DatePrecision } from "../../rules/date-precision.server";
import { RESPONSE_STATE_LABELS, RESPONSE_STATES, responseState, responseStateSql, type ResponseState } from "../../rules/response-state.server";
import type { Viewer } from "../../rules/viewer.server";
import { recommendationVisible } from "../../rules/visibility.server";
import { readDayFilter } from "../../utils/day-filter";
import { PAGE_SIZE } from "../../utils/http.server";
import { document, meeting } from "../meetings/refs.server";
import { body, organisation, person } from "../people/refs.server";
import { IMPLEMENTATION_STATE_LABELS, periodOf, RESPONSE_OUTCOME_LABELS, type ImplementationState, type ResponseOutcome } from "./board-recommendation-changes.server";

export type RecommendationSource = (typeof RECOMMENDATION_SOURCES)[number];

export const SOURCE_LABELS: Record<RecommendationSource, string> = { inspection: "Inspection", board: "Board" };

export const REGISTER_SORTS = {
  agreed: "Date agreed, newest first",
  due: "Due date, soonest first",
  reference: "Reference",
} as const;
export type RegisterSort = keyof typeof REGISTER_SORTS;

export interface RegisterFilters {
  /** A body's slug (board recommendations only). */
  body?: string;
  source?: RecommendationSource;
  /** The addressee organisation's slug (for an inspection's: the inspected organisation). */
  addressee?: string;
  state?: ResponseState;
  overdue?: boolean;
  /** YYYY-MM-DD, inclusive: the day agreed (an inspection's: its report's day). */
  from?: string;
  to?: string;
  /** A strategic priority's slug. */
  priority?: string;
  sort?: RegisterSort;
}

/** The fields of the filter form, as the query string names them. */
export const REGISTER_FILTER_FIELDS = ["body", "source", "addressee", "state", "overdue", "priority", "sort", "from", "to"] as const;

function slugParam(params: URLSearchParams, name: string): string | undefined {
  const v = (params.get(name) ?? "").trim().slice(0, 200);
  return v || undefined;
}

/**
 * The filters of /recommendations and its CSV from a query string, with a message for each
 * value that is not one of the choices (or not a real day), by field: the page answers 400
 * and says it beside the field; a bad value filters nothing.
 */
export function parseRegisterFilters(params: URLSearchParams): { filters: RegisterFilters; errors: Record<string, string>; typed: Record<string, string> } {
  const errors: Record<string, string> = {};
  const typed: Record<string, string> = {};
  const choice = <T extends string>(name: string, allowed: readonly T[], message: string): T | undefined => {
    const v = (params.get(name) ?? "").trim();
    if (!v) return undefined;
    typed[name] = v.slice(0, 200);
    if ((allowed as readonly string[]).includes(v)) return v as T;
    errors[name] = message;
    return undefined;
  };
  const source = choice("source", RECOMMENDATION_SOURCES, "Select inspection or board");
  const state = choice("state", RESPONSE_STATES, "Select a response state from the list");
  const overdue = choice("overdue", ["yes"] as const, "Select overdue only, or any");
  const sort = choice("sort", Object.keys(REGISTER_SORTS) as RegisterSort[], "Select a sort from the list");
  const from = readDayFilter(params, "from", "Agreed from");
  const to = readDayFilter(params, "to", "Agreed to");
  for (const [name, f] of [["from", from], ["to", to]] as const) {
    if (f.typed) typed[name] = f.typed;
    if (f.error) errors[name] = f.error;
  }
  if (from.value && to.value && to.value < from.value) errors.to = "Agreed to must be the same as or after agreed from";
  const filters: RegisterFilters = {
    body: slugParam(params, "body"),
    source,
    addressee: slugParam(params, "addressee"),
    state,
    overdue: overdue === "yes" ? true : undefined,
    from: from.value,
    to: errors.to ? undefined : to.value,
    priority: slugParam(params, "priority"),
    sort,
  };
  for (const k of ["body", "addressee", "priority"] as const) if (filters[k]) typed[k] = filters[k]!;
  return { filters, errors, typed };
}

/** The query string of the filters, for pagination and the CSV link ("" when none). */
export function registerFiltersQuery(f: RegisterFilters): string {
  const entries = Object.entries(f)
    .filter(([, v]) => v !== undefined && v !== "" && v !== false)
    .map(([k, v]) => [k, v === true ? "yes" : String(v)]);
  return entries.length ? `?${new URLSearchParams(entries)}` : "";
}

const responded = recommendationResponses;
/** The day agreed: a board's own, or its inspection report's (published, or the visit). */
const agreedDay = sql<string | null>`coalesce(${recommendations.agreedOn}, ${inspections.publishedOn}, ${inspections.visitStartOn})`;
/**
 * How precisely the sources give that day: a board's at a meeting takes the meeting's precision
 * (the imported 2021 meeting is known only to the year), an inspection's its inspection's.
 */
export const agreedPrecision = sql<DatePrecision>`coalesce(${meeting.datePrecision}, ${inspections.datePrecision}, 'exact')`;
/** The same for a query of the board's own alone (the agreeing meeting joined, no inspection). */
export const boardAgreedPrecision = sql<DatePrecision>`coalesce(${meeting.datePrecision}, 'exact')`;
/** Who must answer it: a board's addressee, or the organisation an inspection inspected. */
const addresseeId = sql`coalesce(${recommendations.addresseeOrganisationId}, ${inspections.organisationId})`;

function stateSql(today: string): SQL<ResponseState | null> {
  const s = responseStateSql({ receivedOn: recommendations.receivedOn, responseDueOn: recommendations.responseDueOn, respondedOn: responded.givenOn }, today);
  return sql<ResponseState | null>`(case when ${recommendations.source} = 'board' then ${s} end)`;
}

function whereOf(viewer: Viewer, f: RegisterFilters, today: string): SQL {
  const openInspection = sql`(${recommendations.source} = 'inspection' and ${recommendations.closedAt} is null and ${recommendations.metByInspectionId} is null and ${recommendations.dueOn} < ${today}::date)`;
  return and(
    recommendationVisible(viewer),
    f.source ? eq(recommendations.source, f.source) : undefined,
    f.body ? eq(body.slug, f.body) : undefined,
    f.addressee ? eq(organisation.slug, f.addressee) : undefined,
    f.state ? sql`${stateSql(today)} = ${f.state}` : undefined,
    f.overdue ? sql`(${stateSql(today)} = 'overdue' or ${openInspection})` : undefined,
    f.from ? sql`${agreedDay} >= ${f.from}::date` : undefined,
    f.to ? sql`${agreedDay} <= ${f.to}::date` : undefined,
    f.priority
      ? sql`exists (select 1 from ${recommendationPriorities} rp join ${priorities} p on p.id = rp.priority_id where rp.recommendation_id = ${recommendations.id} and p.slug = ${f.priority})`
      : undefined,
  )!;
}

function orderOf(f: RegisterFilters) {
  if (f.sort === "due") return [sql`coalesce(${recommendations.responseDueOn}, ${recommendations.dueOn}) asc nulls last`, asc(recommendations.reference), asc(recommendations.id)];
  if (f.sort === "reference") return [asc(recommendations.reference), sql`${agreedDay} desc nulls last`, asc(recommendations.id)];
  return [sql`${agreedDay} desc nulls last`, asc(recommendations.position), asc(recommendations.reference), asc(recommendations.id)];
}

function registerQuery() {
  return db()
    .select({
      id: recommendations.id,
      source: recommendations.source,
      reference: recommendations.reference,
      text: recommendations.text,
      lead: recommendations.lead,
      leadName: person.name,
      dueOn: recommendations.dueOn,
      agreedOn: agreedDay,
      agreedPrecision,
      receivedOn: recommendations.receivedOn,
      responseDueOn: recommendations.responseDueOn,
      implementationState: recommendations.implementationState,
      closedAt: recommendations.closedAt,
      metByInspectionId: recommendations.metByInspectionId,
      inspectionTitle: inspections.title,
      inspectionSlug: inspections.slug,
      bodyName: body.name,
      bodySlug: body.slug,
      meetingTitle: meeting.title,
      meetingSlug: meeting.slug,
      documentTitle: document.title,
      addressee: organisation.name,
      addresseeSlug: organisation.slug,
      statutoryResponseDuty: organisation.statutoryResponseDuty,
      responseWorkingDays: organisation.responseWorkingDays,
      outcome: responded.outcome,
      reasons: responded.reasons,
      givenBy: responded.givenBy,
      givenOn: responded.givenOn,
    })
    .from(recommendations)
    .leftJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .leftJoin(...body.on(recommendations.bodyId))
    .leftJoin(...organisation.on(addresseeId))
    .leftJoin(...person.on(recommendations.leadPersonId))
    .leftJoin(...meeting.on(recommendations.agreedAtMeetingId))
    .leftJoin(...document.on(recommendations.agreedInDocumentId))
    .leftJoin(responded, eq(responded.recommendationId, recommendations.id));
}

type RegisterQueryRow = Awaited<ReturnType<ReturnType<typeof registerQuery>["execute"]>>[number];

export interface RegisterRow {
  id: string;
  source: RecommendationSource;
  sourceLabel: string;
  reference: string;
  text: string;
  /** Where it came from: "Ofsted inspection 2024", or "Scrutiny Board, at Meeting of 10 March 2026". */
  origin: string;
  body: string | null;
  /** The day agreed at the sources' precision ("2021" where only the year is known). */
  agreedOn: string | null;
  agreed: string;
  addressee: string | null;
  lead: string | null;
  receivedOn: string | null;
  responseDueOn: string | null;
  /** null for an inspection's: no response duty runs. */
  state: ResponseState | null;
  stateLabel: string;
  daysLate: number;
  clockSummary: string;
  response: { outcome: ResponseOutcome; outcomeLabel: string; reasons: string; givenBy: string; givenOn: string } | null;
  implementationState: ImplementationState | null;
  implementationLabel: string | null;
  href: string;
}

/** Where a board agreed it, in words: "at <meeting>", "in <review report>", or "". */
export function agreedWhere(r: { meetingTitle: string | null; documentTitle: string | null }): string {
  return r.meetingTitle ? `at ${r.meetingTitle}` : r.documentTitle ? `in ${r.documentTitle}` : "";
}

function toRow(r: RegisterQueryRow, today: string): RegisterRow {
  const board = r.source === "board";
  const clock = board
    ? responseState({ receivedOn: r.receivedOn, period: periodOf({ statutoryResponseDuty: r.statutoryResponseDuty ?? true, responseWorkingDays: r.responseWorkingDays ?? null }), respondedOn: r.givenOn }, today)
    : null;
  const where = agreedWhere(r);
  return {
    id: r.id,
    source: r.source,
    sourceLabel: SOURCE_LABELS[r.source],
    reference: r.reference,
    text: r.text,
    origin: board ? [r.bodyName, where].filter(Boolean).join(", ") : (r.inspectionTitle ?? ""),
    body: r.bodyName,
    agreedOn: isoAtPrecision(r.agreedOn, r.agreedPrecision),
    agreed: dateText(r.agreedOn, r.agreedPrecision),
    addressee: r.addressee,
    lead: r.leadName ?? r.lead,
    receivedOn: r.receivedOn,
    responseDueOn: clock?.dueOn ?? null,
    state: clock?.state ?? null,
    stateLabel: clock ? clock.label : "No response duty (an inspection's recommendation)",
    daysLate: clock?.daysLate ?? 0,
    clockSummary: clock?.summary ?? "",
    response:
      r.outcome && r.givenOn
        ? { outcome: r.outcome, outcomeLabel: RESPONSE_OUTCOME_LABELS[r.outcome], reasons: r.reasons ?? "", givenBy: r.givenBy ?? "", givenOn: r.givenOn }
        : null,
    implementationState: r.implementationState,
    implementationLabel: r.implementationState ? IMPLEMENTATION_STATE_LABELS[r.implementationState] : null,
    href: `/recommendations/${r.id}`,
  };
}

/** One page of the register as the viewer may see it. */
export async function listRegister(
  viewer: Viewer,
  options: { filters?: RegisterFilters; page?: number; pageSize?: number; today?: string },
): Promise<{ total: number; rows: RegisterRow[] }> {
  const f = options.filters ?? {};
  const size = options.pageSize ?? PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  const today = options.today ?? isoDay(new Date());
  const where = whereOf(viewer, f, today);
  const [{ total }] = await db()
    .select({ total: count() })
    .from(recommendations)
    .leftJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .leftJoin(...body.on(recommendations.bodyId))
    .leftJoin(...organisation.on(addresseeId))
    .leftJoin(responded, eq(responded.recommendationId, recommendations.id))
    .where(where);
  const rows = await registerQuery()
    .where(where)
    .orderBy(...orderOf(f))
    .limit(size)
    .offset((page - 1) * size);
  return { total, rows: rows.map((r) => toRow(r, today)) };
}

/** Every row the filters match, a batch at a time (the CSV). */
export async function* registerInBatches(viewer: Viewer, options: { filters?: RegisterFilters; batchSize?: number; today?: string }) {
  const size = options.batchSize ?? 500;
  for (let page = 1; ; page += 1) {
    const { rows } = await listRegister(viewer, { filters: options.filters, page, pageSize: size, today: options.today });
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
  }
}

export const REGISTER_CSV_HEADER = [
  "id",
  "source",
  "reference",
  "text",
  "origin",
  "agreed_on",
  "addressee",
  "lead",
  "received_on",
  "response_due_on",
  "response_state",
  "response_state_label",
  "days_late",
  "response_outcome",
  "response_given_by",
  "response_given_on",
  "implementation_state",
  "address",
];

/** A register row as CSV cells, in REGISTER_CSV_HEADER's order. */
export function registerCsvCells(r: RegisterRow, site: string): string[] {
  return [
    r.id,
    r.source,
    r.reference,
    r.text,
    r.origin,
    r.agreedOn ?? "",
    r.addressee ?? "",
    r.lead ?? "",
    r.receivedOn ?? "",
    r.responseDueOn ?? "",
    r.state ?? "",
    r.stateLabel,
    r.state ? String(r.daysLate) : "",
    r.response?.outcome ?? "",
    r.response?.givenBy ?? "",
    r.response?.givenOn ?? "",
    r.implementationState ?? "",
    `${site}${r.href}`,
  ];
}

/** The choices of the register's filters: bodies, addressees and priorities with a recommendation the viewer may see. */
export async function registerFilterChoices(viewer: Viewer) {
  const seen = recommendationVisible(viewer);
  const [bodies, addressees, prios] = await Promise.all([
    db().selectDistinct({ value: body.slug, label: body.name }).from(recommendations).innerJoin(...body.on(recommendations.bodyId)).where(seen).orderBy(asc(body.name)).limit(200),
    db()
      .selectDistinct({ value: organisation.slug, label: organisation.name })
      .from(recommendations)
      .leftJoin(inspections, eq(inspections.id, recommendations.inspectionId))
      .innerJoin(...organisation.on(addresseeId))
      .where(seen)
      .orderBy(asc(organisation.name))
      .limit(200),
    db()
      .selectDistinct({ value: priorities.slug, label: priorities.title, position: priorities.position })
      .from(recommendationPriorities)
      .innerJoin(priorities, eq(priorities.id, recommendationPriorities.priorityId))
      .innerJoin(recommendations, eq(recommendations.id, recommendationPriorities.recommendationId))
      .where(seen)
      .orderBy(asc(priorities.position))
      .limit(200),
  ]);
  return {
    bodies,
    addressees,
    priorities: prios.map(({ value, label }) => ({ value, label })),
    sources: RECOMMENDATION_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] })),
    states: RESPONSE_STATES.map((s) => ({ value: s, label: RESPONSE_STATE_LABELS[s] })),
    sorts: Object.entries(REGISTER_SORTS).map(([value, label]) => ({ value, label })),
  };
}

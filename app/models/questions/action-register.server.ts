/** The actions register: actions the viewer may see, filtered, sorted and paged in SQL; and the clerk's chase-list counts. */
import { actionStatusBasis } from "../../rules/action-status-basis.server";
import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { actionPriorities, actions, questionPriorities } from "../../../db/schema/questions";
import { db } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { ACTION_STATUS_LABELS, ACTION_STATUSES, statusSql, type ActionSqlSource, type ActionStatus } from "../../rules/status.server";
import { actionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { readDayFilter } from "../../utils/day-filter";
import { inBatches, pageOfQuery, keysetAfter, keysetValues, orderByKeys, type SortKey } from "../../utils/paging.server";
import { priorityWithSlug } from "../oversight/refs.server";
import { organisation, person } from "../people/refs.server";
import { ACTION_ORIGIN_LABELS, actionOrigin, actionOriginColumns, type OriginFacts } from "./action-origins.server";
import { filterText, recommendationCondition } from "./register-filters.server";

export interface ActionFilters {
  status?: ActionStatus;
  organisation?: string;
  priority?: string;
  recommendation?: string;
  overdue?: boolean;
  /** Due on or after / before. */
  from?: string;
  to?: string;
  sort?: ActionSort;
}
export const ACTION_SORTS = { due: "Due soonest", late: "Most days late", newest: "Newest first" } as const;
export type ActionSort = keyof typeof ACTION_SORTS;

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

export function parseActionFilters(params: URLSearchParams): ActionFilters {
  const slug = (name: string) => {
    const v = params.get(name);
    return v && SLUG.test(v) ? v : undefined;
  };
  const status = params.get("status");
  const sort = params.get("sort");
  const rec = params.get("recommendation");
  return {
    status: (ACTION_STATUSES as string[]).includes(status ?? "") ? (status as ActionStatus) : undefined,
    organisation: slug("organisation"),
    priority: slug("priority"),
    recommendation: filterText(rec),
    overdue: params.get("overdue") === "yes" ? true : undefined,
    // The date input's boxes (from-day, from-month, from-year) or the old from=YYYY-MM-DD.
    from: readDayFilter(params, "from", "From").value,
    to: readDayFilter(params, "to", "To").value,
    sort: sort && Object.hasOwn(ACTION_SORTS, sort) ? (sort as ActionSort) : undefined,
  };
}

/** Where the status rules find an action's facts in the register's query. */
export const ACTION_STATUS_SOURCE: ActionSqlSource = {
  cancelledAt: actions.cancelledAt,
  completedAt: actions.completedAt,
  startedAt: actions.startedAt,
  dueOn: actions.dueOn,
  createdAt: actions.createdAt,
};

interface ActionListOptions {
  filters?: ActionFilters;
  owningOrganisationId?: string;
  now?: Date;
}

function actionSortKeys(sort: ActionSort | undefined, today: string): SortKey[] {
  const due: SortKey[] = [{ expr: actions.dueOn }, { expr: actions.createdAt }, { expr: actions.id }];
  if (sort === "late") return [{ expr: statusSql.actionDaysLate(ACTION_STATUS_SOURCE, today), desc: true }, ...due];
  if (sort === "newest") return [{ expr: actions.createdAt, desc: true }, { expr: actions.dueOn }, { expr: actions.id }];
  return due;
}

/** The register's query: visibility, filters (status and overdue by statusSql) and derived values, in SQL. */
function actionListQuery(viewer: Viewer, options: ActionListOptions, keys: SortKey[], today: string, extra?: SQL) {
  const f = options.filters ?? {};
  const src = ACTION_STATUS_SOURCE;
  const status = statusSql.action(src);
  return db()
    .select({
      id: actions.id,
      reference: actions.reference,
      description: actions.description,
      dueOn: actions.dueOn,
      createdAt: actions.createdAt,
      ...actionOriginColumns(viewer),
      organisation: organisation.name,
      owner: person.name,
      status: sql<ActionStatus>`${status}`,
      overdue: sql<boolean>`${statusSql.actionOverdue(src, today)}`,
      daysLate: sql<number>`${statusSql.actionDaysLate(src, today)}`,
      daysOpen: sql<number>`${statusSql.actionDaysOpen(src, today)}`,
      keys: keysetValues(keys),
    })
    .from(actions)
    .innerJoin(...organisation.on(actions.owningOrganisationId))
    .leftJoin(...person.on(actions.ownerId))
    .where(
      and(
        actionVisible(viewer),
        options.owningOrganisationId ? eq(actions.owningOrganisationId, options.owningOrganisationId) : undefined,
        f.organisation ? eq(organisation.slug, f.organisation) : undefined,
        f.recommendation ? recommendationCondition(f.recommendation, (ids) => sql`${actions.recommendationId} = ${ids}`) : undefined,
        f.priority
          ? sql`(exists (select 1 from ${actionPriorities} ap where ap.action_id = ${actions.id} and ap.priority_id = ${priorityWithSlug(f.priority)})
          or exists (select 1 from ${questionPriorities} qp where qp.question_id = ${actions.questionId} and qp.priority_id = ${priorityWithSlug(f.priority)}))`
          : undefined,
        f.from ? gte(actions.dueOn, f.from) : undefined,
        f.to ? lte(actions.dueOn, f.to) : undefined,
        f.status ? sql`${status} = ${f.status}` : undefined,
        f.overdue ? statusSql.actionOverdue(src, today) : undefined,
        extra,
      ),
    )
    .orderBy(...orderByKeys(keys))
    .$dynamic();
}

type ActionQueryRow = Awaited<ReturnType<typeof actionListQuery>>[number];

/** Where a listed action came from, as a label for the register's column and a link. */
function originOf(a: OriginFacts) {
  const origin = actionOrigin(a);
  return { source: origin ? ACTION_ORIGIN_LABELS[origin.kind] : "", origin };
}

/** What every view of an action names: the register's row and the action's page. */
export function actionHeading(a: { id: string; reference: string | null; description: string; dueOn: string; organisation: string; owner: string | null }) {
  return { id: a.id, reference: a.reference, description: a.description, dueOn: a.dueOn, due: formatDate(a.dueOn), organisation: a.organisation, owner: a.owner };
}

function actionListRow(a: ActionQueryRow) {
  return {
    ...actionHeading(a),
    questionId: a.questionId,
    ...originOf(a),
    status: a.status,
    statusLabel: ACTION_STATUS_LABELS[a.status],
    statusBasis: actionStatusBasis(a.status, Boolean(a.overdue)),
    overdue: Boolean(a.overdue),
    daysLate: Number(a.daysLate),
    daysOpen: Number(a.daysOpen),
    createdAt: a.createdAt.toISOString(),
  };
}

/** Actions the viewer may see, filtered, sorted and paged in SQL (or every match, for short lists); the total is capped. */
export async function listActions(viewer: Viewer, options: ActionListOptions & { page: number; all?: boolean }) {
  const today = isoDay(options.now ?? new Date());
  const keys = actionSortKeys(options.filters?.sort, today);
  const { rows, ...counted } = await pageOfQuery(() => actionListQuery(viewer, options, keys, today), options, actionListRow);
  return { ...counted, actions: rows };
}

/** Every action a list would show, a batch at a time (CSV export). */
export function actionsInBatches(viewer: Viewer, options: ActionListOptions) {
  const today = isoDay(options.now ?? new Date());
  const keys = actionSortKeys(options.filters?.sort, today);
  return inBatches(async (after, limit) => {
    const rows = await actionListQuery(viewer, options, keys, today, after ? keysetAfter(keys, after) : undefined).limit(limit);
    return rows.map((r) => ({ row: actionListRow(r), keys: r.keys }));
  });
}

export type ActionListRow = Awaited<ReturnType<typeof listActions>>["actions"][number];

/** Counts of overdue questions and actions per organisation (the clerk's chase list). */
export function countsByOrganisation(
  overdueQuestions: { addressedTo: string }[],
  overdueActions: { organisation: string }[],
) {
  const map = new Map<string, { organisation: string; questions: number; actions: number }>();
  const get = (name: string) => {
    if (!map.has(name)) map.set(name, { organisation: name, questions: 0, actions: 0 });
    return map.get(name)!;
  };
  for (const q of overdueQuestions) get(q.addressedTo).questions += 1;
  for (const a of overdueActions) get(a.organisation).actions += 1;
  return [...map.values()].sort((a, b) => b.questions + b.actions - (a.questions + a.actions) || a.organisation.localeCompare(b.organisation));
}

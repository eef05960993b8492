/**
 * Follow-up actions: created from a response, a minute or a recommendation,
 * tracked to completion (with closure evidence) or cancellation. An action is
 * visible to whoever may see what it came from: its question, its minute, or
 * (public) its inspection recommendation.
 */
import { and, asc, eq, exists, gte, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import {
  actionPriorities,
  actions,
  actionUpdates,
  agendaItems,
  auditLog,
  bodies,
  inspections,
  meetings,
  minutes,
  organisations,
  people,
  priorities,
  questions,
  recommendations,
  users,
} from "../../db/schema";
import { db, type Executor } from "../db.server";
import { formatDate, isoDay } from "../rules/dates.server";
import {
  checkCancelAction,
  checkCompleteAction,
  checkProgressNote,
  checkStartAction,
  type ActionState,
} from "../rules/question-transitions.server";
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  actionDaysLate,
  actionStatus,
  daysOpen,
  isActionOverdue,
  statusSql,
  type ActionSqlSource,
  type ActionStatus,
} from "../rules/status.server";
import {
  agendaItemContentVisible,
  agendaItemVisible,
  meetingVisible,
  minutesVisible,
  questionVisible,
} from "../rules/visibility.server";
import { canSeeDrafts, type Viewer } from "../rules/viewer.server";
import { parseDay } from "../utils/day-field";
import { inBatches, pageOfQuery, keysetAfter, keysetValues, orderByKeys, type SortKey } from "../utils/paging.server";
import { renderMarkdown } from "../utils/markdown.server";
import { recordAudit } from "./audit.server";
import { QuestionError, refuse, type Actor } from "./question-admin.server";
import { isUuid } from "./questions.server";

/** An action is visible when what it came from is: its question, its minute, or its (public) recommendation. */
export function actionVisible(viewer: Viewer): SQL {
  if (canSeeDrafts(viewer)) return sql`true`;
  const viaQuestion = exists(
    db()
      .select({ one: sql`1` })
      .from(questions)
      .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(and(eq(questions.id, actions.questionId), questionVisible(viewer))),
  );
  const viaMinute = exists(
    db()
      .select({ one: sql`1` })
      .from(minutes)
      .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(
        and(
          eq(minutes.id, actions.minuteId),
          meetingVisible(viewer),
          agendaItemVisible(viewer),
          agendaItemContentVisible(viewer),
          minutesVisible(viewer),
        ),
      ),
  );
  return or(
    and(isNotNull(actions.questionId), viaQuestion),
    and(isNull(actions.questionId), isNotNull(actions.minuteId), viaMinute),
    and(isNull(actions.questionId), isNull(actions.minuteId), isNotNull(actions.recommendationId)),
  )!;
}

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
function validDay(v: string | null): string | undefined {
  return v ? (parseDay(v) ?? undefined) : undefined;
}

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
    recommendation: isUuid(rec) ? rec : undefined,
    overdue: params.get("overdue") === "yes" ? true : undefined,
    from: validDay(params.get("from")),
    to: validDay(params.get("to")),
    sort: sort && sort in ACTION_SORTS ? (sort as ActionSort) : undefined,
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
      questionId: actions.questionId,
      minuteId: actions.minuteId,
      recommendationId: actions.recommendationId,
      organisation: organisations.name,
      owner: people.name,
      status: sql<ActionStatus>`${status}`,
      overdue: sql<boolean>`${statusSql.actionOverdue(src, today)}`,
      daysLate: sql<number>`${statusSql.actionDaysLate(src, today)}`,
      daysOpen: sql<number>`${statusSql.actionDaysOpen(src, today)}`,
      keys: keysetValues(keys),
    })
    .from(actions)
    .innerJoin(organisations, eq(organisations.id, actions.owningOrganisationId))
    .leftJoin(people, eq(people.id, actions.ownerId))
    .where(
      and(
        actionVisible(viewer),
        options.owningOrganisationId ? eq(actions.owningOrganisationId, options.owningOrganisationId) : undefined,
        f.organisation ? eq(organisations.slug, f.organisation) : undefined,
        f.recommendation ? eq(actions.recommendationId, f.recommendation) : undefined,
        f.priority
          ? sql`(exists (select 1 from ${actionPriorities} ap join ${priorities} p on p.id = ap.priority_id where ap.action_id = ${actions.id} and p.slug = ${f.priority})
          or exists (select 1 from question_priorities qp join ${priorities} p on p.id = qp.priority_id where qp.question_id = ${actions.questionId} and p.slug = ${f.priority}))`
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

/** What every view of an action names: the register's row and the action's page. */
function actionHeading(a: { id: string; reference: string | null; description: string; dueOn: string; organisation: string; owner: string | null }) {
  return { id: a.id, reference: a.reference, description: a.description, dueOn: a.dueOn, due: formatDate(a.dueOn), organisation: a.organisation, owner: a.owner };
}

function actionListRow(a: ActionQueryRow) {
  return {
    ...actionHeading(a),
    questionId: a.questionId,
    source: a.questionId ? "Question" : a.minuteId ? "Minute" : a.recommendationId ? "Recommendation" : "",
    status: a.status,
    statusLabel: ACTION_STATUS_LABELS[a.status],
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

export async function actionState(executor: Executor, id: string): Promise<(ActionState & { id: string; description: string }) | null> {
  if (!isUuid(id)) return null;
  const [a] = await executor.select().from(actions).where(eq(actions.id, id));
  return a ?? null;
}

export async function getAction(viewer: Viewer, id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [a] = await db()
    .select({
      id: actions.id,
      reference: actions.reference,
      description: actions.description,
      dueOn: actions.dueOn,
      createdAt: actions.createdAt,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      closureEvidence: actions.closureEvidence,
      cancelledAt: actions.cancelledAt,
      cancellationReason: actions.cancellationReason,
      questionId: actions.questionId,
      minuteId: actions.minuteId,
      recommendationId: actions.recommendationId,
      owningOrganisationId: actions.owningOrganisationId,
      ownerId: actions.ownerId,
      organisation: organisations.name,
      owner: people.name,
    })
    .from(actions)
    .innerJoin(organisations, eq(organisations.id, actions.owningOrganisationId))
    .leftJoin(people, eq(people.id, actions.ownerId))
    .where(and(eq(actions.id, id), actionVisible(viewer)));
  if (!a) return null;
  const notes = await db()
    .select({ id: actionUpdates.id, note: actionUpdates.note, createdAt: actionUpdates.createdAt, who: users.name })
    .from(actionUpdates)
    .leftJoin(users, eq(users.id, actionUpdates.authorId))
    .where(eq(actionUpdates.actionId, id))
    .orderBy(asc(actionUpdates.createdAt));
  const trail = await db()
    .select({ action: auditLog.action, who: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.entityType, "action"), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.id));
  const by = (action: string) => trail.find((t) => t.action === action)?.who ?? null;
  const [question] = a.questionId
    ? await db().select({ id: questions.id, text: questions.text }).from(questions).where(eq(questions.id, a.questionId))
    : [];
  const [recommendation] = a.recommendationId
    ? await db()
        .select({ reference: recommendations.reference, text: recommendations.text, inspectionSlug: inspections.slug, inspection: inspections.title })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
        .where(eq(recommendations.id, a.recommendationId))
    : [];
  const [minute] = a.minuteId
    ? await db()
        .select({ agendaItemId: agendaItems.id, title: agendaItems.title, meeting: meetings.title, body: bodies.name })
        .from(minutes)
        .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(eq(minutes.id, a.minuteId))
    : [];
  const status = actionStatus(a);
  const dt = (d: Date) => ({ at: d.toISOString(), date: formatDate(d) });
  const timeline = [
    { ...dt(a.createdAt), label: `Action agreed, due ${formatDate(a.dueOn)}`, who: by("create"), html: undefined as string | undefined },
    ...(a.startedAt ? [{ ...dt(a.startedAt), label: "Started", who: by("start"), html: undefined }] : []),
    ...notes.map((n) => ({ ...dt(n.createdAt), label: "Progress", who: n.who, html: renderMarkdown(n.note) })),
    ...(a.completedAt ? [{ ...dt(a.completedAt), label: "Completed", who: by("complete"), html: renderMarkdown(a.closureEvidence ?? "") }] : []),
    ...(a.cancelledAt ? [{ ...dt(a.cancelledAt), label: "Cancelled", who: by("cancel"), html: renderMarkdown(a.cancellationReason ?? "") }] : []),
  ].sort((x, y) => x.at.localeCompare(y.at));
  return {
    ...actionHeading(a),
    status,
    statusLabel: ACTION_STATUS_LABELS[status],
    overdue: isActionOverdue(a, now),
    daysLate: actionDaysLate(a, now),
    daysOpen: daysOpen(a.createdAt.toISOString().slice(0, 10), a.completedAt ?? a.cancelledAt, now),
    closureEvidenceHtml: a.closureEvidence ? renderMarkdown(a.closureEvidence) : null,
    cancellationReason: a.cancellationReason,
    question: question ?? null,
    recommendation: recommendation ?? null,
    minute: minute ?? null,
    timeline,
  };
}

// ---------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------

async function loadAction(tx: Executor, id: string) {
  const a = await actionState(tx, id);
  if (!a) throw new QuestionError("Action not found", "form", 404);
  return a;
}

const audit = (tx: Executor, actor: Actor, entry: { action: string; entityId: string; before?: unknown; after?: unknown }) =>
  recordAudit(tx, { userId: actor.viewer.userId, ipAddress: actor.ipAddress, entityType: "action", ...entry });

export async function startAction(actor: Actor, id: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkStartAction(actor.viewer, a), "start");
    await tx.update(actions).set({ startedAt: now, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, { action: "start", entityId: id, before: { startedAt: null }, after: { startedAt: now } });
  });
}

export async function addProgressNote(actor: Actor, id: string, note: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkProgressNote(actor.viewer, a), "note");
    if (!note.trim()) throw new QuestionError("Enter the progress note", "note");
    const [row] = await tx.insert(actionUpdates).values({ actionId: id, note, authorId: actor.viewer.userId, createdAt: now }).returning();
    await audit(tx, actor, { action: "update", entityId: id, after: { progressNoteId: row.id, note } });
  });
}

export async function completeAction(actor: Actor, id: string, evidence: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkCompleteAction(actor.viewer, a, evidence), "closureEvidence");
    await tx.update(actions).set({ completedAt: now, closureEvidence: evidence, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, { action: "complete", entityId: id, before: { completedAt: null }, after: { completedAt: now, closureEvidence: evidence } });
  });
}

export async function cancelAction(actor: Actor, id: string, reason: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkCancelAction(actor.viewer, a, reason), "cancellationReason");
    await tx.update(actions).set({ cancelledAt: now, cancellationReason: reason, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, { action: "cancel", entityId: id, before: { cancelledAt: null }, after: { cancelledAt: now, cancellationReason: reason } });
  });
}

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


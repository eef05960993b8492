/**
 * Follow-up actions: created from a response, a minute or a recommendation,
 * tracked to completion (with closure evidence) or cancellation. An action is
 * visible to whoever may see what it came from: its question, its minute, or
 * (public) its inspection recommendation.
 */
import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import {
  actionCancellationRequests,
  actionPriorities,
  actions,
  actionUpdates,
  agendaItems,
  auditLog,
  bodies,
  documentFiles,
  documents,
  inspections,
  meetings,
  minutes,
  organisations,
  people,
  priorities,
  questions,
  recommendations,
  users,
} from "../../../db/schema";
import { db, type Executor } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import {
  checkCancelAction,
  checkCompleteAction,
  checkCreateAction,
  checkDecideCancellation,
  checkRequestCancellation,
  checkProgressNote,
  checkStartAction,
  type ActionState,
  type NewActionOrigin,
} from "../../rules/question-transitions.server";
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
} from "../../rules/status.server";
import { actionVisible, agendaItemTitleSeen, agendaItemVisible, documentVisible, minuteVisible, questionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { parseDay } from "../../utils/day-field";
import { inBatches, pageOfQuery, keysetAfter, keysetValues, orderByKeys, type SortKey } from "../../utils/paging.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { recordAudit } from "../records";
import { createEvidenceDocument, fileTypeLabel, formatBytes } from "../meetings";
import { insertAction, QuestionError, refuse, type Actor } from "./question-changes.server";
import { cancellationRequestsFor, cancellationTimeline } from "./action-cancellations.server";
import { isUuid } from "./questions.server";
import { filterText, recommendationCondition } from "./register-filters.server";

// ---------------------------------------------------------------------------
// Where an action came from: a question (its response), a minute, a recommendation
// ---------------------------------------------------------------------------

export type ActionOriginKind = "question" | "minute" | "recommendation";
export const ACTION_ORIGIN_LABELS: Record<ActionOriginKind, string> = { question: "Question", minute: "Minute", recommendation: "Recommendation" };

/**
 * Columns naming an action's origin in a query over `actions`, each as the
 * viewer may see it (app/rules/visibility.server.ts): an action can be seen
 * where its origin cannot (an officer sees every action their organisation
 * owns), so a question's text is null where the viewer may not see the
 * question, and a minute's item is named by the title the viewer may see (an
 * exempt item's public title), null where they may not see the item.
 */
export function actionOriginColumns(viewer: Viewer) {
  const minuteItem = (column: SQL) => sql<string | null>`(select ${column} from ${minutes}
    join ${agendaItems} on ${agendaItems.id} = ${minutes.agendaItemId}
    join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
    where ${minutes.id} = ${actions.minuteId})`;
  return {
    questionId: actions.questionId,
    minuteId: actions.minuteId,
    recommendationId: actions.recommendationId,
    questionText: sql<string | null>`(select ${questions.text} from ${questions}
      join ${agendaItems} on ${agendaItems.id} = ${questions.agendaItemId}
      join ${meetings} on ${meetings.id} = ${agendaItems.meetingId}
      where ${questions.id} = ${actions.questionId} and ${questionVisible(viewer)})`,
    minuteItemId: sql<string | null>`(select m.agenda_item_id from ${minutes} m where m.id = ${actions.minuteId})`,
    minuteItemTitle: minuteItem(agendaItemTitleSeen(viewer)),
    minuteMeeting: minuteItem(sql`case when ${agendaItemVisible(viewer)} then ${meetings.title} end`),
    recommendationReference: sql<string | null>`(select r.reference from ${recommendations} r where r.id = ${actions.recommendationId})`,
    recommendationInspection: sql<string | null>`(select i.title from ${recommendations} r join ${inspections} i on i.id = r.inspection_id where r.id = ${actions.recommendationId})`,
  };
}

interface OriginFacts {
  questionId: string | null;
  minuteId: string | null;
  recommendationId: string | null;
  questionText: string | null;
  minuteItemId: string | null;
  minuteItemTitle: string | null;
  minuteMeeting: string | null;
  recommendationReference: string | null;
  recommendationInspection: string | null;
}

function clip(text: string, max = 100) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The record an action came from, as a label and a link: its question, else its
 * minute, else its recommendation; named only as far as the viewer may see it
 * (`actionOriginColumns`).
 */
export function actionOrigin(o: OriginFacts): { kind: ActionOriginKind; label: string; href: string } | null {
  if (o.questionId) {
    return { kind: "question", label: o.questionText === null ? "Question (not public)" : `Question: ${clip(o.questionText)}`, href: `/questions/${o.questionId}` };
  }
  if (o.minuteId) {
    const label = o.minuteItemTitle === null ? "Minute (not yet published)" : `Minute: ${o.minuteItemTitle} (${o.minuteMeeting ?? ""})`;
    return { kind: "minute", label, href: `/agenda-items/${o.minuteItemId}#minutes-heading` };
  }
  if (o.recommendationId) {
    return { kind: "recommendation", label: `Recommendation ${o.recommendationReference ?? ""} (${o.recommendationInspection ?? ""})`, href: `/recommendations/${o.recommendationId}` };
  }
  return null;
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
    recommendation: filterText(rec),
    overdue: params.get("overdue") === "yes" ? true : undefined,
    from: validDay(params.get("from")),
    to: validDay(params.get("to")),
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
        f.recommendation ? recommendationCondition(f.recommendation, (ids) => sql`${actions.recommendationId} = ${ids}`) : undefined,
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

/** Where a listed action came from, as a label for the register's column and a link. */
function originOf(a: OriginFacts) {
  const origin = actionOrigin(a);
  return { source: origin ? ACTION_ORIGIN_LABELS[origin.kind] : "", origin };
}

/** What every view of an action names: the register's row and the action's page. */
function actionHeading(a: { id: string; reference: string | null; description: string; dueOn: string; organisation: string; owner: string | null }) {
  return { id: a.id, reference: a.reference, description: a.description, dueOn: a.dueOn, due: formatDate(a.dueOn), organisation: a.organisation, owner: a.owner };
}

function actionListRow(a: ActionQueryRow) {
  return {
    ...actionHeading(a),
    questionId: a.questionId,
    ...originOf(a),
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
      ...actionOriginColumns(viewer),
      evidenceDocumentId: actions.closureEvidenceDocumentId,
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
  // The question and the minute as the viewer may see them (an officer sees every action their organisation owns).
  const [question] = a.questionId
    ? await db()
        .select({ id: questions.id, text: questions.text })
        .from(questions)
        .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(questions.id, a.questionId), questionVisible(viewer)))
    : [];
  const [recommendation] = a.recommendationId
    ? await db()
        .select({ id: recommendations.id, reference: recommendations.reference, text: recommendations.text, inspectionSlug: inspections.slug, inspection: inspections.title })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
        .where(eq(recommendations.id, a.recommendationId))
    : [];
  const [minute] = a.minuteId
    ? await db()
        .select({ agendaItemId: agendaItems.id, title: sql<string>`${agendaItemTitleSeen(viewer)}`, meeting: meetings.title, meetingSlug: meetings.slug, body: bodies.name })
        .from(minutes)
        .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(eq(minutes.id, a.minuteId), agendaItemVisible(viewer)))
    : [];
  // The closure evidence document's current file (seen with the action: app/rules/visibility.server.ts).
  const [evidenceFile] = a.evidenceDocumentId
    ? await db()
        .select({ id: documentFiles.id, fileName: documentFiles.fileName, mediaType: documentFiles.mediaType, byteSize: documentFiles.byteSize, slug: documents.slug })
        .from(documentFiles)
        .innerJoin(documents, eq(documents.id, documentFiles.documentId))
        .where(and(eq(documentFiles.documentId, a.evidenceDocumentId), isNull(documentFiles.supersededAt), documentVisible(viewer)))
    : [];
  const status = actionStatus(a);
  const dt = (d: Date) => ({ at: d.toISOString(), date: formatDate(d) });
  const timeline = [
    { ...dt(a.createdAt), label: `Action agreed, due ${formatDate(a.dueOn)}`, who: by("create"), html: undefined as string | undefined },
    ...(a.startedAt ? [{ ...dt(a.startedAt), label: "Started", who: by("start"), html: undefined }] : []),
    ...notes.map((n) => ({ ...dt(n.createdAt), label: "Progress", who: n.who, html: renderMarkdown(n.note) })),
    ...(a.completedAt ? [{ ...dt(a.completedAt), label: "Completed", who: by("complete"), html: renderMarkdown(a.closureEvidence ?? "") }] : []),
    ...(a.cancelledAt ? [{ ...dt(a.cancelledAt), label: "Cancelled", who: by("cancel"), html: renderMarkdown(a.cancellationReason ?? "") }] : []),
    ...cancellationTimeline(await cancellationRequestsFor([a.id])),
  ].sort((x, y) => x.at.localeCompare(y.at));
  return {
    ...actionHeading(a),
    status,
    statusLabel: ACTION_STATUS_LABELS[status],
    overdue: isActionOverdue(a, now),
    daysLate: actionDaysLate(a, now),
    daysOpen: daysOpen(a.createdAt.toISOString().slice(0, 10), a.completedAt ?? a.cancelledAt, now),
    closureEvidenceHtml: a.closureEvidence ? renderMarkdown(a.closureEvidence) : null,
    evidenceFile: evidenceFile
      ? { id: evidenceFile.id, fileName: evidenceFile.fileName, type: fileTypeLabel(evidenceFile.mediaType), size: formatBytes(evidenceFile.byteSize), documentSlug: evidenceFile.slug }
      : null,
    origin: actionOrigin(a),
    owningOrganisationId: a.owningOrganisationId,
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

/**
 * Completes an action with its closure evidence: text, an uploaded document, or
 * both (checked as every upload is: type by content, at most 20 MB). The
 * document is stored in the same transaction; nothing is kept if anything fails.
 */
export async function completeAction(actor: Actor, id: string, evidence: string, file: { name: string; bytes: Uint8Array } | null = null) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkCompleteAction(actor.viewer, a, evidence, file !== null), "closureEvidence");
    const stored = file
      ? await createEvidenceDocument(tx, { userId: actor.viewer.userId, ipAddress: actor.ipAddress }, {
          title: `Closure evidence: ${clip(a.description, 80)}`,
          organisationId: a.owningOrganisationId,
          file,
          field: "evidenceFile",
          now,
        })
      : null;
    const documentId = stored?.document.id ?? null;
    await tx.update(actions).set({ completedAt: now, closureEvidence: evidence, closureEvidenceDocumentId: documentId, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, {
      action: "complete",
      entityId: id,
      before: { completedAt: null },
      after: { completedAt: now, closureEvidence: evidence, closureEvidenceDocumentId: documentId },
    });
  });
}

// ---------------------------------------------------------------------------
// New actions from a minute or a recommendation
// ---------------------------------------------------------------------------

export type NewActionOriginRef = { kind: "minute" | "recommendation"; id: string };

/** `?minute=<id>` or `?recommendation=<id>` (exactly one), or null. */
export function parseNewActionOrigin(params: URLSearchParams): NewActionOriginRef | null {
  const minute = params.get("minute");
  const recommendation = params.get("recommendation");
  if (minute && !recommendation) return { kind: "minute", id: minute };
  if (recommendation && !minute) return { kind: "recommendation", id: recommendation };
  return null;
}

/**
 * The minute or recommendation a new action is to come from, or null (a 404)
 * when there is none or the viewer may not see it: a draft or exempt minute is
 * as unknown to an officer as a missing one, so the 403 of `checkCreateAction`
 * (the caller's) is only for a record the viewer may read. Recommendations are
 * public (inspections are).
 */
export async function newActionOrigin(executor: Executor, viewer: Viewer, ref: NewActionOriginRef) {
  if (!isUuid(ref.id)) return null;
  if (ref.kind === "minute") {
    const [m] = await executor
      .select({
        itemId: agendaItems.id,
        title: agendaItems.title,
        meeting: meetings.title,
        startsAt: meetings.startsAt,
        leadOrganisationId: people.organisationId,
      })
      .from(minutes)
      .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .leftJoin(people, eq(people.id, agendaItems.leadOfficerId))
      .where(and(eq(minutes.id, ref.id), minuteVisible(viewer)));
    if (!m) return null;
    return {
      ...ref,
      check: { kind: "minute" } as NewActionOrigin,
      label: `the minute of “${m.title}”, ${m.meeting} (${formatDate(m.startsAt)})`,
      href: `/clerk/items/${m.itemId}/minute`,
      defaultOrganisationId: m.leadOrganisationId ?? null,
    };
  }
  const [r] = await executor
    .select({ reference: recommendations.reference, text: recommendations.text, inspection: inspections.title, organisationId: inspections.organisationId })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(eq(recommendations.id, ref.id));
  if (!r) return null;
  return {
    ...ref,
    check: { kind: "recommendation", inspectedOrganisationId: r.organisationId } as NewActionOrigin,
    label: `recommendation ${r.reference} of ${r.inspection}: ${clip(r.text, 160)}`,
    href: `/recommendations/${ref.id}`,
    defaultOrganisationId: r.organisationId,
  };
}

/** The choices on the new-action form: organisations (an officer only their own), their people, priorities. */
export async function newActionChoices(viewer: Viewer) {
  const own = viewer.kind === "user" && viewer.role === "officer" ? viewer.organisationId : null;
  const orgs = await db()
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(own ? eq(organisations.id, own) : undefined)
    .orderBy(asc(organisations.name));
  const staff = await db()
    .select({ id: people.id, name: people.name, organisation: organisations.name })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(own ? eq(people.organisationId, own) : undefined)
    .orderBy(asc(organisations.name), asc(people.name));
  const prios = await db().select({ id: priorities.id, title: priorities.title }).from(priorities).orderBy(asc(priorities.position));
  return {
    organisations: orgs.map((o) => ({ value: o.id, label: o.name })),
    people: staff.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation})` })),
    priorities: prios.map((p) => ({ value: p.id, label: p.title })),
  };
}

export interface NewActionInput {
  origin: NewActionOriginRef;
  description: string;
  dueOn: string;
  owningOrganisationId: string;
  ownerId: string | null;
  priorityIds: string[];
}

/**
 * Creates an action from a minute or a recommendation: one transaction, with
 * the audit log and the owner's e-mail. Refused with a message beside the field:
 * a due date before today, an unknown organisation, an owner who is not in the
 * owning organisation, an unknown priority.
 */
export async function createAction(actor: Actor, input: NewActionInput) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const origin = await newActionOrigin(tx, actor.viewer, input.origin);
    if (!origin) throw new QuestionError("The minute or recommendation was not found", "form", 404);
    refuse(checkCreateAction(actor.viewer, origin.check, null), "form");
    if (!input.description.trim()) throw new QuestionError("Describe the action", "description");
    if (input.dueOn < isoDay(now)) throw new QuestionError("The due date must be today or later", "dueOn");
    const [org] = isUuid(input.owningOrganisationId)
      ? await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.owningOrganisationId))
      : [];
    if (!org) throw new QuestionError("Select the owning organisation from the list", "owningOrganisationId");
    refuse(checkCreateAction(actor.viewer, origin.check, org.id), "owningOrganisationId");
    if (input.ownerId) {
      const [owner] = isUuid(input.ownerId) ? await tx.select({ organisationId: people.organisationId }).from(people).where(eq(people.id, input.ownerId)) : [];
      if (!owner) throw new QuestionError("Select the owner from the list", "ownerId");
      if (owner.organisationId !== org.id) throw new QuestionError("The owner must work for the owning organisation", "ownerId");
    }
    const priorityIds = [...new Set(input.priorityIds)];
    if (priorityIds.length) {
      const found = priorityIds.every(isUuid) ? await tx.select({ id: priorities.id }).from(priorities).where(inArray(priorities.id, priorityIds)) : [];
      if (found.length !== priorityIds.length) throw new QuestionError("Select priorities from the list", "priorityIds");
    }
    const row = await insertAction(tx, actor, {
      description: input.description,
      dueOn: input.dueOn,
      ownerId: input.ownerId,
      owningOrganisationId: org.id,
      minuteId: input.origin.kind === "minute" ? input.origin.id : null,
      recommendationId: input.origin.kind === "recommendation" ? input.origin.id : null,
    });
    for (const priorityId of priorityIds) {
      await tx.insert(actionPriorities).values({ actionId: row.id, priorityId });
      await recordAudit(tx, {
        userId: actor.viewer.userId,
        ipAddress: actor.ipAddress,
        action: "create",
        entityType: "link",
        entityId: row.id,
        after: { source: `action:${row.id}`, target: `priority:${priorityId}` },
      });
    }
    return row;
  });
}

export async function cancelAction(actor: Actor, id: string, reason: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    refuse(checkCancelAction(actor.viewer, a, reason), "cancellationReason");
    // A clerk cancelling while a request waits answers the request too.
    await tx
      .update(actionCancellationRequests)
      .set({ decision: "confirmed", decidedById: actor.viewer.userId, decidedAt: now })
      .where(and(eq(actionCancellationRequests.actionId, id), isNull(actionCancellationRequests.decidedAt)));
    await tx.update(actions).set({ cancelledAt: now, cancellationReason: reason, updatedAt: now }).where(eq(actions.id, id));
    await audit(tx, actor, { action: "cancel", entityId: id, before: { cancelledAt: null }, after: { cancelledAt: now, cancellationReason: reason } });
  });
}

// ---------------------------------------------------------------------------
// Cancelling an action the board agreed in a minute: a request the clerk
// confirms or refuses (docs/decisions/014-cancelling-a-board-agreed-action.md)
// ---------------------------------------------------------------------------

async function pendingCancellation(tx: Executor, actionId: string) {
  const [row] = await tx
    .select()
    .from(actionCancellationRequests)
    .where(and(eq(actionCancellationRequests.actionId, actionId), isNull(actionCancellationRequests.decidedAt)))
    .for("update");
  return row ?? null;
}

/** The owning organisation asks the clerk to cancel a board-agreed action; the action stays open meanwhile. */
export async function requestCancellation(actor: Actor, id: string, reason: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    await tx.select({ id: actions.id }).from(actions).where(eq(actions.id, id)).for("update");
    const pending = await pendingCancellation(tx, id);
    refuse(checkRequestCancellation(actor.viewer, a, reason, pending !== null), "cancellationReason");
    const [row] = await tx
      .insert(actionCancellationRequests)
      .values({ actionId: id, reason, requestedById: actor.viewer.userId, requestedAt: now })
      .returning();
    await audit(tx, actor, { action: "request_cancel", entityId: id, after: { requestId: row.id, reason } });
    return row;
  });
}

/** The clerk confirms (the action is cancelled, with the request's reason) or refuses (with a reason) a waiting request. */
export async function decideCancellation(actor: Actor, id: string, decision: "confirmed" | "refused", note: string) {
  const now = actor.now ?? new Date();
  return db().transaction(async (tx) => {
    const a = await loadAction(tx, id);
    await tx.select({ id: actions.id }).from(actions).where(eq(actions.id, id)).for("update");
    const pending = await pendingCancellation(tx, id);
    refuse(checkDecideCancellation(actor.viewer, a, decision, note, pending !== null), "decisionNote");
    const request = pending!;
    await tx
      .update(actionCancellationRequests)
      .set({ decision, decisionNote: note.trim() || null, decidedById: actor.viewer.userId, decidedAt: now })
      .where(eq(actionCancellationRequests.id, request.id));
    if (decision === "confirmed") {
      const reason = note.trim() ? `${request.reason}\n\n${note.trim()}` : request.reason;
      await tx.update(actions).set({ cancelledAt: now, cancellationReason: reason, updatedAt: now }).where(eq(actions.id, id));
      await audit(tx, actor, {
        action: "cancel",
        entityId: id,
        before: { cancelledAt: null },
        after: { cancelledAt: now, cancellationReason: reason, requestId: request.id },
      });
    } else {
      await audit(tx, actor, { action: "refuse_cancel", entityId: id, after: { requestId: request.id, note: note.trim() } });
    }
  });
}

/** Requests waiting for the clerk, oldest first (the clerk's dashboard). */
export async function waitingCancellationRequests() {
  return db()
    .select({
      actionId: actions.id,
      reference: actions.reference,
      description: actions.description,
      organisation: organisations.name,
      reason: actionCancellationRequests.reason,
      requestedAt: actionCancellationRequests.requestedAt,
      requestedBy: users.name,
    })
    .from(actionCancellationRequests)
    .innerJoin(actions, eq(actions.id, actionCancellationRequests.actionId))
    .innerJoin(organisations, eq(organisations.id, actions.owningOrganisationId))
    .leftJoin(users, eq(users.id, actionCancellationRequests.requestedById))
    .where(isNull(actionCancellationRequests.decidedAt))
    .orderBy(asc(actionCancellationRequests.requestedAt));
}

/** Whether a request to cancel the action waits for the clerk. */
export async function hasPendingCancellation(id: string) {
  if (!isUuid(id)) return false;
  const [row] = await db()
    .select({ id: actionCancellationRequests.id })
    .from(actionCancellationRequests)
    .where(and(eq(actionCancellationRequests.actionId, id), isNull(actionCancellationRequests.decidedAt)));
  return Boolean(row);
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


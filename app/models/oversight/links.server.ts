/**
 * Links from agenda items (and their minutes), questions, actions,
 * recommendations and documents to strategic priorities and inspection
 * recommendations, made by clerks from either end, and the trail helpers the
 * priority, recommendation and report pages share.
 *
 * A link is refused with a clear message when it would link a record to itself,
 * when it already exists, or when the pair cannot be linked.
 */
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import {
  actionPriorities,
  actions,
  agendaItemPriorities,
  agendaItemRecommendations,
  agendaItems,
  documentPriorities,
  documents,
  inspections,
  meetings,
  minutes,
  priorities,
  questionPriorities,
  questionRecommendations,
  questions,
  recommendationPriorities,
  recommendations,
  responses,
} from "../../../db/schema";
import { db, type Executor } from "../../db.server";
import { isQuestionOverdue, questionStatus, type QuestionFacts } from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import {
  actionVisible,
  agendaItemContentVisible,
  agendaItemVisible,
  documentVisible,
  meetingVisible,
  minutesVisible,
  questionVisible,
} from "../../rules/visibility.server";
import { recordAudit } from "../records";
import { isUuid } from "../../utils/uuid";

export const SOURCE_TYPES = ["agenda_item", "minute", "question", "action", "recommendation", "document"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export const TARGET_TYPES = ["priority", "recommendation"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];
export type RecordType = SourceType | TargetType;

export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  agenda_item: "Agenda item",
  minute: "Minute",
  question: "Question",
  action: "Action",
  recommendation: "Recommendation",
  document: "Document",
  priority: "Priority",
};

export interface RecordRef {
  type: RecordType;
  id: string;
}

export { isUuid };

/** "question:<uuid>" to a reference, or null when malformed. */
export function parseRef(value: string | null | undefined): RecordRef | null {
  if (!value) return null;
  const [type, id] = value.split(":");
  if (!id || !isUuid(id)) return null;
  if (!(SOURCE_TYPES as readonly string[]).includes(type) && !(TARGET_TYPES as readonly string[]).includes(type)) return null;
  return { type: type as RecordType, id: id.toLowerCase() };
}

export function refString(ref: RecordRef): string {
  return `${ref.type}:${ref.id}`;
}

export class LinkError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Use in a query that joins agenda_items and meetings: an item the viewer sees in full. */
export function itemSeen(viewer: Viewer): SQL {
  return and(meetingVisible(viewer), agendaItemVisible(viewer), agendaItemContentVisible(viewer))!;
}

// ---------------------------------------------------------------------------
// Describing records
// ---------------------------------------------------------------------------

export interface RecordSummary {
  type: RecordType;
  id: string;
  label: string;
  href: string;
}

function clip(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A record as the viewer may see it, or null when missing or hidden. */
export async function describeRecord(viewer: Viewer, ref: RecordRef, executor: Executor = db()): Promise<RecordSummary | null> {
  switch (ref.type) {
    case "priority": {
      const [p] = await executor.select({ slug: priorities.slug, title: priorities.title }).from(priorities).where(eq(priorities.id, ref.id));
      return p ? { ...ref, label: p.title, href: `/priorities/${p.slug}` } : null;
    }
    case "recommendation": {
      const [r] = await executor
        .select({ reference: recommendations.reference, text: recommendations.text, inspection: inspections.title })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
        .where(eq(recommendations.id, ref.id));
      return r ? { ...ref, label: `${r.reference}: ${clip(r.text)} (${r.inspection})`, href: `/recommendations/${ref.id}` } : null;
    }
    case "agenda_item": {
      const [i] = await executor
        .select({ title: agendaItems.title, meeting: meetings.title })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(agendaItems.id, ref.id), itemSeen(viewer)));
      return i ? { ...ref, label: `${i.title} (${i.meeting})`, href: `/agenda-items/${ref.id}` } : null;
    }
    case "minute": {
      const [m] = await executor
        .select({ itemId: agendaItems.id, title: agendaItems.title, meeting: meetings.title })
        .from(minutes)
        .innerJoin(agendaItems, eq(agendaItems.id, minutes.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(minutes.id, ref.id), itemSeen(viewer), minutesVisible(viewer)));
      return m ? { ...ref, label: `Minute: ${m.title} (${m.meeting})`, href: `/agenda-items/${m.itemId}` } : null;
    }
    case "question": {
      const [q] = await executor
        .select({ text: questions.text })
        .from(questions)
        .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(questions.id, ref.id), questionVisible(viewer)));
      return q ? { ...ref, label: clip(q.text), href: `/questions/${ref.id}` } : null;
    }
    case "action": {
      const [a] = await executor
        .select({ reference: actions.reference, description: actions.description })
        .from(actions)
        .where(and(eq(actions.id, ref.id), actionVisible(viewer)));
      return a ? { ...ref, label: `${a.reference ? `${a.reference}: ` : ""}${clip(a.description)}`, href: `/actions/${ref.id}` } : null;
    }
    case "document": {
      const [d] = await executor
        .select({ slug: documents.slug, title: documents.title, kind: documents.kind })
        .from(documents)
        .where(and(eq(documents.id, ref.id), documentVisible(viewer)));
      return d
        ? { ...ref, label: d.title, href: d.kind === "annual_review" ? `/annual-reviews/${d.slug}` : `/documents/${d.slug}` }
        : null;
    }
  }
}

// ---------------------------------------------------------------------------
// Which table holds a link
// ---------------------------------------------------------------------------

type Pair = { source: RecordRef; target: RecordRef };

/** The agenda item a minute belongs to (links of a minute are its item's). */
async function normalise(executor: Executor, ref: RecordRef): Promise<RecordRef> {
  if (ref.type !== "minute") return ref;
  const [m] = await executor.select({ itemId: minutes.agendaItemId }).from(minutes).where(eq(minutes.id, ref.id));
  if (!m) throw new LinkError("source", "The minute no longer exists");
  return { type: "agenda_item", id: m.itemId };
}

async function linkExists(executor: Executor, { source, target }: Pair): Promise<boolean> {
  const one = async (q: Promise<unknown[]>) => (await q).length > 0;
  const s = source.id;
  const t = target.id;
  if (target.type === "priority") {
    switch (source.type) {
      case "agenda_item":
        return one(executor.select().from(agendaItemPriorities).where(and(eq(agendaItemPriorities.agendaItemId, s), eq(agendaItemPriorities.priorityId, t))));
      case "question":
        return one(executor.select().from(questionPriorities).where(and(eq(questionPriorities.questionId, s), eq(questionPriorities.priorityId, t))));
      case "action":
        return one(executor.select().from(actionPriorities).where(and(eq(actionPriorities.actionId, s), eq(actionPriorities.priorityId, t))));
      case "recommendation":
        return one(executor.select().from(recommendationPriorities).where(and(eq(recommendationPriorities.recommendationId, s), eq(recommendationPriorities.priorityId, t))));
      case "document":
        return one(executor.select().from(documentPriorities).where(and(eq(documentPriorities.documentId, s), eq(documentPriorities.priorityId, t))));
    }
  } else {
    switch (source.type) {
      case "agenda_item":
        return one(executor.select().from(agendaItemRecommendations).where(and(eq(agendaItemRecommendations.agendaItemId, s), eq(agendaItemRecommendations.recommendationId, t))));
      case "question":
        return one(executor.select().from(questionRecommendations).where(and(eq(questionRecommendations.questionId, s), eq(questionRecommendations.recommendationId, t))));
      case "action":
        return one(executor.select({ id: actions.id }).from(actions).where(and(eq(actions.id, s), eq(actions.recommendationId, t))));
    }
  }
  return false;
}

/** Checks a pair can be linked: both exist, not the same record, the kinds fit. */
async function checkPair(executor: Executor, viewer: Viewer, raw: Pair): Promise<Pair> {
  if (raw.source.type === raw.target.type && raw.source.id === raw.target.id) {
    throw new LinkError("target", "A record cannot be linked to itself");
  }
  if (!(TARGET_TYPES as readonly string[]).includes(raw.target.type)) {
    throw new LinkError("target", "Records are linked to a priority or a recommendation");
  }
  const source = await normalise(executor, raw.source);
  const target = raw.target;
  if (source.type === "priority") throw new LinkError("target", "A priority cannot be linked to another priority or recommendation");
  if (source.type === "recommendation" && target.type === "recommendation") {
    throw new LinkError("target", "A recommendation cannot be linked to another recommendation: link it to a priority");
  }
  if (source.type === "document" && target.type !== "priority") {
    throw new LinkError("target", "A document can only be linked to a priority");
  }
  const [s, t] = await Promise.all([describeRecord(viewer, source, executor), describeRecord(viewer, target, executor)]);
  if (!s) throw new LinkError("source", `The ${RECORD_TYPE_LABELS[source.type].toLowerCase()} no longer exists`);
  if (!t) throw new LinkError("target", `Select a ${RECORD_TYPE_LABELS[target.type].toLowerCase()} that exists`);
  return { source, target };
}

export interface Actor {
  userId: string;
  ipAddress?: string | null;
}

export async function addLink(tx: Executor, viewer: Viewer, actor: Actor, raw: Pair) {
  const pair = await checkPair(tx, viewer, raw);
  const { source, target } = pair;
  if (await linkExists(tx, pair)) {
    throw new LinkError("target", `These are already linked: a ${RECORD_TYPE_LABELS[source.type].toLowerCase()} is linked to a ${RECORD_TYPE_LABELS[target.type].toLowerCase()} only once`);
  }
  const s = source.id;
  const t = target.id;
  if (target.type === "priority") {
    switch (source.type) {
      case "agenda_item":
        await tx.insert(agendaItemPriorities).values({ agendaItemId: s, priorityId: t });
        break;
      case "question":
        await tx.insert(questionPriorities).values({ questionId: s, priorityId: t });
        break;
      case "action":
        await tx.insert(actionPriorities).values({ actionId: s, priorityId: t });
        break;
      case "recommendation":
        await tx.insert(recommendationPriorities).values({ recommendationId: s, priorityId: t });
        break;
      case "document":
        await tx.insert(documentPriorities).values({ documentId: s, priorityId: t });
        break;
    }
  } else {
    switch (source.type) {
      case "agenda_item":
        await tx.insert(agendaItemRecommendations).values({ agendaItemId: s, recommendationId: t });
        break;
      case "question":
        await tx.insert(questionRecommendations).values({ questionId: s, recommendationId: t });
        break;
      case "action": {
        // An action answers one recommendation (actions.recommendation_id).
        const [a] = await tx.select({ current: actions.recommendationId }).from(actions).where(eq(actions.id, s));
        if (a?.current) {
          throw new LinkError("target", "This action already answers another recommendation: remove that link first");
        }
        await tx.update(actions).set({ recommendationId: t, updatedAt: new Date() }).where(eq(actions.id, s));
        break;
      }
    }
  }
  await recordAudit(tx, {
    userId: actor.userId,
    action: "create",
    entityType: "link",
    entityId: s,
    before: null,
    after: { source: refString(source), target: refString(target) },
    ipAddress: actor.ipAddress ?? null,
  });
  return pair;
}

export async function removeLink(tx: Executor, viewer: Viewer, actor: Actor, raw: Pair) {
  const source = await normalise(tx, raw.source);
  const target = raw.target;
  const pair = { source, target };
  if (!(await linkExists(tx, pair))) throw new LinkError("target", "These records are not linked");
  const s = source.id;
  const t = target.id;
  if (target.type === "priority") {
    switch (source.type) {
      case "agenda_item":
        await tx.delete(agendaItemPriorities).where(and(eq(agendaItemPriorities.agendaItemId, s), eq(agendaItemPriorities.priorityId, t)));
        break;
      case "question":
        await tx.delete(questionPriorities).where(and(eq(questionPriorities.questionId, s), eq(questionPriorities.priorityId, t)));
        break;
      case "action":
        await tx.delete(actionPriorities).where(and(eq(actionPriorities.actionId, s), eq(actionPriorities.priorityId, t)));
        break;
      case "recommendation":
        await tx.delete(recommendationPriorities).where(and(eq(recommendationPriorities.recommendationId, s), eq(recommendationPriorities.priorityId, t)));
        break;
      case "document":
        await tx.delete(documentPriorities).where(and(eq(documentPriorities.documentId, s), eq(documentPriorities.priorityId, t)));
        break;
    }
  } else {
    switch (source.type) {
      case "agenda_item":
        await tx.delete(agendaItemRecommendations).where(and(eq(agendaItemRecommendations.agendaItemId, s), eq(agendaItemRecommendations.recommendationId, t)));
        break;
      case "question":
        await tx.delete(questionRecommendations).where(and(eq(questionRecommendations.questionId, s), eq(questionRecommendations.recommendationId, t)));
        break;
      case "action": {
        // An action created from the recommendation keeps it: it is where the action came from.
        const [a] = await tx.select({ questionId: actions.questionId, minuteId: actions.minuteId }).from(actions).where(eq(actions.id, s));
        if (a && !a.questionId && !a.minuteId) {
          throw new LinkError("target", "This action was created from this recommendation: the link cannot be removed");
        }
        await tx.update(actions).set({ recommendationId: null, updatedAt: new Date() }).where(eq(actions.id, s));
        break;
      }
    }
  }
  await recordAudit(tx, {
    userId: actor.userId,
    action: "delete",
    entityType: "link",
    entityId: s,
    before: { source: refString(source), target: refString(target) },
    after: null,
    ipAddress: actor.ipAddress ?? null,
  });
  void viewer;
}

// ---------------------------------------------------------------------------
// Listing a record's links, and the candidates to link it to
// ---------------------------------------------------------------------------

export interface LinkRow {
  source: RecordSummary;
  target: RecordSummary;
}

/** The links the record takes part in, from whichever end, as the viewer may see them. */
export async function listLinks(viewer: Viewer, raw: RecordRef): Promise<LinkRow[]> {
  const ref = await normalise(db(), raw).catch(() => raw);
  const pairs: Pair[] = [];
  const push = (sType: RecordType, sIds: string[], tType: RecordType, tIds: string[]) => {
    for (let i = 0; i < sIds.length; i++) pairs.push({ source: { type: sType, id: sIds[i] }, target: { type: tType, id: tIds[i] } });
  };
  const x = db();
  if (ref.type === "priority") {
    const p = ref.id;
    const a = await x.select().from(agendaItemPriorities).where(eq(agendaItemPriorities.priorityId, p));
    push("agenda_item", a.map((r) => r.agendaItemId), "priority", a.map(() => p));
    const q = await x.select().from(questionPriorities).where(eq(questionPriorities.priorityId, p));
    push("question", q.map((r) => r.questionId), "priority", q.map(() => p));
    const ac = await x.select().from(actionPriorities).where(eq(actionPriorities.priorityId, p));
    push("action", ac.map((r) => r.actionId), "priority", ac.map(() => p));
    const r = await x.select().from(recommendationPriorities).where(eq(recommendationPriorities.priorityId, p));
    push("recommendation", r.map((row) => row.recommendationId), "priority", r.map(() => p));
    const d = await x.select().from(documentPriorities).where(eq(documentPriorities.priorityId, p));
    push("document", d.map((row) => row.documentId), "priority", d.map(() => p));
  } else {
    const s = ref.id;
    const toPriorities = async (rows: { priorityId: string }[]) => push(ref.type, rows.map(() => s), "priority", rows.map((r) => r.priorityId));
    const toRecs = async (rows: { recommendationId: string | null }[]) => {
      const ids = rows.map((r) => r.recommendationId).filter((v): v is string => Boolean(v));
      push(ref.type, ids.map(() => s), "recommendation", ids);
    };
    if (ref.type === "agenda_item") {
      await toPriorities(await x.select().from(agendaItemPriorities).where(eq(agendaItemPriorities.agendaItemId, s)));
      await toRecs(await x.select().from(agendaItemRecommendations).where(eq(agendaItemRecommendations.agendaItemId, s)));
    } else if (ref.type === "question") {
      await toPriorities(await x.select().from(questionPriorities).where(eq(questionPriorities.questionId, s)));
      await toRecs(await x.select().from(questionRecommendations).where(eq(questionRecommendations.questionId, s)));
    } else if (ref.type === "action") {
      await toPriorities(await x.select().from(actionPriorities).where(eq(actionPriorities.actionId, s)));
      await toRecs(await x.select({ recommendationId: actions.recommendationId }).from(actions).where(eq(actions.id, s)));
    } else if (ref.type === "document") {
      await toPriorities(await x.select().from(documentPriorities).where(eq(documentPriorities.documentId, s)));
    } else if (ref.type === "recommendation") {
      await toPriorities(await x.select().from(recommendationPriorities).where(eq(recommendationPriorities.recommendationId, s)));
      // The recommendation as a target.
      const a = await x.select().from(agendaItemRecommendations).where(eq(agendaItemRecommendations.recommendationId, s));
      push("agenda_item", a.map((r) => r.agendaItemId), "recommendation", a.map(() => s));
      const q = await x.select().from(questionRecommendations).where(eq(questionRecommendations.recommendationId, s));
      push("question", q.map((r) => r.questionId), "recommendation", q.map(() => s));
      const ac = await x.select({ id: actions.id }).from(actions).where(eq(actions.recommendationId, s));
      push("action", ac.map((r) => r.id), "recommendation", ac.map(() => s));
    }
  }
  const rows: LinkRow[] = [];
  for (const p of pairs) {
    const [source, target] = await Promise.all([describeRecord(viewer, p.source), describeRecord(viewer, p.target)]);
    if (source && target) rows.push({ source, target });
  }
  return rows;
}

export const CANDIDATE_LIMIT = 50;

/**
 * What the record could be linked to (or, for a priority or recommendation, what
 * could be linked to it), matching `q`, at most CANDIDATE_LIMIT.
 */
export async function searchCandidates(viewer: Viewer, ref: RecordRef, q: string, kind?: RecordType): Promise<RecordSummary[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const out: RecordSummary[] = [];
  const want = (t: RecordType) => !kind || kind === t;
  const x = db();
  const asTarget = ref.type === "priority" || ref.type === "recommendation";
  const asSource = ref.type !== "priority";

  if (asSource && want("priority") && ref.type !== "priority") {
    const rows = await x
      .select({ id: priorities.id })
      .from(priorities)
      .where(q ? or(ilike(priorities.title, like), ilike(priorities.description, like)) : undefined)
      .orderBy(asc(priorities.position))
      .limit(CANDIDATE_LIMIT);
    for (const r of rows) out.push((await describeRecord(viewer, { type: "priority", id: r.id }))!);
  }
  if (asSource && want("recommendation") && ref.type !== "recommendation" && ref.type !== "document") {
    const rows = await x
      .select({ id: recommendations.id })
      .from(recommendations)
      .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
      .where(q ? or(ilike(recommendations.reference, like), ilike(recommendations.text, like), ilike(inspections.title, like)) : undefined)
      .orderBy(sql`${inspections.visitStartOn} desc nulls last`, asc(recommendations.position))
      .limit(CANDIDATE_LIMIT);
    for (const r of rows) out.push((await describeRecord(viewer, { type: "recommendation", id: r.id }))!);
  }
  if (asTarget) {
    if (want("agenda_item")) {
      const rows = await x
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(itemSeen(viewer), q ? or(ilike(agendaItems.title, like), ilike(meetings.title, like)) : undefined))
        .orderBy(sql`${meetings.startsAt} desc`)
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "agenda_item", id: r.id });
        if (d) out.push(d);
      }
    }
    if (want("question")) {
      const rows = await x
        .select({ id: questions.id })
        .from(questions)
        .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(questionVisible(viewer), q ? ilike(questions.text, like) : undefined))
        .orderBy(sql`${questions.tabledOn} desc`, asc(questions.position))
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "question", id: r.id });
        if (d) out.push(d);
      }
    }
    if (want("action")) {
      const rows = await x
        .select({ id: actions.id })
        .from(actions)
        .where(and(actionVisible(viewer), q ? or(ilike(actions.description, like), ilike(sql`coalesce(${actions.reference}, '')`, like)) : undefined))
        .orderBy(sql`${actions.createdAt} desc`)
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "action", id: r.id });
        if (d) out.push(d);
      }
    }
    if (ref.type === "priority" && want("recommendation")) {
      const rows = await x
        .select({ id: recommendations.id })
        .from(recommendations)
        .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
        .where(q ? or(ilike(recommendations.reference, like), ilike(recommendations.text, like), ilike(inspections.title, like)) : undefined)
        .orderBy(sql`${inspections.visitStartOn} desc nulls last`, asc(recommendations.position))
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) out.push((await describeRecord(viewer, { type: "recommendation", id: r.id }))!);
    }
    if (ref.type === "priority" && want("document")) {
      const rows = await x
        .select({ id: documents.id })
        .from(documents)
        .where(and(documentVisible(viewer), q ? ilike(documents.title, like) : undefined))
        .orderBy(sql`${documents.documentDate} desc nulls last`)
        .limit(CANDIDATE_LIMIT);
      for (const r of rows) {
        const d = await describeRecord(viewer, { type: "document", id: r.id });
        if (d) out.push(d);
      }
    }
  }
  return out.filter((c) => !(c.type === ref.type && c.id === ref.id)).slice(0, CANDIDATE_LIMIT);
}

// ---------------------------------------------------------------------------
// Trail helpers: questions with their status, for a list of question ids
// ---------------------------------------------------------------------------

export async function questionFacts(ids: string[]) {
  const out = new Map<string, Pick<QuestionFacts, "responseKinds" | "actions"> & { currentResponse: { kind: string; body: string; respondedAt: Date } | null }>();
  if (ids.length === 0) return out;
  const rs = await db()
    .select({ questionId: responses.questionId, id: responses.id, kind: responses.kind, supersedesId: responses.supersedesId, body: responses.body, respondedAt: responses.respondedAt })
    .from(responses)
    .where(inArray(responses.questionId, ids))
    .orderBy(asc(responses.respondedAt), asc(responses.createdAt));
  const superseded = new Set(rs.map((r) => r.supersedesId).filter(Boolean));
  const as = await db()
    .select({ questionId: actions.questionId, dueOn: actions.dueOn, startedAt: actions.startedAt, completedAt: actions.completedAt, cancelledAt: actions.cancelledAt })
    .from(actions)
    .where(inArray(actions.questionId, ids));
  for (const id of ids) {
    const current = rs.filter((r) => r.questionId === id && !superseded.has(r.id));
    const latest = current.at(-1) ?? null;
    out.set(id, {
      responseKinds: current.map((r) => r.kind),
      actions: as.filter((a) => a.questionId === id),
      currentResponse: latest ? { kind: latest.kind, body: latest.body, respondedAt: latest.respondedAt } : null,
    });
  }
  return out;
}

export function questionState(
  q: { acceptedAt: Date | null; rejectedAt: Date | null; closedAt: Date | null; dueOn: string | null },
  facts: Pick<QuestionFacts, "responseKinds" | "actions">,
  now: Date,
) {
  const f: QuestionFacts = { ...q, ...facts };
  return { status: questionStatus(f), overdue: isQuestionOverdue(f, now) };
}


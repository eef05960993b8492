/** Inspections and visits, with their recommendations. All inspection records are public. */
import { and, asc, count, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  actions,
  agendaItemRecommendations,
  agendaItems,
  documents,
  inspections,
  meetings,
  organisations,
  people,
  priorities,
  questionRecommendations,
  questions,
  recommendationPriorities,
  recommendations,
} from "../../../db/schema";
import { actionRag, isRecommendationOverdue, RAG_LABELS, recommendationRag } from "../../rules/rag.server";
import { ACTION_STATUS_LABELS, actionStatus, isActionOverdue, QUESTION_STATUS_LABELS } from "../../rules/status.server";
import { actionVisible, questionVisible } from "../../rules/visibility.server";
import type { Executor } from "../../db.server";
import { recordAudit } from "../records";
import { itemSeen, questionFacts, questionState } from "./links.server";
import { INSPECTION_KINDS } from "../../../db/schema";
import { db } from "../../db.server";
import { describeDate, formatDate } from "../../rules/dates.server";
import { RECOMMENDATION_STATUS_LABELS, recommendationStatus } from "../../rules/status.server";
import { documentVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { PAGE_SIZE } from "../../utils/http.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { isUuid } from "../../utils/uuid";

export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  full_inspection: "Full inspection",
  monitoring_visit: "Monitoring visit",
  focused_visit: "Focused visit",
  assurance_visit: "Assurance visit",
  regulatory_inspection: "Regulatory inspection",
};

const inspectorate = alias(organisations, "inspectorate");

function when(i: {
  visitStartOn: string | null;
  visitEndOn: string | null;
  datePrecision: (typeof inspections.$inferSelect)["datePrecision"];
}) {
  if (i.datePrecision === "exact" && i.visitStartOn && i.visitEndOn && i.visitEndOn !== i.visitStartOn) {
    return { text: `${formatDate(i.visitStartOn)} to ${formatDate(i.visitEndOn)}`, approximate: false };
  }
  return describeDate(i.visitStartOn, i.datePrecision);
}

export async function listInspections(_viewer: Viewer, options: { page: number }) {
  const [{ total }] = await db().select({ total: count() }).from(inspections);
  const rows = await db()
    .select({
      slug: inspections.slug,
      title: inspections.title,
      kind: inspections.kind,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      datePrecision: inspections.datePrecision,
      overallJudgement: inspections.overallJudgement,
      organisation: organisations.name,
      inspectorate: inspectorate.name,
      recommendationCount: sql<number>`(select count(*)::int from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id})`,
    })
    .from(inspections)
    .leftJoin(organisations, eq(organisations.id, inspections.organisationId))
    .leftJoin(inspectorate, eq(inspectorate.id, inspections.inspectorateId))
    .orderBy(sql`${inspections.visitStartOn} desc nulls last`, desc(inspections.publishedOn), asc(inspections.title))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);
  return {
    total,
    inspections: rows.map((r) => {
      const date = when(r);
      return {
        slug: r.slug,
        title: r.title,
        kindLabel: INSPECTION_KIND_LABELS[r.kind],
        date: date.text,
        dateApproximate: date.approximate,
        overallJudgement: r.overallJudgement,
        organisation: r.organisation,
        inspectorate: r.inspectorate,
        recommendationCount: Number(r.recommendationCount),
      };
    }),
  };
}

export async function getInspection(viewer: Viewer, slug: string, now: Date = new Date()) {
  const [i] = await db()
    .select({
      id: inspections.id,
      slug: inspections.slug,
      title: inspections.title,
      kind: inspections.kind,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      publishedOn: inspections.publishedOn,
      datePrecision: inspections.datePrecision,
      dateNote: inspections.dateNote,
      overallJudgement: inspections.overallJudgement,
      areaJudgements: inspections.areaJudgements,
      summary: inspections.summary,
      sourceNote: inspections.sourceNote,
      documentId: inspections.documentId,
      organisation: organisations.name,
      inspectorate: inspectorate.name,
    })
    .from(inspections)
    .leftJoin(organisations, eq(organisations.id, inspections.organisationId))
    .leftJoin(inspectorate, eq(inspectorate.id, inspections.inspectorateId))
    .where(eq(inspections.slug, slug));
  if (!i) return null;

  const metBy = alias(inspections, "met_by");
  const recs = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      kind: recommendations.kind,
      text: recommendations.text,
      closedAt: recommendations.closedAt,
      dueOn: recommendations.dueOn,
      metFinding: recommendations.metFinding,
      metByInspectionId: recommendations.metByInspectionId,
      metBySlug: metBy.slug,
      metByTitle: metBy.title,
    })
    .from(recommendations)
    .leftJoin(metBy, eq(metBy.id, recommendations.metByInspectionId))
    .where(eq(recommendations.inspectionId, i.id))
    .orderBy(asc(recommendations.position), asc(recommendations.reference));

  const [document] = i.documentId
    ? await db()
        .select({ slug: documents.slug, title: documents.title })
        .from(documents)
        .where(sql`${documents.id} = ${i.documentId} and ${documentVisible(viewer)}`)
    : [];

  const date = when(i);
  return {
    slug: i.slug,
    title: i.title,
    kindLabel: INSPECTION_KIND_LABELS[i.kind],
    date: date.text,
    dateApproximate: date.approximate,
    dateNote: i.dateNote,
    published: i.publishedOn ? describeDate(i.publishedOn, i.datePrecision === "exact" ? "exact" : i.datePrecision).text : null,
    overallJudgement: i.overallJudgement,
    areaJudgements: i.areaJudgements,
    summaryHtml: renderMarkdown(i.summary),
    sourceNote: i.sourceNote,
    organisation: i.organisation,
    inspectorate: i.inspectorate,
    document: document ?? null,
    id: i.id,
    recommendations: recs.map((r) => {
      const rag = recommendationRag(r, now);
      return {
        ...r,
        status: RECOMMENDATION_STATUS_LABELS[recommendationStatus(r)],
        overdue: isRecommendationOverdue(r, now),
        rag,
        ragLabel: RAG_LABELS[rag],
      };
    }),
  };
}

// ---------------------------------------------------------------------------
// A recommendation's own page: its trail
// ---------------------------------------------------------------------------

export async function getRecommendation(viewer: Viewer, id: string, now: Date = new Date()) {
  if (!isUuid(id)) return null;
  const metBy = alias(inspections, "met_by");
  const [r] = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      kind: recommendations.kind,
      text: recommendations.text,
      lead: recommendations.lead,
      dueOn: recommendations.dueOn,
      closedAt: recommendations.closedAt,
      closureEvidence: recommendations.closureEvidence,
      metFinding: recommendations.metFinding,
      metByInspectionId: recommendations.metByInspectionId,
      metBySlug: metBy.slug,
      metByTitle: metBy.title,
      inspectionId: inspections.id,
      inspectionSlug: inspections.slug,
      inspectionTitle: inspections.title,
      inspectionKind: inspections.kind,
      inspectionSourceNote: inspections.sourceNote,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      datePrecision: inspections.datePrecision,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .leftJoin(metBy, eq(metBy.id, recommendations.metByInspectionId))
    .where(eq(recommendations.id, id));
  if (!r) return null;

  const prios = await db()
    .select({ slug: priorities.slug, title: priorities.title })
    .from(recommendationPriorities)
    .innerJoin(priorities, eq(priorities.id, recommendationPriorities.priorityId))
    .where(eq(recommendationPriorities.recommendationId, id))
    .orderBy(asc(priorities.position));

  const items = await db()
    .select({ id: agendaItems.id, title: agendaItems.title, meetingSlug: meetings.slug, meetingTitle: meetings.title, startsAt: meetings.startsAt, datePrecision: meetings.datePrecision })
    .from(agendaItemRecommendations)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemRecommendations.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(agendaItemRecommendations.recommendationId, id), itemSeen(viewer)))
    .orderBy(asc(meetings.startsAt));

  const as = await db()
    .select({
      id: actions.id,
      reference: actions.reference,
      description: actions.description,
      questionId: actions.questionId,
      dueOn: actions.dueOn,
      startedAt: actions.startedAt,
      completedAt: actions.completedAt,
      cancelledAt: actions.cancelledAt,
      closureEvidence: actions.closureEvidence,
      owner: people.name,
      organisation: organisations.name,
    })
    .from(actions)
    .innerJoin(organisations, eq(organisations.id, actions.owningOrganisationId))
    .leftJoin(people, eq(people.id, actions.ownerId))
    .where(and(eq(actions.recommendationId, id), actionVisible(viewer)))
    .orderBy(asc(actions.dueOn));

  // Questions linked to the recommendation, and those that prompted its actions.
  const linkedQuestionIds = (
    await db().select({ id: questionRecommendations.questionId }).from(questionRecommendations).where(eq(questionRecommendations.recommendationId, id))
  ).map((q) => q.id);
  const promptIds = as.map((a) => a.questionId).filter((v): v is string => Boolean(v));
  const allIds = [...new Set([...linkedQuestionIds, ...promptIds])];
  const qs =
    allIds.length === 0
      ? []
      : await db()
          .select({
            id: questions.id,
            text: questions.text,
            acceptedAt: questions.acceptedAt,
            rejectedAt: questions.rejectedAt,
            closedAt: questions.closedAt,
            dueOn: questions.dueOn,
            tabledOn: questions.tabledOn,
            datePrecision: meetings.datePrecision,
            askedBy: people.name,
            addressedTo: organisations.name,
          })
          .from(questions)
          .innerJoin(agendaItems, eq(agendaItems.id, questions.agendaItemId))
          .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
          .innerJoin(organisations, eq(organisations.id, questions.addressedToId))
          .leftJoin(people, eq(people.id, questions.askedById))
          .where(and(inArray(questions.id, allIds), questionVisible(viewer)))
          .orderBy(asc(questions.tabledOn));
  const facts = await questionFacts(qs.map((q) => q.id));
  const questionRows = qs.map((q) => {
    const f = facts.get(q.id)!;
    const state = questionState(q, f, now);
    return {
      id: q.id,
      text: q.text,
      askedBy: q.askedBy,
      addressedTo: q.addressedTo,
      tabled: describeDate(q.tabledOn, q.datePrecision === "exact" ? "exact" : q.datePrecision).text,
      statusLabel: QUESTION_STATUS_LABELS[state.status],
      overdue: state.overdue,
      responseHtml: f.currentResponse ? renderMarkdown(f.currentResponse.body) : null,
      responseKind: f.currentResponse?.kind ?? null,
    };
  });
  const shownQuestions = new Set(questionRows.map((q) => q.id));

  const status = recommendationStatus(r);
  const rag = recommendationRag(r, now);
  const date = when(r);
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    text: r.text,
    lead: r.lead,
    dueOn: r.dueOn,
    due: r.dueOn ? formatDate(r.dueOn) : null,
    closed: r.closedAt ? formatDate(r.closedAt) : null,
    closureEvidence: r.closureEvidence,
    closureEvidenceHtml: renderMarkdown(r.closureEvidence),
    metFinding: r.metFinding,
    metBy: r.metBySlug ? { slug: r.metBySlug, title: r.metByTitle } : null,
    metByInspectionId: r.metByInspectionId,
    status,
    statusLabel: RECOMMENDATION_STATUS_LABELS[status],
    overdue: isRecommendationOverdue(r, now),
    rag,
    ragLabel: RAG_LABELS[rag],
    inspection: { id: r.inspectionId, slug: r.inspectionSlug, title: r.inspectionTitle, kindLabel: INSPECTION_KIND_LABELS[r.inspectionKind], date: date.text, sourceNote: r.inspectionSourceNote },
    priorities: prios,
    agendaItems: items.map((i) => ({ id: i.id, title: i.title, meetingSlug: i.meetingSlug, meetingTitle: i.meetingTitle, date: describeDate(i.startsAt, i.datePrecision).text })),
    actions: as.map((a) => {
      const s = actionStatus(a);
      const arag = actionRag(a, now);
      return {
        id: a.id,
        reference: a.reference,
        description: a.description,
        lead: a.owner ?? a.organisation,
        due: formatDate(a.dueOn),
        status: ACTION_STATUS_LABELS[s],
        overdue: isActionOverdue(a, now),
        rag: arag,
        ragLabel: RAG_LABELS[arag],
        evidence: a.closureEvidence,
        promptedBy: a.questionId && shownQuestions.has(a.questionId) ? a.questionId : null,
      };
    }),
    questions: questionRows,
  };
}

/** Later inspections of the same organisation: the visits that could find a recommendation met. */
export async function laterInspections(inspectionId: string, executor: Executor = db()) {
  const [i] = await executor.select().from(inspections).where(eq(inspections.id, inspectionId));
  if (!i) return [];
  const rows = await executor
    .select({ id: inspections.id, title: inspections.title, visitStartOn: inspections.visitStartOn })
    .from(inspections)
    .where(
      and(
        ne(inspections.id, inspectionId),
        i.visitStartOn ? sql`${inspections.visitStartOn} > ${i.visitStartOn}` : sql`true`,
      ),
    )
    .orderBy(asc(inspections.visitStartOn));
  return rows;
}

export type TrackingInput =
  | { status: "open"; lead: string; dueOn: string | null }
  | { status: "closed"; lead: string; dueOn: string | null; evidence: string }
  | { status: "met"; lead: string; dueOn: string | null; metByInspectionId: string; finding: string; evidence: string };

export class TrackingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export async function updateRecommendationTracking(
  tx: Executor,
  actor: { userId: string; ipAddress?: string | null },
  id: string,
  input: TrackingInput,
) {
  const [before] = await tx.select().from(recommendations).where(eq(recommendations.id, id));
  if (!before) return null;
  let set: Partial<typeof recommendations.$inferInsert>;
  if (input.status === "open") {
    set = { lead: input.lead || null, dueOn: input.dueOn, closedAt: null, closureEvidence: null, metByInspectionId: null, metFinding: null };
  } else if (input.status === "closed") {
    if (!input.evidence) throw new TrackingError("evidence", "Enter the evidence that the recommendation has been met");
    set = { lead: input.lead || null, dueOn: input.dueOn, closedAt: before.closedAt ?? new Date(), closureEvidence: input.evidence, metByInspectionId: null, metFinding: null };
  } else {
    if (!input.metByInspectionId) throw new TrackingError("metByInspectionId", "Select the later visit that found it met");
    if (!input.finding) throw new TrackingError("finding", "Enter what the later visit found");
    if (input.metByInspectionId === before.inspectionId) {
      throw new TrackingError("metByInspectionId", "Select a later visit: a recommendation cannot be found met by the inspection that made it");
    }
    const later = await laterInspections(before.inspectionId, tx);
    if (!later.some((l) => l.id === input.metByInspectionId)) {
      throw new TrackingError("metByInspectionId", "Select a visit that came after the inspection that made the recommendation");
    }
    set = {
      lead: input.lead || null,
      dueOn: input.dueOn,
      closedAt: before.closedAt ?? new Date(),
      closureEvidence: input.evidence || null,
      metByInspectionId: input.metByInspectionId,
      metFinding: input.finding,
    };
  }
  const [after] = await tx.update(recommendations).set({ ...set, updatedAt: new Date() }).where(eq(recommendations.id, id)).returning();
  const pick = (row: typeof before) => ({
    lead: row.lead,
    dueOn: row.dueOn,
    closedAt: row.closedAt,
    closureEvidence: row.closureEvidence,
    metByInspectionId: row.metByInspectionId,
    metFinding: row.metFinding,
  });
  await recordAudit(tx, {
    userId: actor.userId,
    action: input.status !== "open" && !before.closedAt ? "close" : "update",
    entityType: "recommendation",
    entityId: id,
    before: pick(before),
    after: pick(after),
    ipAddress: actor.ipAddress ?? null,
  });
  return after;
}

// ---------------------------------------------------------------------------
// Creating and editing inspections and their recommendations (clerks)
// ---------------------------------------------------------------------------

export interface InspectionInput {
  title: string;
  kind: InspectionKind;
  organisationId: string | null;
  inspectorateId: string | null;
  visitStartOn: string;
  visitEndOn: string | null;
  publishedOn: string | null;
  overallJudgement: string | null;
  areaJudgements: { area: string; judgement: string }[];
  summary: string;
  documentId: string | null;
  sourceNote: string | null;
}

export async function inspectionChoices(viewer: Viewer) {
  const orgs = await db().select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).orderBy(asc(organisations.name));
  const docs = await db()
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .where(documentVisible(viewer))
    .orderBy(sql`${documents.documentDate} desc nulls last`);
  return { organisations: orgs, documents: docs };
}

export function slugFor(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/g, "") || "inspection"
  );
}

export async function createInspection(tx: Executor, actor: { userId: string; ipAddress?: string | null }, input: InspectionInput) {
  const base = slugFor(input.title);
  let slug = base;
  for (let n = 2; ; n++) {
    const [clash] = await tx.select({ id: inspections.id }).from(inspections).where(eq(inspections.slug, slug));
    if (!clash) break;
    slug = `${base}-${n}`;
  }
  const [row] = await tx.insert(inspections).values({ ...input, slug, datePrecision: "exact" }).returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "inspection", entityId: row.id, before: null, after: row, ipAddress: actor.ipAddress ?? null });
  return row;
}

export async function findInspection(slug: string) {
  const [row] = await db().select().from(inspections).where(eq(inspections.slug, slug));
  return row ?? null;
}

export async function updateInspection(tx: Executor, actor: { userId: string; ipAddress?: string | null }, id: string, input: InspectionInput) {
  const [before] = await tx.select().from(inspections).where(eq(inspections.id, id));
  if (!before) return null;
  const [after] = await tx.update(inspections).set({ ...input, updatedAt: new Date() }).where(eq(inspections.id, id)).returning();
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "inspection", entityId: id, before, after, ipAddress: actor.ipAddress ?? null });
  return after;
}

export async function addRecommendation(
  tx: Executor,
  actor: { userId: string; ipAddress?: string | null },
  inspectionId: string,
  input: { reference: string; kind: (typeof recommendations.$inferInsert)["kind"]; text: string; lead: string | null; dueOn: string | null },
) {
  const [clash] = await tx
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.inspectionId, inspectionId), sql`lower(${recommendations.reference}) = lower(${input.reference})`));
  if (clash) throw new TrackingError("reference", `This inspection already has a recommendation ${input.reference}: choose another reference`);
  const [{ n }] = await tx
    .select({ n: sql<number>`coalesce(max(${recommendations.position}), 0)::int` })
    .from(recommendations)
    .where(eq(recommendations.inspectionId, inspectionId));
  const [row] = await tx
    .insert(recommendations)
    .values({ inspectionId, ...input, position: Number(n) + 1 })
    .returning();
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "recommendation", entityId: row.id, before: null, after: row, ipAddress: actor.ipAddress ?? null });
  return row;
}

// ---------------------------------------------------------------------------
// The timeline: the organisation's inspection history, and what is still open
// ---------------------------------------------------------------------------

export async function inspectionTimeline(_viewer: Viewer, options: { page: number; openPage: number; now?: Date }) {
  const now = options.now ?? new Date();
  const [{ total }] = await db().select({ total: count() }).from(inspections);
  const rows = await db()
    .select({
      slug: inspections.slug,
      title: inspections.title,
      kind: inspections.kind,
      visitStartOn: inspections.visitStartOn,
      visitEndOn: inspections.visitEndOn,
      datePrecision: inspections.datePrecision,
      overallJudgement: inspections.overallJudgement,
      areaJudgements: inspections.areaJudgements,
      organisation: organisations.name,
      open: sql<number>`(select count(*)::int from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id} and ${recommendations.closedAt} is null and ${recommendations.metByInspectionId} is null)`,
      made: sql<number>`(select count(*)::int from ${recommendations} where ${recommendations.inspectionId} = ${inspections.id})`,
    })
    .from(inspections)
    .leftJoin(organisations, eq(organisations.id, inspections.organisationId))
    .orderBy(sql`${inspections.visitStartOn} asc nulls last`, asc(inspections.title))
    .limit(PAGE_SIZE)
    .offset((options.page - 1) * PAGE_SIZE);

  const openWhere = and(isNull(recommendations.closedAt), isNull(recommendations.metByInspectionId));
  const [{ openTotal }] = await db().select({ openTotal: count() }).from(recommendations).where(openWhere);
  const open = await db()
    .select({
      id: recommendations.id,
      reference: recommendations.reference,
      text: recommendations.text,
      dueOn: recommendations.dueOn,
      closedAt: recommendations.closedAt,
      metByInspectionId: recommendations.metByInspectionId,
      inspectionSlug: inspections.slug,
      inspectionTitle: inspections.title,
    })
    .from(recommendations)
    .innerJoin(inspections, eq(inspections.id, recommendations.inspectionId))
    .where(openWhere)
    .orderBy(sql`${inspections.visitStartOn} asc nulls last`, asc(recommendations.position))
    .limit(PAGE_SIZE)
    .offset((options.openPage - 1) * PAGE_SIZE);

  return {
    total,
    inspections: rows.map((r) => {
      const d = when(r);
      return {
        slug: r.slug,
        title: r.title,
        kindLabel: INSPECTION_KIND_LABELS[r.kind],
        date: d.text,
        dateApproximate: d.approximate,
        overallJudgement: r.overallJudgement,
        areaJudgements: r.areaJudgements,
        organisation: r.organisation,
        open: Number(r.open),
        made: Number(r.made),
      };
    }),
    openTotal,
    open: open.map((r) => {
      const rag = recommendationRag(r, now);
      return { ...r, overdue: isRecommendationOverdue(r, now), rag, ragLabel: RAG_LABELS[rag] };
    }),
  };
}

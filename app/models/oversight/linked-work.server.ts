/**
 * The work that answers recommendations, as app/rules/recommendation-state.server.ts
 * defines it: the actions made from each, the questions linked to it (with their
 * responses) and the actions on those questions. Only what the viewer may see.
 */
import { and, asc, inArray, or, type SQL } from "drizzle-orm";
import { db } from "../../db.server";
import { NO_WORK, recommendationState, type LinkedWork, type RecommendationRecord } from "../../rules/recommendation-state.server";
import { formatDate } from "../../rules/dates.server";
import { actionRag, RAG_LABELS } from "../../rules/rag.server";
import { ACTION_STATUS_LABELS, actionStatus, isActionOverdue, type ActionFacts } from "../../rules/status.server";
import type { Viewer } from "../../rules/viewer.server";
import { actionVisible, questionVisible } from "../../rules/visibility.server";
import { refTable } from "../../utils/refs.server";
import { agendaItem, meeting } from "../meetings/refs.server";
import { organisation, person } from "../people/refs.server";
import { action, question, questionRecommendationOfRecommendation as questionLink } from "../questions/refs.server";
import { questionFacts, questionState } from "./links.server";

/** An action as the oversight trails show it: what it is, where it came from, and its facts. */
export const TRAIL_ACTION_FIELDS = {
  id: action.id,
  reference: action.reference,
  description: action.description,
  questionId: action.questionId,
  recommendationId: action.recommendationId,
  dueOn: action.dueOn,
  startedAt: action.startedAt,
  completedAt: action.completedAt,
  cancelledAt: action.cancelledAt,
  closureEvidence: action.closureEvidence,
  createdAt: action.createdAt,
};

/** The actions the viewer may see that match `where`, with their owner and owning organisation. */
export function trailActions(viewer: Viewer, where: SQL | undefined, orderBy: SQL[] = [asc(action.dueOn)]) {
  return db()
    .select({ ...TRAIL_ACTION_FIELDS, owner: person.name, organisation: organisation.name })
    .from(refTable(action))
    .innerJoin(...organisation.on(action.owningOrganisationId))
    .leftJoin(...person.on(action.ownerId))
    .where(and(actionVisible(viewer), where))
    .orderBy(...orderBy);
}

export interface WorkAction extends ActionFacts {
  id: string;
  reference: string | null;
  description: string;
  questionId: string | null;
  recommendationId: string | null;
  closureEvidence: string | null;
}

export interface WorkQuestion {
  id: string;
  text: string;
  status: ReturnType<typeof questionState>["status"];
  overdue: boolean;
  response: { kind: string; body: string } | null;
}

export interface RecommendationWork extends LinkedWork {
  actions: WorkAction[];
  questions: WorkQuestion[];
}

/** For each recommendation id: its linked questions and every action answering it. */
export async function linkedWork(viewer: Viewer, recommendationIds: string[], now: Date = new Date()): Promise<Map<string, RecommendationWork>> {
  const out = new Map<string, RecommendationWork>();
  for (const id of recommendationIds) out.set(id, { actions: [], questions: [] });
  if (recommendationIds.length === 0) return out;

  const links = await db()
    .select({ questionId: questionLink.questionId, recommendationId: questionLink.recommendationId })
    .from(refTable(questionLink))
    .innerJoin(...question.on(questionLink.questionId))
    .innerJoin(...agendaItem.on(question.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(inArray(questionLink.recommendationId, recommendationIds), questionVisible(viewer)));
  const questionIds = [...new Set(links.map((l) => l.questionId))];

  const qs =
    questionIds.length === 0
      ? []
      : await db()
          .select({
            id: question.id,
            text: question.text,
            acceptedAt: question.acceptedAt,
            rejectedAt: question.rejectedAt,
            closedAt: question.closedAt,
            dueOn: question.dueOn,
            sourceStatus: question.sourceStatus,
            sourceStatusNote: question.sourceStatusNote,
          })
          .from(refTable(question))
          .where(inArray(question.id, questionIds));
  const facts = await questionFacts(questionIds);
  const questionById = new Map<string, WorkQuestion>();
  for (const q of qs) {
    const f = facts.get(q.id)!;
    const state = questionState(q, f, now);
    questionById.set(q.id, { id: q.id, text: q.text, status: state.status, overdue: state.overdue, response: f.currentResponse ? { kind: f.currentResponse.kind, body: f.currentResponse.body } : null });
  }

  const as = await db()
    .select(TRAIL_ACTION_FIELDS)
    .from(refTable(action))
    .where(
      and(
        actionVisible(viewer),
        or(inArray(action.recommendationId, recommendationIds), questionIds.length > 0 ? inArray(action.questionId, questionIds) : undefined),
      ),
    )
    .orderBy(asc(action.dueOn), asc(action.createdAt));

  for (const id of recommendationIds) {
    const work = out.get(id)!;
    const linkedQuestions = new Set(links.filter((l) => l.recommendationId === id).map((l) => l.questionId));
    for (const qid of linkedQuestions) {
      const q = questionById.get(qid);
      if (q) work.questions.push(q);
    }
    work.actions = as.filter((a) => a.recommendationId === id || (a.questionId !== null && linkedQuestions.has(a.questionId)));
  }
  return out;
}

/** recommendationState() with the linked work loaded, for many recommendations at once. */
export async function recommendationStates<R extends RecommendationRecord & { id: string }>(viewer: Viewer, recs: R[], now: Date = new Date()) {
  const work = await linkedWork(viewer, recs.map((r) => r.id), now);
  return new Map(recs.map((r) => [r.id, { state: recommendationState(r, work.get(r.id) ?? NO_WORK, now), work: work.get(r.id) ?? { actions: [], questions: [] } }]));
}

/** An action as a trail's table shows it: lead, due day, progress, overdue and RAG (the recommendation pages). */
export function trailActionRow(a: Awaited<ReturnType<typeof trailActions>>[number], now: Date) {
  const rag = actionRag(a, now);
  return {
    id: a.id,
    reference: a.reference,
    description: a.description,
    lead: a.owner ?? a.organisation,
    due: formatDate(a.dueOn),
    status: ACTION_STATUS_LABELS[actionStatus(a)],
    overdue: isActionOverdue(a, now),
    rag,
    ragLabel: RAG_LABELS[rag],
    evidence: a.closureEvidence,
  };
}

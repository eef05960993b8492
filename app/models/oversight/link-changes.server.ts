/**
 * Making and removing links, by clerks from either end. A link is refused with a
 * clear message when it would link a record to itself, when it already exists,
 * or when the pair cannot be linked. Every change is recorded in the audit log.
 */
import { and, eq } from "drizzle-orm";
import { agendaItemPriorities, agendaItemRecommendations, documentPriorities, recommendationPriorities } from "../../../db/schema/oversight";
import type { Executor } from "../../db.server";
import type { Viewer } from "../../rules/viewer.server";
import {
  actionAnswersRecommendation,
  actionRecommendationOrigin,
  addQuestionLink,
  questionLinkExists,
  removeQuestionLink,
  setActionRecommendation,
} from "../questions";
import { recordAudit } from "../records";
import { describeRecord, LinkError, normalise, RECORD_TYPE_LABELS, refString, TARGET_TYPES, type Pair } from "./links.server";

// ---------------------------------------------------------------------------
// Which table holds a link
// ---------------------------------------------------------------------------

async function linkExists(executor: Executor, { source, target }: Pair): Promise<boolean> {
  const one = async (q: Promise<unknown[]>) => (await q).length > 0;
  const s = source.id;
  const t = target.id;
  if (target.type === "priority") {
    switch (source.type) {
      case "agenda_item":
        return one(executor.select().from(agendaItemPriorities).where(and(eq(agendaItemPriorities.agendaItemId, s), eq(agendaItemPriorities.priorityId, t))));
      case "question":
        return questionLinkExists(executor, "question_priority", s, t);
      case "action":
        return questionLinkExists(executor, "action_priority", s, t);
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
        return questionLinkExists(executor, "question_recommendation", s, t);
      case "action":
        return actionAnswersRecommendation(executor, s, t);
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
        await addQuestionLink(tx, "question_priority", s, t);
        break;
      case "action":
        await addQuestionLink(tx, "action_priority", s, t);
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
        await addQuestionLink(tx, "question_recommendation", s, t);
        break;
      case "action": {
        // An action answers one recommendation (actions.recommendation_id).
        const a = await actionRecommendationOrigin(tx, s);
        if (a?.recommendationId) {
          throw new LinkError("target", "This action already answers another recommendation: remove that link first");
        }
        await setActionRecommendation(tx, s, t);
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
        await removeQuestionLink(tx, "question_priority", s, t);
        break;
      case "action":
        await removeQuestionLink(tx, "action_priority", s, t);
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
        await removeQuestionLink(tx, "question_recommendation", s, t);
        break;
      case "action": {
        // An action created from the recommendation keeps it: it is where the action came from.
        const a = await actionRecommendationOrigin(tx, s);
        if (a && !a.questionId && !a.minuteId) {
          throw new LinkError("target", "This action was created from this recommendation: the link cannot be removed");
        }
        await setActionRecommendation(tx, s, null);
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

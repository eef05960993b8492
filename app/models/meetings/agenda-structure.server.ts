/**
 * The agenda's structure after items are created (issue 16, item 5): making an item a
 * sub-item of another or moving it out ("Part of"), and removing an item, with what
 * goes with it counted first for the confirmation page. Numbers are never stored:
 * app/rules/numbering.server.ts derives them from parent and position.
 */
import { and, asc, eq, inArray, isNull, max, ne, or, sql } from "drizzle-orm";
import { agendaItemDocuments, agendaItems, documents, meetings, minutes } from "../../../db/schema/meetings";
import { db, type Executor } from "../../db.server";
import { numberAgendaItems } from "../../rules/numbering.server";
import { subItemProblem } from "../../rules/sub-items.server";
import { ClerkError, type Actor } from "../../utils/clerk-errors.server";
import { isUuid } from "../../utils/uuid";
import { inspection, recommendation } from "../oversight/refs.server";
import { action, question } from "../questions/refs.server";
import { recordAudit } from "../records";
import { refTable } from "../../utils/refs.server";

async function lockItem(tx: Executor, id: string) {
  if (!isUuid(id)) throw new ClerkError("form", "Choose the agenda item to change");
  const [row] = await tx.select().from(agendaItems).where(eq(agendaItems.id, id)).for("update");
  if (!row) throw new ClerkError("form", "This agenda item no longer exists");
  return row;
}

async function numberOf(tx: Executor, meetingId: string, id: string) {
  const all = await tx
    .select({ id: agendaItems.id, parentId: agendaItems.parentId, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return numberAgendaItems(all).find((i) => i.id === id)?.number ?? "";
}

async function subItemCount(tx: Executor, id: string) {
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(agendaItems).where(eq(agendaItems.parentId, id));
  return Number(n);
}

/** The main items an item may be made part of: the meeting's top-level items but itself, in agenda order. */
export async function partOfChoices(itemId: string, meetingId: string) {
  const all = await db()
    .select({ id: agendaItems.id, parentId: agendaItems.parentId, position: agendaItems.position, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId));
  return numberAgendaItems(all)
    .filter((i) => i.depth === 0 && i.id !== itemId)
    .map((i) => ({ value: i.id, label: `${i.number}. ${i.title}` }));
}

/**
 * Makes an item part of another main item of its meeting (at the end of its sub-items),
 * or, with `parentId` null, a main item at the end of the agenda. Refusals come from
 * app/rules/sub-items.server.ts, beside the "Part of" field.
 */
export async function setItemParent(tx: Executor, actor: Actor, id: string, parentId: string | null) {
  const item = await lockItem(tx, id);
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, item.meetingId));
  if (meeting?.minutesApprovedAt) throw new ClerkError("parentId", "The minutes of this meeting are approved: its agenda can no longer change");
  if ((item.parentId ?? null) === parentId) return item;
  let parent: { id: string; meetingId: string; parentId: string | null } | null = null;
  if (parentId) {
    const [row] = isUuid(parentId)
      ? await tx.select({ id: agendaItems.id, meetingId: agendaItems.meetingId, parentId: agendaItems.parentId }).from(agendaItems).where(eq(agendaItems.id, parentId))
      : [];
    if (!row) throw new ClerkError("parentId", "Select an item of this meeting");
    parent = row;
  }
  const problem = subItemProblem({ id: item.id, meetingId: item.meetingId, parentId: item.parentId, subItemCount: await subItemCount(tx, id) }, parent);
  if (problem) throw new ClerkError("parentId", problem);
  const before = await numberOf(tx, item.meetingId, id);
  const [{ last }] = await tx
    .select({ last: max(agendaItems.position) })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, item.meetingId), parentId ? eq(agendaItems.parentId, parentId) : isNull(agendaItems.parentId), ne(agendaItems.id, id)));
  const [after] = await tx
    .update(agendaItems)
    .set({ parentId, position: (last ?? 0) + 1, updatedAt: new Date() })
    .where(eq(agendaItems.id, id))
    .returning();
  await recordAudit(tx, {
    userId: actor.userId,
    action: "update",
    entityType: "agenda_item",
    entityId: id,
    before: { parentId: item.parentId, number: before },
    after: { parentId, number: await numberOf(tx, item.meetingId, id) },
    ipAddress: actor.ipAddress,
  });
  return after;
}

export interface ItemRemoval {
  item: { id: string; title: string; number: string; published: boolean };
  meeting: { id: string; title: string };
  hasMinute: boolean;
  /** Documents attached only to this item and not published: deleted with it. */
  documentsDeleted: number;
  /** Documents also attached elsewhere, published, or used by an inspection or an action: detached, kept. */
  documentsDetached: number;
  /** What stops the removal: questions on the item, actions from its minute, sub-items. */
  questions: { id: string; text: string }[];
  actions: { id: string; description: string }[];
  subItems: { id: string; number: string; title: string }[];
  /** The board's recommendations agreed (or judged) at its minute. */
  recommendations: { id: string; reference: string }[];
}

/** Documents of an item, split into those that go with it and those that stay. */
async function itemDocuments(tx: Executor, id: string) {
  const docs = await tx
    .select({ id: documents.id, publishedAt: documents.publishedAt })
    .from(agendaItemDocuments)
    .innerJoin(documents, eq(documents.id, agendaItemDocuments.documentId))
    .where(eq(agendaItemDocuments.agendaItemId, id));
  const ids = docs.map((d) => d.id);
  if (ids.length === 0) return { deleted: [] as string[], detached: [] as string[] };
  const elsewhere = new Set<string>();
  for (const r of await tx
    .select({ id: agendaItemDocuments.documentId })
    .from(agendaItemDocuments)
    .where(and(inArray(agendaItemDocuments.documentId, ids), ne(agendaItemDocuments.agendaItemId, id)))) elsewhere.add(r.id);
  for (const r of await tx.select({ id: inspection.documentId }).from(refTable(inspection)).where(inArray(inspection.documentId, ids))) if (r.id) elsewhere.add(r.id);
  for (const r of await tx.select({ id: action.closureEvidenceDocumentId }).from(refTable(action)).where(inArray(action.closureEvidenceDocumentId, ids))) if (r.id) elsewhere.add(r.id);
  const stays = (d: { id: string; publishedAt: Date | null }) => d.publishedAt !== null || elsewhere.has(d.id);
  return { deleted: docs.filter((d) => !stays(d)).map((d) => d.id), detached: docs.filter(stays).map((d) => d.id) };
}

async function removal(tx: Executor, id: string): Promise<ItemRemoval | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select({ item: agendaItems, meeting: { id: meetings.id, title: meetings.title } })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItems.id, id));
  if (!row) return null;
  const [minute] = await tx.select({ id: minutes.id }).from(minutes).where(eq(minutes.agendaItemId, id));
  const docs = await itemDocuments(tx, id);
  const qs = await tx.select({ id: question.id, text: question.text }).from(refTable(question)).where(eq(question.agendaItemId, id)).orderBy(asc(question.position), asc(question.id));
  const acts = minute
    ? await tx.select({ id: action.id, description: action.description }).from(refTable(action)).where(eq(action.minuteId, minute.id)).orderBy(asc(action.id))
    : [];
  const recs = minute
    ? await tx
        .select({ id: recommendation.id, reference: recommendation.reference })
        .from(refTable(recommendation))
        .where(or(eq(recommendation.agreedAtMinuteId, minute.id), eq(recommendation.judgedAtMinuteId, minute.id)))
        .orderBy(asc(recommendation.reference))
    : [];
  const all = await tx
    .select({ id: agendaItems.id, parentId: agendaItems.parentId, position: agendaItems.position, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, row.meeting.id));
  const numbered = numberAgendaItems(all);
  return {
    item: { id, title: row.item.title, number: numbered.find((i) => i.id === id)?.number ?? "", published: row.item.publishedAt !== null },
    meeting: row.meeting,
    hasMinute: Boolean(minute),
    documentsDeleted: docs.deleted.length,
    documentsDetached: docs.detached.length,
    questions: qs,
    actions: acts,
    subItems: numbered.filter((i) => i.parentId === id).map((i) => ({ id: i.id, number: i.number, title: i.title })),
    recommendations: recs,
  };
}

/** What removing an item would take with it, or what stops it: the confirmation page's content. */
export function itemRemoval(id: string) {
  return removal(db(), id);
}

/** Why an item cannot be removed, in words, or null. */
export function removalRefusal(r: ItemRemoval): string | null {
  if (r.item.published) return "A published agenda item cannot be removed: it is part of the public record";
  const n = (count: number, one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);
  if (r.questions.length > 0) return `The item cannot be removed while ${n(r.questions.length, "question is", "questions are")} recorded on it: move or withdraw ${r.questions.length === 1 ? "it" : "them"} first`;
  if (r.actions.length > 0) return `The item cannot be removed while ${n(r.actions.length, "action comes", "actions come")} from its minute`;
  if (r.recommendations.length > 0) {
    const refs = r.recommendations.map((x) => x.reference).join(", ");
    return `The item cannot be removed while the board's ${r.recommendations.length === 1 ? `recommendation ${refs} was` : `recommendations ${refs} were`} agreed or judged at its minute`;
  }
  if (r.subItems.length > 0) return `The item cannot be removed while it has ${n(r.subItems.length, "sub-item", "sub-items")}: remove ${r.subItems.length === 1 ? "it or move it" : "them or move them"} out first`;
  return null;
}

/** Removes a draft item with its minute, declarations and the documents only it had (others are detached). */
export async function removeItem(tx: Executor, actor: Actor, id: string) {
  const item = await lockItem(tx, id);
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, item.meetingId));
  if (meeting?.minutesApprovedAt) throw new ClerkError("form", "The minutes of this meeting are approved: its agenda can no longer change");
  const r = (await removal(tx, id))!;
  const refusal = removalRefusal(r);
  if (refusal) throw new ClerkError("form", refusal);
  const docs = await itemDocuments(tx, id);
  await tx.update(documents).set({ presentedAtItemId: null }).where(eq(documents.presentedAtItemId, id));
  await tx.delete(agendaItems).where(eq(agendaItems.id, id));
  if (docs.deleted.length > 0) await tx.delete(documents).where(inArray(documents.id, docs.deleted));
  await recordAudit(tx, {
    userId: actor.userId,
    action: "delete",
    entityType: "agenda_item",
    entityId: id,
    before: { title: item.title, meetingId: item.meetingId, parentId: item.parentId, number: r.item.number },
    after: { minuteRemoved: r.hasMinute, documentsDeleted: docs.deleted, documentsDetached: docs.detached },
    ipAddress: actor.ipAddress,
  });
}

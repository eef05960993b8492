/**
 * The agenda builder: add, edit, remove and reorder agenda items and sub-items;
 * exempt items (Schedule 12A); lead officer, linked priorities, attached
 * documents. Numbers are derived from the order (app/rules/numbering.server.ts).
 */
import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import {
  agendaItemDocuments,
  agendaItems,
  documentFiles,
  documents,
  interestDeclarations,
  meetings,
  minutes,
} from "../../../db/schema/meetings";
import { agendaItemPriorityOfItem, priorityChoices, setAgendaItemPriorities } from "../oversight/refs.server";
import { person, personExists } from "../people/refs.server";
import { db, type Executor } from "../../db.server";
import { numberAgendaItems } from "../../rules/numbering.server";
import { subItemProblem } from "../../rules/sub-items.server";
import { EXEMPT_PARAGRAPH_WORDING } from "../../rules/visibility.server";
import { recordAudit } from "../records";
import { ClerkError, ConflictError, type Actor } from "../../utils/clerk-errors.server";
import { keepRevision } from "../records";
import { isUuid } from "../../utils/uuid";

export interface ItemInput {
  title: string;
  purpose: string;
  body: string;
  leadOfficerId: string | null;
  isExempt: boolean;
  exemptParagraph: number | null;
  exemptReason: string;
  publicTitle: string;
  publicSummary: string;
  priorityIds: string[];
}

function itemFields(i: typeof agendaItems.$inferSelect) {
  return {
    title: i.title,
    purpose: i.purpose,
    body: i.body,
    leadOfficerId: i.leadOfficerId,
    isExempt: i.isExempt,
    exemptParagraph: i.exemptParagraph,
    exemptReason: i.exemptReason,
    publicTitle: i.publicTitle,
    publicSummary: i.publicSummary,
  };
}

async function lockItem(tx: Executor, id: string) {
  if (!isUuid(id)) throw new ClerkError("form", "Choose the agenda item to change");
  const [row] = await tx.select().from(agendaItems).where(eq(agendaItems.id, id)).for("update");
  if (!row) throw new ClerkError("form", "This agenda item no longer exists");
  return row;
}

export async function addItem(tx: Executor, actor: Actor, meetingId: string, input: { title: string; parentId: string | null }) {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for("update");
  if (!meeting) throw new ClerkError("form", "This meeting no longer exists");
  if (meeting.minutesApprovedAt) throw new ClerkError("title", "The minutes of this meeting are approved: its agenda can no longer change");
  if (input.parentId) {
    const [parent] = isUuid(input.parentId) ? await tx.select().from(agendaItems).where(eq(agendaItems.id, input.parentId)) : [];
    if (!parent) throw new ClerkError("parentId", "Select an item of this meeting");
    const problem = subItemProblem({ id: "", meetingId, parentId: null, subItemCount: 0 }, parent);
    if (problem) throw new ClerkError("parentId", problem);
  }
  const [{ last }] = await tx
    .select({ last: max(agendaItems.position) })
    .from(agendaItems)
    .where(
      and(
        eq(agendaItems.meetingId, meetingId),
        input.parentId ? eq(agendaItems.parentId, input.parentId) : isNull(agendaItems.parentId),
      ),
    );
  const [row] = await tx
    .insert(agendaItems)
    .values({ meetingId, parentId: input.parentId, position: (last ?? 0) + 1, title: input.title })
    .returning();
  await keepRevision(tx, { entityType: "agenda_item", entityId: row.id, version: 1, data: itemFields(row), authorId: actor.userId });
  await recordAudit(tx, { userId: actor.userId, action: "create", entityType: "agenda_item", entityId: row.id, after: { meetingId, ...itemFields(row) }, ipAddress: actor.ipAddress });
  return row;
}

export async function updateItem(tx: Executor, actor: Actor, id: string, version: number, input: ItemInput, reason: string) {
  const before = await lockItem(tx, id);
  if (before.version !== version) throw new ConflictError(itemFields(before), before.version);
  if (input.isExempt) {
    if (!input.exemptParagraph || !EXEMPT_PARAGRAPH_WORDING[input.exemptParagraph]) {
      throw new ClerkError("exemptParagraph", "Select the Schedule 12A paragraph that makes the item exempt");
    }
    if (!input.exemptReason) throw new ClerkError("exemptReason", "Enter why the public interest in keeping the item exempt outweighs disclosing it");
    if (!input.publicTitle) throw new ClerkError("publicTitle", "Enter the title the public sees for the exempt item");
  }
  if (before.publishedAt && !reason) {
    throw new ClerkError("reason", "The item is published: enter the reason for the change (the public sees it)");
  }
  if (input.leadOfficerId) {
    if (!isUuid(input.leadOfficerId) || !(await personExists(tx, input.leadOfficerId))) throw new ClerkError("leadOfficerId", "Select a lead officer from the list");
  }
  const [after] = await tx
    .update(agendaItems)
    .set({
      title: input.title,
      purpose: input.purpose,
      body: input.body,
      leadOfficerId: input.leadOfficerId,
      isExempt: input.isExempt,
      exemptParagraph: input.isExempt ? input.exemptParagraph : null,
      exemptReason: input.isExempt ? input.exemptReason : null,
      publicTitle: input.isExempt ? input.publicTitle : null,
      publicSummary: input.isExempt ? input.publicSummary || null : null,
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(agendaItems.id, id), eq(agendaItems.version, version)))
    .returning();
  const linkedPriorityIds = await setAgendaItemPriorities(tx, id, input.priorityIds);
  await keepRevision(tx, {
    entityType: "agenda_item",
    entityId: id,
    version: after.version,
    data: itemFields(after),
    reason: reason || null,
    authorId: actor.userId,
    previous: { version: before.version, data: itemFields(before) },
  });
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "agenda_item", entityId: id, before: itemFields(before), after: { ...itemFields(after), priorityIds: linkedPriorityIds }, ipAddress: actor.ipAddress });
  return after;
}

/**
 * Sets an item's lead officer alone (the clerk's chooser that pages through people: a select
 * of every person does not scale), through updateItem: the same checks, revision and audit,
 * the item's other fields and priorities as they are.
 */
export async function setItemLeadOfficer(tx: Executor, actor: Actor, id: string, version: number, leadOfficerId: string | null, reason: string) {
  const current = await lockItem(tx, id);
  const linked = await tx
    .select({ id: agendaItemPriorityOfItem.priorityId })
    .from(agendaItems)
    .innerJoin(...agendaItemPriorityOfItem.on(agendaItems.id))
    .where(eq(agendaItems.id, id));
  return updateItem(
    tx,
    actor,
    id,
    version,
    {
      title: current.title,
      purpose: current.purpose,
      body: current.body,
      leadOfficerId,
      isExempt: current.isExempt,
      exemptParagraph: current.exemptParagraph,
      exemptReason: current.exemptReason ?? "",
      publicTitle: current.publicTitle ?? "",
      publicSummary: current.publicSummary ?? "",
      priorityIds: linked.map((l) => l.id),
    },
    reason,
  );
}

/** An item's siblings (same meeting, same parent) in agenda order, locked for the move. */
async function siblingsOf(tx: Executor, id: string) {
  const item = await lockItem(tx, id);
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, item.meetingId));
  if (meeting?.minutesApprovedAt) throw new ClerkError("form", "The minutes of this meeting are approved: its agenda can no longer change");
  const siblings = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, item.meetingId), item.parentId ? eq(agendaItems.parentId, item.parentId) : isNull(agendaItems.parentId)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
  return { order: siblings.map((s) => s.id), index: siblings.findIndex((s) => s.id === id) };
}

/**
 * Puts an item at a place among its siblings (0-based `target`), renumbering the
 * siblings' positions 1, 2, 3...; sub-items keep their parent, so they move with it.
 */
async function placeItem(tx: Executor, actor: Actor, id: string, order: string[], index: number, target: number, how: string) {
  const moved = [...order];
  moved.splice(index, 1);
  moved.splice(target, 0, id);
  for (const [i, sid] of moved.entries()) {
    await tx.update(agendaItems).set({ position: i + 1 }).where(eq(agendaItems.id, sid));
  }
  await recordAudit(tx, { userId: actor.userId, action: "update", entityType: "agenda_item", entityId: id, before: { position: index + 1 }, after: { position: target + 1, moved: how }, ipAddress: actor.ipAddress });
}

/** Moves an item one place up or down among its siblings. */
export async function moveItem(tx: Executor, actor: Actor, id: string, direction: "up" | "down") {
  const { order, index } = await siblingsOf(tx, id);
  const target = direction === "up" ? index - 1 : index + 1;
  if (target < 0) throw new ClerkError("form", "The item is already first");
  if (target >= order.length) throw new ClerkError("form", "The item is already last");
  await placeItem(tx, actor, id, order, index, target, direction);
}

/**
 * Moves an item to a position among its siblings (1 = first), as dragging or the
 * keyboard "Move" control asks. A position past the end is refused.
 */
export async function moveItemTo(tx: Executor, actor: Actor, id: string, position: number) {
  const { order, index } = await siblingsOf(tx, id);
  if (!Number.isInteger(position) || position < 1) throw new ClerkError("form", "Choose a position of 1 or more");
  if (position > order.length) {
    throw new ClerkError(
      "form",
      order.length === 1
        ? "The item cannot move to that position: it is the only item at its level"
        : `The item cannot move to position ${position}: there are only ${order.length} items at its level`,
    );
  }
  if (position - 1 === index) return;
  await placeItem(tx, actor, id, order, index, position - 1, "to");
}

/** An item as the clerk edits it. */
export async function getClerkItem(id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db()
    .select({ item: agendaItems, meeting: meetings })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItems.id, id));
  if (!row) return null;
  const all = await db()
    .select({ id: agendaItems.id, parentId: agendaItems.parentId, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, row.meeting.id));
  const number = numberAgendaItems(all).find((i) => i.id === id)?.number ?? "";
  const linked = await db()
    .select({ id: agendaItemPriorityOfItem.priorityId })
    .from(agendaItems)
    .innerJoin(...agendaItemPriorityOfItem.on(agendaItems.id))
    .where(eq(agendaItems.id, id));
  const docs = await db()
    .select({ id: documents.id, slug: documents.slug, title: documents.title, kind: documents.kind, publishedAt: documents.publishedAt })
    .from(agendaItemDocuments)
    .innerJoin(documents, eq(documents.id, agendaItemDocuments.documentId))
    .where(eq(agendaItemDocuments.agendaItemId, id))
    .orderBy(asc(agendaItemDocuments.position));
  const files = docs.length
    ? await db()
        .select({
          id: documentFiles.id,
          documentId: documentFiles.documentId,
          fileName: documentFiles.fileName,
          mediaType: documentFiles.mediaType,
          byteSize: documentFiles.byteSize,
          supersededAt: documentFiles.supersededAt,
        })
        .from(documentFiles)
        .where(sql`${documentFiles.documentId} in ${docs.map((d) => d.id)}`)
        .orderBy(desc(documentFiles.createdAt))
    : [];
  const [minute] = await db().select().from(minutes).where(eq(minutes.agendaItemId, id));
  const declarations = await db()
    .select({ id: interestDeclarations.id, person: person.name, kind: interestDeclarations.kind, nature: interestDeclarations.nature, leftRoom: interestDeclarations.leftRoom })
    .from(interestDeclarations)
    .innerJoin(...person.on(interestDeclarations.personId))
    .where(eq(interestDeclarations.agendaItemId, id))
    .orderBy(asc(interestDeclarations.createdAt));
  return {
    item: row.item,
    meeting: row.meeting,
    number,
    priorityIds: linked.map((l) => l.id),
    documents: docs.map((d) => ({ ...d, files: files.filter((f) => f.documentId === d.id) })),
    minute: minute ?? null,
    declarations,
  };
}

/** The choices the item's form offers (its lead officer is chosen on a page of its own). */
export async function itemChoices() {
  return { priorities: await priorityChoices(db()) };
}


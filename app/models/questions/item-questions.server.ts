/**
 * What an agenda shows of its questions (issue 15, item 12): how many each item has, and each
 * question's latest response, so a reader sees the answers on the item's page without opening
 * each question. Only what the viewer may see: visible questions on items whose content is visible.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { questions, responses } from "../../../db/schema/questions";
import { db } from "../../db.server";
import { agendaItemContentVisible, questionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { markdownToText, renderMarkdown } from "../../utils/markdown.server";
import { agendaItem, meeting } from "../meetings/refs.server";
import { organisation, person } from "../people/refs.server";

/** A response longer than this is shown folded (its first words, then the rest behind "Read the full response"). */
export const INLINE_RESPONSE_CHARS = 400;

/** Questions on each agenda item the viewer may see, by item id (items with none are left out). */
export async function questionCountsForItems(viewer: Viewer, itemIds: string[]): Promise<Record<string, number>> {
  if (itemIds.length === 0) return {};
  const rows = await db()
    .select({ itemId: questions.agendaItemId, n: count() })
    .from(questions)
    .innerJoin(...agendaItem.on(questions.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(inArray(questions.agendaItemId, itemIds), questionVisible(viewer), agendaItemContentVisible(viewer)))
    .groupBy(questions.agendaItemId);
  return Object.fromEntries(rows.map((r) => [r.itemId, Number(r.n)]));
}

export interface InlineResponse {
  kind: "holding" | "full";
  corrected: boolean;
  html: string;
  /** The first words, for a long response shown folded; null when it is short enough to show whole. */
  preview: string | null;
  by: string | null;
  organisation: string | null;
  attributionNote: string | null;
}

/**
 * The latest current (not superseded) response to each of these questions, by question id.
 * Callers pass ids of questions the viewer may see (a page of the register); responses have no
 * visibility of their own beyond their question's.
 */
export async function latestResponsesFor(questionIds: string[]): Promise<Record<string, InlineResponse>> {
  if (questionIds.length === 0) return {};
  const rows = await db()
    .select({
      id: responses.id,
      questionId: responses.questionId,
      kind: responses.kind,
      body: responses.body,
      supersedesId: responses.supersedesId,
      attributionNote: responses.attributionNote,
      by: person.name,
      organisation: organisation.name,
    })
    .from(responses)
    .leftJoin(...person.on(responses.respondedById))
    .leftJoin(...organisation.on(responses.organisationId))
    .where(inArray(responses.questionId, questionIds))
    .orderBy(asc(responses.respondedAt), asc(responses.createdAt));
  const superseded = new Set(rows.map((r) => r.supersedesId).filter(Boolean));
  const out: Record<string, InlineResponse> = {};
  for (const r of rows) {
    if (superseded.has(r.id)) continue;
    const text = markdownToText(r.body);
    out[r.questionId] = {
      kind: r.kind,
      corrected: r.supersedesId !== null,
      html: renderMarkdown(r.body),
      preview: text.length > INLINE_RESPONSE_CHARS ? `${text.slice(0, INLINE_RESPONSE_CHARS).replace(/\s+\S*$/, "")}…` : null,
      by: r.by,
      organisation: r.organisation,
      attributionNote: r.attributionNote,
    };
  }
  return out;
}

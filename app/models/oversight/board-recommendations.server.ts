/**
 * A board recommendation's trail (issue 17): where it came from (the minute and meeting,
 * or the review report), the response clock, the response, each action with its
 * evidence, the review date and the board's judgement, as one timeline. Seen by whom
 * recommendationVisible() says; the clock's state from app/rules/response-state.server.ts.
 */
import { and, asc, eq } from "drizzle-orm";
import { priorities, recommendationPriorities, recommendationResponses, recommendations } from "../../../db/schema/oversight";
import { db } from "../../db.server";
import { formatDate, isoDay } from "../../rules/dates.server";
import { dateText, type DatePrecision } from "../../rules/date-precision.server";
import { actionRag, RAG_LABELS } from "../../rules/rag.server";
import { responseState } from "../../rules/response-state.server";
import { ACTION_STATUS_LABELS, actionStatus, isActionOverdue } from "../../rules/status.server";
import { agendaItemTitleSeen, recommendationVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { renderMarkdown } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, document, meeting, minute } from "../meetings/refs.server";
import { body, organisation, person } from "../people/refs.server";
import { action } from "../questions/refs.server";
import { IMPLEMENTATION_STATE_LABELS, periodOf, RESPONSE_OUTCOME_LABELS } from "./board-recommendation-changes.server";
import { linkedInspectionRecommendations } from "./board-recommendation-forms.server";
import { trailActionRow, trailActions } from "./linked-work.server";

export interface TrailEvent {
  on: string;
  date: string;
  what: string;
}

/** The agreeing minute's meeting and item, as the viewer may see them. */
async function agreedAt(viewer: Viewer, minuteId: string | null) {
  if (!minuteId) return null;
  const [row] = await db()
    .select({ meetingSlug: meeting.slug, meetingTitle: meeting.title, startsAt: meeting.startsAt, datePrecision: meeting.datePrecision, itemTitle: agendaItemTitleSeen(viewer) })
    .from(refTable(minute))
    .innerJoin(...agendaItem.on(minute.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(eq(minute.id, minuteId));
  return row ?? null;
}

export async function getBoardRecommendation(viewer: Viewer, id: string, now: Date = new Date()) {
  if (!isUuid(id)) return null;
  const [r] = await db()
    .select({
      rec: recommendations,
      bodyName: body.name,
      bodySlug: body.slug,
      addressee: organisation.name,
      statutoryResponseDuty: organisation.statutoryResponseDuty,
      responseWorkingDays: organisation.responseWorkingDays,
      lead: person.name,
      leadSlug: person.slug,
      documentSlug: document.slug,
      documentTitle: document.title,
    })
    .from(recommendations)
    .innerJoin(...body.on(recommendations.bodyId))
    .innerJoin(...organisation.on(recommendations.addresseeOrganisationId))
    .leftJoin(...person.on(recommendations.leadPersonId))
    .leftJoin(...document.on(recommendations.agreedInDocumentId))
    .where(and(eq(recommendations.id, id), eq(recommendations.source, "board"), recommendationVisible(viewer)));
  if (!r) return null;
  const rec = r.rec;
  const today = isoDay(now);
  const [response] = await db().select().from(recommendationResponses).where(eq(recommendationResponses.recommendationId, id));
  const clock = responseState({ receivedOn: rec.receivedOn, period: periodOf(r), respondedOn: response?.givenOn ?? null }, today);
  const agreed = await agreedAt(viewer, rec.agreedAtMinuteId);
  const judged = await agreedAt(viewer, rec.judgedAtMinuteId);
  const prios = await db()
    .select({ slug: priorities.slug, title: priorities.title })
    .from(recommendationPriorities)
    .innerJoin(priorities, eq(priorities.id, recommendationPriorities.priorityId))
    .where(eq(recommendationPriorities.recommendationId, id))
    .orderBy(asc(priorities.position));
  const as = await trailActions(viewer, eq(action.recommendationId, id));
  const actions = as.map((a) => {
    return {
      ...trailActionRow(a, now),
      createdOn: isoDay(a.createdAt),
      completedOn: a.completedAt ? isoDay(a.completedAt) : null,
    };
  });

  const events: TrailEvent[] = [];
  const add = (on: string | null, what: string, precision: DatePrecision = "exact") => on && events.push({ on, date: dateText(on, precision), what });
  // The day agreed is the meeting's, as precisely as the sources give it (the imported 2021 meeting: the year).
  const agreedPrecision = agreed?.datePrecision ?? "exact";
  add(rec.agreedOn, agreed ? `Agreed by ${r.bodyName} at ${agreed.meetingTitle}` : r.documentTitle ? `Agreed by ${r.bodyName} in ${r.documentTitle}` : `Agreed by ${r.bodyName}`, agreedPrecision);
  add(rec.receivedOn, `Received by ${r.addressee}`);
  if (clock.dueOn && (!response || response.givenOn > clock.dueOn || clock.state !== "received")) add(clock.dueOn, "Response due");
  if (response) add(response.givenOn, `${RESPONSE_OUTCOME_LABELS[response.outcome]} by ${response.givenBy}${clock.daysLate > 0 ? ` (${clock.daysLate} ${clock.daysLate === 1 ? "day" : "days"} late)` : ""}`);
  for (const a of actions) {
    add(a.createdOn, `Action agreed: ${a.description}`);
    add(a.completedOn, `Action completed: ${a.description}`);
  }
  add(rec.reviewOn, rec.judgedOn ? "Review planned" : "The board will review implementation");
  if (rec.implementationState) add(rec.judgedOn, `The board judged it ${IMPLEMENTATION_STATE_LABELS[rec.implementationState].toLowerCase()}`);
  events.sort((a, b) => a.on.localeCompare(b.on));

  return {
    id: rec.id,
    source: "board" as const,
    sourceLabel: `Recommendation of ${r.bodyName}`,
    reference: rec.reference,
    text: rec.text,
    body: { name: r.bodyName, slug: r.bodySlug },
    agreed: {
      on: rec.agreedOn ? dateText(rec.agreedOn, agreedPrecision) : null,
      meeting: agreed ? { slug: agreed.meetingSlug, title: agreed.meetingTitle, itemTitle: agreed.itemTitle } : null,
      document: r.documentSlug ? { slug: r.documentSlug, title: r.documentTitle } : null,
    },
    addressee: r.addressee,
    lead: r.lead ? { name: r.lead, slug: r.leadSlug } : null,
    received: rec.receivedOn ? formatDate(rec.receivedOn) : null,
    clock: { ...clock, due: clock.dueOn ? formatDate(clock.dueOn) : null },
    response: response
      ? {
          outcome: response.outcome,
          outcomeLabel: RESPONSE_OUTCOME_LABELS[response.outcome],
          reasonsHtml: renderMarkdown(response.reasons),
          actionPlannedHtml: renderMarkdown(response.actionPlanned),
          givenBy: response.givenBy,
          given: formatDate(response.givenOn),
          agreedAt: response.agreedAt,
        }
      : null,
    review: rec.reviewOn ? formatDate(rec.reviewOn) : null,
    judgement: rec.implementationState
      ? {
          state: rec.implementationState,
          label: IMPLEMENTATION_STATE_LABELS[rec.implementationState],
          on: rec.judgedOn ? formatDate(rec.judgedOn) : null,
          meeting: judged ? { slug: judged.meetingSlug, title: judged.meetingTitle } : null,
          noteHtml: renderMarkdown(rec.judgement ?? ""),
        }
      : null,
    priorities: prios,
    followsUp: await linkedInspectionRecommendations(id),
    actions,
    timeline: events,
  };
}

export type BoardRecommendationTrail = NonNullable<Awaited<ReturnType<typeof getBoardRecommendation>>>;

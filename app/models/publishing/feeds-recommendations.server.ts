/**
 * The board's own recommendations in the feeds (issue 17, item 5): an Atom feed of the responses
 * to them (public ones only, read with the public Viewer), and the response due days in the
 * private calendar of the lead (read with the calendar owner's Viewer).
 */
import { and, desc, eq, isNotNull, isNull, or } from "drizzle-orm";
import { db } from "../../db.server";
import { getEnv } from "../../env.server";
import { formatDate } from "../../rules/dates.server";
import { daysBetween } from "../../rules/deadlines.server";
import { RESPONSE_OUTCOME_LABELS } from "../../rules/recommendation-outcomes.server";
import { PUBLIC_VIEWER, type Viewer } from "../../rules/viewer.server";
import { recommendationVisible } from "../../rules/visibility.server";
import { markdownToText } from "../../utils/markdown.server";
import { refTable } from "../../utils/refs.server";
import { boardRecommendation, recommendationResponseOf } from "../oversight/refs.server";
import { body, organisation } from "../people/refs.server";
import type { CalendarEvent } from "./feeds-calendar.server";
import { renderAtom, type AtomEntry } from "./feeds.server";
import { hostOf, truncate } from "./feeds-shared.server";

const FEED_LIMIT = 100;
export const RECOMMENDATION_RESPONSES_FEED_PATH = "/feeds/recommendation-responses.atom";

/** Responses to the board's public recommendations, newest first. */
export async function recommendationResponseEntries(site: string): Promise<AtomEntry[]> {
  const rows = await db()
    .select({
      id: recommendationResponseOf.id,
      outcome: recommendationResponseOf.outcome,
      reasons: recommendationResponseOf.reasons,
      actionPlanned: recommendationResponseOf.actionPlanned,
      givenBy: recommendationResponseOf.givenBy,
      givenOn: recommendationResponseOf.givenOn,
      recommendationId: boardRecommendation.id,
      reference: boardRecommendation.reference,
      text: boardRecommendation.text,
      dueOn: boardRecommendation.responseDueOn,
      body: body.name,
      addressee: organisation.name,
    })
    .from(refTable(boardRecommendation))
    .innerJoin(...recommendationResponseOf.on(boardRecommendation.id))
    .innerJoin(...body.on(boardRecommendation.bodyId))
    .innerJoin(...organisation.on(boardRecommendation.addresseeOrganisationId))
    .where(and(eq(boardRecommendation.source, "board"), recommendationVisible(PUBLIC_VIEWER)))
    .orderBy(desc(recommendationResponseOf.givenOn), desc(recommendationResponseOf.createdAt))
    .limit(FEED_LIMIT);
  const host = hostOf(site);
  return rows.map((r) => {
    const late = r.dueOn && r.givenOn > r.dueOn ? daysBetween(r.dueOn, r.givenOn) : 0;
    const outcome = RESPONSE_OUTCOME_LABELS[r.outcome];
    const when = `${outcome} by ${r.givenBy} (${r.addressee}) on ${formatDate(r.givenOn)}, ${late > 0 ? `${late} ${late === 1 ? "day" : "days"} late` : "on time"}${r.dueOn ? ` (due ${formatDate(r.dueOn)})` : ""}.`;
    const reasons = r.reasons.trim() ? `\n\nReasons: ${markdownToText(r.reasons).trim()}` : "";
    const planned = r.actionPlanned.trim() ? `\n\nThe action it will take: ${markdownToText(r.actionPlanned).trim()}` : "";
    return {
      id: `tag:${host},2024:recommendation-response/${r.id}`,
      title: `${outcome}: ${r.reference}: ${truncate(r.text, 120)}`,
      // Dated by the day the response was given (the record's own date, never the import's time).
      updated: new Date(`${r.givenOn}T00:00:00Z`),
      link: `${site}/recommendations/${r.recommendationId}`,
      summary: truncate(`Recommendation of ${r.body}. ${when}${reasons}${planned}`, 1000),
      category: r.outcome,
    };
  });
}

export async function recommendationResponsesFeed(site: string) {
  return renderAtom({
    id: `tag:${hostOf(site)},2024:recommendation-responses`,
    title: `${getEnv().SITE_NAME}: responses to the board's recommendations`,
    self: `${site}${RECOMMENDATION_RESPONSES_FEED_PATH}`,
    alternate: `${site}/recommendations`,
    entries: await recommendationResponseEntries(site),
  });
}

/**
 * The response due days of the board recommendations the calendar's owner leads (or, where no
 * lead is named, addressed to the organisation an officer belongs to), while no response is
 * recorded: only those the owner may see.
 */
export async function recommendationDueEvents(viewer: Extract<Viewer, { kind: "user" }>, site: string): Promise<CalendarEvent[]> {
  const mine = or(
    viewer.personId ? eq(boardRecommendation.leadPersonId, viewer.personId) : undefined,
    viewer.role === "officer" && viewer.organisationId
      ? and(isNull(boardRecommendation.leadPersonId), eq(boardRecommendation.addresseeOrganisationId, viewer.organisationId))
      : undefined,
  );
  if (!mine) return [];
  const rows = await db()
    .select({
      id: boardRecommendation.id,
      reference: boardRecommendation.reference,
      text: boardRecommendation.text,
      dueOn: boardRecommendation.responseDueOn,
      updatedAt: boardRecommendation.updatedAt,
      addressee: organisation.name,
    })
    .from(refTable(boardRecommendation))
    .innerJoin(...organisation.on(boardRecommendation.addresseeOrganisationId))
    .leftJoin(...recommendationResponseOf.on(boardRecommendation.id))
    .where(
      and(
        mine,
        eq(boardRecommendation.source, "board"),
        isNotNull(boardRecommendation.responseDueOn),
        isNull(recommendationResponseOf.id),
        recommendationVisible(viewer),
      ),
    )
    .limit(500);
  const host = hostOf(site);
  return rows.map((r) => ({
    uid: `recommendation-response-due-${r.id}@${host}`,
    sequence: 0,
    stamp: r.updatedAt,
    summary: `Response due: recommendation ${r.reference} ${truncate(r.text, 80)}`,
    url: `${site}/recommendations/${r.id}`,
    description: `The response of ${r.addressee} is due. ${site}/recommendations/${r.id}`,
    status: "CONFIRMED" as const,
    start: r.dueOn!,
  }));
}

/** The register's filters: what a query string may ask for, and the choices the filter form offers. */
import { and, asc, desc, eq, inArray, not, sql, type SQL } from "drizzle-orm";
import { questions } from "../../../db/schema/questions";
import { db } from "../../db.server";
import { QUESTION_STATUSES, type QuestionStatus } from "../../rules/status.server";
import { demoPerson, meetingVisible, questionVisible } from "../../rules/visibility.server";
import { canSeeDrafts, type Viewer } from "../../rules/viewer.server";
import { readDayFilter } from "../../utils/day-filter";
import { joinClause, refTable } from "../../utils/refs.server";
import { isUuid } from "../../utils/uuid";
import { agendaItem, agendaItemRef, meeting } from "../meetings/refs.server";
import { priority, recommendationsMatching } from "../oversight/refs.server";
import { body, organisation, person } from "../people/refs.server";
import { recommendationChoices } from "./questions.server";

export interface QuestionFilters {
  status?: QuestionStatus;
  body?: string;
  meeting?: string;
  organisation?: string;
  member?: string;
  priority?: string;
  recommendation?: string;
  overdue?: boolean;
  /** Tabled on or after / before (YYYY-MM-DD). */
  from?: string;
  to?: string;
  sort?: QuestionSort;
}

export const QUESTION_SORTS = {
  newest: "Newest first",
  oldest: "Oldest first",
  due: "Due soonest",
  late: "Most days late",
} as const;
export type QuestionSort = keyof typeof QUESTION_SORTS;

const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

/**
 * Above this many choices a register filter is a text field, not a select: at
 * archive scale the recommendations and askers ran to hundreds of options, sent
 * twice (HTML and loader data), and made the register page 300 KB (ADR 010).
 */
export const FILTER_CHOICES_MAX = 50;
const FILTER_TEXT_MAX = 100;

/** Words typed into a filter's text field (or a slug / id chosen from its select): trimmed, at most 100 characters. */
export function filterText(v: string | null): string | undefined {
  const t = (v ?? "").replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
  return t ? t.slice(0, FILTER_TEXT_MAX) : undefined;
}

/**
 * The recommendation filter on a question or action id: a recommendation's id
 * (from the select, or a link from its page), else words matched against each
 * recommendation's reference, text and inspection title ("R3 focused visit").
 */
export function recommendationCondition(value: string, matches: (recommendationIds: SQL) => SQL): SQL {
  if (isUuid(value)) return matches(sql`${value}::uuid`);
  return matches(sql`any ${recommendationsMatching(value)}`);
}


/** Filters from a query string; anything malformed is ignored (never a 500). */
export function parseQuestionFilters(params: URLSearchParams): QuestionFilters {
  const slug = (name: string) => {
    const v = params.get(name);
    return v && SLUG.test(v) ? v : undefined;
  };
  const status = params.get("status");
  const sort = params.get("sort");
  const rec = params.get("recommendation");
  return {
    status: (QUESTION_STATUSES as string[]).includes(status ?? "") ? (status as QuestionStatus) : undefined,
    body: slug("body"),
    meeting: slug("meeting"),
    organisation: slug("organisation"),
    member: filterText(params.get("member")),
    priority: slug("priority"),
    recommendation: filterText(rec),
    overdue: params.get("overdue") === "yes" ? true : undefined,
    // The date input's boxes (from-day, from-month, from-year) or the old from=YYYY-MM-DD.
    from: readDayFilter(params, "from", "From").value,
    to: readDayFilter(params, "to", "To").value,
    sort: sort && Object.hasOwn(QUESTION_SORTS, sort) ? (sort as QuestionSort) : undefined,
  };
}

/** The filters as a query string (for links that keep them: pages, CSV). */
export function filtersQuery(filters: object, extra: Record<string, string> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters) as [string, string | boolean | undefined][]) {
    if (v === undefined || v === false || v === "") continue;
    p.set(k, v === true ? "yes" : v);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** At most this many meetings are offered in the register's meeting filter (the most recent). */
export const MEETING_CHOICES = 100;

/**
 * The choices the register's filters offer: only what the viewer may see. At
 * archive size there are thousands of meetings with questions, so the meeting
 * filter offers the most recent MEETING_CHOICES (of the chosen body, when one
 * is chosen) and always the meeting already chosen; with a body chosen, the
 * member filter offers that body's askers.
 */
export async function questionFilterOptions(viewer: Viewer, chosen: Pick<QuestionFilters, "body" | "meeting"> = {}) {
  const ai = agendaItemRef("ai");
  const hasQuestions = sql`exists (select 1 from ${questions} q ${joinClause(ai.on(sql`q.agenda_item_id`))} where ${ai.meetingId} = ${meeting.id})`;
  const meetingQuery = (where: SQL | undefined) =>
    db()
      .select({ slug: meeting.slug, title: meeting.title })
      .from(refTable(meeting))
      .innerJoin(...body.on(meeting.bodyId))
      .where(and(meetingVisible(viewer), hasQuestions, where))
      .orderBy(desc(meeting.startsAt));
  const recent = await meetingQuery(chosen.body ? eq(body.slug, chosen.body) : undefined).limit(MEETING_CHOICES);
  const picked = chosen.meeting && !recent.some((m) => m.slug === chosen.meeting) ? await meetingQuery(eq(meeting.slug, chosen.meeting)) : [];
  const bodyRows = await db().select({ slug: body.slug, name: body.name }).from(refTable(body)).orderBy(asc(body.name));
  const orgs = await db()
    .select({ slug: organisation.slug, name: organisation.name })
    .from(refTable(organisation))
    .orderBy(asc(organisation.name));
  // Without a body: one indexed probe per person (questions.asked_by_id), not a join of every
  // question (a scalar subquery with LIMIT 1; an EXISTS would be planned as that join).
  // With a body: the askers among that body's questions.
  const asked = db()
    .select({ one: sql`1` })
    .from(questions)
    .innerJoin(...agendaItem.on(questions.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(eq(questions.askedById, person.id), questionVisible(viewer)))
    .limit(1);
  const askedOnBody = (slug: string) =>
    db()
      .select({ id: questions.askedById })
      .from(questions)
      .innerJoin(...agendaItem.on(questions.agendaItemId))
      .innerJoin(...meeting.on(agendaItem.meetingId))
      .innerJoin(...body.on(meeting.bodyId))
      .where(and(eq(body.slug, slug), questionVisible(viewer)));
  const members = await db()
    .select({ slug: person.slug, name: person.name })
    .from(refTable(person))
    // A demo login is never offered by name to the public (issue 15, item 10).
    .where(and(chosen.body ? inArray(person.id, askedOnBody(chosen.body)) : sql`(${asked}) is not null`, canSeeDrafts(viewer) ? undefined : not(demoPerson())))
    .orderBy(asc(person.name), asc(person.slug))
    .limit(FILTER_CHOICES_MAX + 1);
  const prios = await db()
    .select({ slug: priority.slug, title: priority.title })
    .from(refTable(priority))
    .orderBy(asc(priority.position));
  const recs = await recommendationChoices(FILTER_CHOICES_MAX + 1);
  // null: too many to list, the form offers a text field instead.
  const listable = <T>(rows: T[]) => (rows.length > FILTER_CHOICES_MAX ? null : rows);
  return {
    meetings: [...picked, ...recent],
    bodies: bodyRows,
    organisations: orgs,
    members: listable(members),
    priorities: prios,
    recommendations: listable(recs),
  };
}

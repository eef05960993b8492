/** The questions register: questions the viewer may see, filtered, sorted and paged in SQL. */
import { and, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { questionPriorities, questionRecommendations, questions, questionStatusFacts } from "../../../db/schema/questions";
import { db } from "../../db.server";
import { describeDate, formatDate, isoDay } from "../../rules/dates.server";
import { dateText, exportDate, knownToTheDay } from "../../rules/date-precision.server";
import { QUESTION_STATUS_LABELS, statusSql, type QuestionSqlSource, type QuestionStatus } from "../../rules/status.server";
import { questionStatusBasis } from "../../rules/question-status-basis.server";
import { questionVisible } from "../../rules/visibility.server";
import type { Viewer } from "../../rules/viewer.server";
import { agendaItem, meeting } from "../meetings/refs.server";
import { escapeLike } from "../people";
import { body, organisation, person, personWithSlugExists } from "../people/refs.server";
import { priorityWithSlug } from "../oversight/refs.server";
import { inBatches, pageOfQuery, keysetAfter, keysetValues, orderByKeys, type SortKey } from "../../utils/paging.server";
import { recommendationCondition, type QuestionFilters, type QuestionSort } from "./register-filters.server";

const likeAnywhere = (text: string) => `%${escapeLike(text)}%`;

/**
 * The member filter: a person's slug (from the select, or a link), else words
 * of their name ("Khan" finds every Khan who asked), for the text field.
 */
function memberCondition(value: string): SQL {
  return sql`(${person.slug} = ${value} or (not ${personWithSlugExists(value)} and ${person.name} ilike ${likeAnywhere(value)}))`;
}

function filterConditions(f: QuestionFilters & { askedById?: string; addressedToId?: string; agendaItemId?: string }): SQL[] {
  const c: (SQL | undefined)[] = [
    f.agendaItemId ? eq(questions.agendaItemId, f.agendaItemId) : undefined,
    f.askedById ? eq(questions.askedById, f.askedById) : undefined,
    f.addressedToId ? eq(questions.addressedToId, f.addressedToId) : undefined,
    f.body ? eq(body.slug, f.body) : undefined,
    f.meeting ? eq(meeting.slug, f.meeting) : undefined,
    f.organisation ? eq(organisation.slug, f.organisation) : undefined,
    f.member ? memberCondition(f.member) : undefined,
    f.priority
      ? sql`exists (select 1 from ${questionPriorities} qp where qp.question_id = ${questions.id} and qp.priority_id = ${priorityWithSlug(f.priority)})`
      : undefined,
    f.recommendation
      ? recommendationCondition(
          f.recommendation,
          (ids) => sql`exists (select 1 from ${questionRecommendations} qr where qr.question_id = ${questions.id} and qr.recommendation_id = ${ids})`,
        )
      : undefined,
    f.from ? gte(questions.tabledOn, f.from) : undefined,
    f.to ? lte(questions.tabledOn, f.to) : undefined,
  ];
  return c.filter((x): x is SQL => x !== undefined);
}

/** Where the status rules find a question's facts in the register's query. */
export const QUESTION_STATUS_SOURCE: QuestionSqlSource = {
  rejectedAt: questions.rejectedAt,
  acceptedAt: questions.acceptedAt,
  closedAt: questions.closedAt,
  sourceStatus: questions.sourceStatus,
  dueOn: questions.dueOn,
  tabledOn: questions.tabledOn,
  hasFullResponse: questionStatusFacts.hasFullResponse,
  hasHoldingResponse: questionStatusFacts.hasHoldingResponse,
  openActions: questionStatusFacts.openActions,
  firstFullResponseAt: questionStatusFacts.firstFullResponseAt,
  lastActionEndedAt: questionStatusFacts.lastActionEndedAt,
};

interface QuestionListOptions {
  filters?: QuestionFilters;
  agendaItemId?: string;
  askedById?: string;
  addressedToId?: string;
  now?: Date;
}

function questionSortKeys(sort: QuestionSort, today: string): SortKey[] {
  const newest: SortKey[] = [{ expr: questions.tabledOn, desc: true }, { expr: questions.position }, { expr: questions.id }];
  switch (sort) {
    case "oldest":
      return newest.map((k) => ({ ...k, desc: !k.desc }));
    case "due":
      return [{ expr: sql`coalesce(${questions.dueOn}, '9999-12-31'::date)` }, ...newest];
    case "late":
      return [{ expr: statusSql.questionDaysLate(QUESTION_STATUS_SOURCE, today), desc: true }, ...newest];
    default:
      return newest;
  }
}

/**
 * The register's query: visibility, filters (status and overdue included:
 * statusSql evaluates the status rules in the database) and the derived
 * values, so a page is filtered, sorted and cut in SQL.
 */
function questionListQuery(viewer: Viewer, options: QuestionListOptions, keys: SortKey[], today: string, extra?: SQL) {
  const filters = options.filters ?? {};
  const src = QUESTION_STATUS_SOURCE;
  const status = statusSql.question(src);
  return db()
    .select({
      id: questions.id,
      text: questions.text,
      isSummarised: questions.isSummarised,
      raisedAtMeeting: questions.raisedAtMeeting,
      enteredAfterTheFact: questions.enteredAfterTheFact,
      tabledOn: questions.tabledOn,
      dueOn: questions.dueOn,
      closedAt: questions.closedAt,
      sourceStatusNote: questions.sourceStatusNote,
      parentQuestionId: questions.parentQuestionId,
      datePrecision: questions.tabledOnPrecision,
      askedBy: person.name,
      addressedTo: organisation.name,
      agendaItemId: agendaItem.id,
      agendaItemTitle: agendaItem.title,
      meetingSlug: meeting.slug,
      meetingTitle: meeting.title,
      bodyName: body.name,
      status: sql<QuestionStatus>`${status}`,
      overdue: sql<boolean>`${statusSql.questionOverdue(src, today)}`,
      daysOpen: sql<number | null>`${statusSql.questionDaysOpen(src, today)}`,
      daysLate: sql<number>`${statusSql.questionDaysLate(src, today)}`,
      openActions: sql<number>`coalesce(${questionStatusFacts.openActions}, 0)`,
      // Why its latest response is recorded as the organisation's, where the source names no responder.
      responseAttributionNote: sql<string | null>`(select r.attribution_note from responses r where r.question_id = ${questions.id}
        and r.attribution_note is not null order by r.responded_at desc limit 1)`,
      keys: keysetValues(keys),
    })
    .from(questions)
    .innerJoin(...agendaItem.on(questions.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .innerJoin(...body.on(meeting.bodyId))
    .innerJoin(...organisation.on(questions.addressedToId))
    .leftJoin(...person.on(questions.askedById))
    .leftJoin(questionStatusFacts, eq(questionStatusFacts.questionId, questions.id))
    .where(
      and(
        questionVisible(viewer),
        ...filterConditions({
          ...filters,
          agendaItemId: options.agendaItemId,
          askedById: options.askedById,
          addressedToId: options.addressedToId,
        }),
        filters.status ? sql`${status} = ${filters.status}` : undefined,
        filters.overdue ? statusSql.questionOverdue(src, today) : undefined,
        extra,
      ),
    )
    .orderBy(...orderByKeys(keys))
    .$dynamic();
}

type QuestionQueryRow = Awaited<ReturnType<typeof questionListQuery>>[number];

function questionListRow(r: QuestionQueryRow) {
  return {
    id: r.id,
    text: r.text,
    isSummarised: r.isSummarised,
    raisedAtMeeting: r.raisedAtMeeting,
    enteredAfterTheFact: r.enteredAfterTheFact,
    isSupplementary: r.parentQuestionId !== null,
    tabledOn: r.tabledOn,
    tabled: dateText(r.tabledOn, r.datePrecision),
    /** For exports: the day where the sources give it, else null (with tabledOnPrecision and tabledOnNote). */
    ...exportDate("tabledOn", r.tabledOn, r.datePrecision),
    dueOn: r.dueOn,
    due: r.dueOn ? formatDate(r.dueOn) : null,
    askedBy: r.askedBy,
    addressedTo: r.addressedTo,
    body: r.bodyName,
    agendaItem: { id: r.agendaItemId, title: r.agendaItemTitle },
    meeting: { slug: r.meetingSlug, title: r.meetingTitle },
    status: r.status,
    statusLabel: QUESTION_STATUS_LABELS[r.status],
    statusBasis: questionStatusBasis({
      status: r.status,
      closedByClerk: r.closedAt !== null,
      sourceStatusNote: r.sourceStatusNote,
      openActions: Number(r.openActions),
    }),
    overdue: Boolean(r.overdue),
    // Not counted where the sources do not give the day it was raised.
    daysOpen: r.daysOpen === null || !knownToTheDay(r.datePrecision) ? null : Number(r.daysOpen),
    daysLate: Number(r.daysLate),
    openActions: Number(r.openActions),
    responseAttributionNote: r.responseAttributionNote,
  };
}

/**
 * Questions the viewer may see, filtered and sorted, one page at a time (or
 * every match, for the short personal lists). The total is capped
 * (app/utils/paging.server.ts): `more` says there are more than it.
 */
export async function listQuestions(
  viewer: Viewer,
  options: QuestionListOptions & {
    page: number;
    /** Every matching row (short lists: a member's own, an officer's queue, the chase list). */
    all?: boolean;
  },
) {
  const today = isoDay(options.now ?? new Date());
  const keys = questionSortKeys(options.filters?.sort ?? "newest", today);
  const { rows, ...counted } = await pageOfQuery(() => questionListQuery(viewer, options, keys, today), options, questionListRow);
  return { ...counted, questions: rows };
}

/** Every question a list would show, a batch at a time (CSV export): never all rows in memory. */
export function questionsInBatches(viewer: Viewer, options: QuestionListOptions) {
  const today = isoDay(options.now ?? new Date());
  const keys = questionSortKeys(options.filters?.sort ?? "newest", today);
  return inBatches(async (after, limit) => {
    const rows = await questionListQuery(viewer, options, keys, today, after ? keysetAfter(keys, after) : undefined).limit(limit);
    return rows.map((r) => ({ row: questionListRow(r), keys: r.keys }));
  });
}

export type QuestionListRow = Awaited<ReturnType<typeof listQuestions>>["questions"][number];

/** Public questions raised on one agenda item (for the item page). */
export async function questionsForAgendaItem(viewer: Viewer, agendaItemId: string) {
  return listQuestions(viewer, { page: 1, agendaItemId });
}

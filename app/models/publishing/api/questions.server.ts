/** The API's questions, with their responses and actions. */
import { and, asc, count, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { db } from "../../../db.server";
import { apiDate, precisionOfLatest } from "../../../rules/date-precision.server";
import { questionStatusBasis } from "../../../rules/question-status-basis.server";
import { statusBasisFields } from "../../../rules/status-basis.server";
import { isActionDone, questionClosedAt, questionStatus } from "../../../rules/status.server";
import { questionVisible } from "../../../rules/visibility.server";
import { refTable, refFields } from "../../../utils/refs.server";
import { agendaItem, meeting } from "../../meetings/refs.server";
import { organisation, person } from "../../people/refs.server";
import { action, question, response } from "../../questions/refs.server";
import { questionFacts } from "../../search";
import { actionOut, actionRows } from "./actions.server";
import { page, type ListParams } from "./envelope.server";
import { bodyIdFor, iso, viewer } from "./shared.server";

const questionColumns = refFields(question);
const responseColumns = refFields(response);

async function questionsOut(site: string, rows: Awaited<ReturnType<typeof questionQuery>>) {
  const ids = rows.map((r) => r.q.id);
  const facts = await questionFacts(ids);
  const rs = ids.length ? await db().select(responseColumns).from(refTable(response)).where(inArray(response.questionId, ids)).orderBy(asc(response.respondedAt)) : [];
  const as = ids.length ? await actionRows(inArray(action.questionId, ids)) : [];
  return rows.map(({ q, meetingId, askedBy, addressedTo }) => {
    const f = facts.get(q.id);
    const mine = rs.filter((r) => r.questionId === q.id);
    const supersededIds = new Set(mine.map((r) => r.supersedesId).filter(Boolean));
    const full = mine.filter((r) => r.kind === "full" && !supersededIds.has(r.id));
    // When it closed: the clerk's closure, or the last of its full response and actions (status.server.ts).
    const closedAt = f ? questionClosedAt({ ...f, fullResponseAt: full[0]?.respondedAt ?? null }) : null;
    const closedPrecision = q.closedAt
      ? "exact"
      : precisionOfLatest([
          ...full.map((r) => ({ at: r.respondedAt, precision: r.respondedAtPrecision })),
          ...(f?.actions ?? []).map((a) => ({ at: a.completedAt ?? a.cancelledAt, precision: "exact" as const })),
        ]);
    return {
      id: q.id,
      text: q.text,
      is_summarised: q.isSummarised,
      parent_id: q.parentQuestionId,
      agenda_item_id: q.agendaItemId,
      meeting_id: meetingId,
      asked_by: q.askedById ? { id: q.askedById, name: askedBy } : null,
      addressed_to: { id: q.addressedToId, name: addressedTo },
      ...apiDate("tabled_on", q.tabledOn, q.tabledOnPrecision),
      due_on: q.dueOn,
      /** Recorded by the clerk after the fact (a question of a past meeting), with its true dates. */
      entered_after_the_fact: q.enteredAfterTheFact,
      status: f ? questionStatus(f) : null,
      ...(f ? statusBasisFields(questionStatusBasis({
        status: questionStatus(f),
        closedByClerk: q.closedAt !== null,
        sourceStatusNote: q.sourceStatusNote,
        openActions: f.actions.filter((a) => !isActionDone(a)).length,
      })) : {}),
      ...apiDate("closed_at", closedAt, closedPrecision),
      source_note: q.sourceNote,
      responses: mine
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          body_markdown: r.body,
          ...apiDate("responded_at", r.respondedAt, r.respondedAtPrecision),
          expected_on: r.expectedOn,
          supersedes_id: r.supersedesId,
          // Who responded, where the source says: null when it names no responder (attribution_note says why
          // the portal records it as attributed_organization_id's; docs/decisions/021).
          organization_id: r.attributionNote ? null : r.organisationId,
          attributed_organization_id: r.organisationId,
          attribution_note: r.attributionNote,
          source_note: r.sourceNote,
        })),
      actions: as.filter((x) => x.a.questionId === q.id).map((x) => actionOut(site, x)),
      url: `${site}/questions/${q.id}`,
      api_url: `${site}/api/v1/questions/${q.id}`,
    };
  });
}

function questionQuery(where: SQL | undefined) {
  return db()
    .select({ q: questionColumns, meetingId: meeting.id, askedBy: person.name, addressedTo: organisation.name })
    .from(refTable(question))
    .innerJoin(...agendaItem.on(question.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .innerJoin(...organisation.on(question.addressedToId))
    .leftJoin(...person.on(question.askedById))
    .where(and(questionVisible(viewer), where));
}

export async function listQuestionsApi(site: string, url: URL, p: ListParams) {
  const bodyId = await bodyIdFor(p.body);
  const where = and(
    bodyId ? eq(meeting.bodyId, bodyId) : undefined,
    p.since ? gte(question.tabledOn, p.since) : undefined,
    p.until ? sql`${question.tabledOn} <= ${p.until}::date` : undefined,
  );
  const [{ total }] = await db()
    .select({ total: count() })
    .from(refTable(question))
    .innerJoin(...agendaItem.on(question.agendaItemId))
    .innerJoin(...meeting.on(agendaItem.meetingId))
    .where(and(questionVisible(viewer), where));
  const rows = await questionQuery(where).orderBy(desc(question.tabledOn), asc(question.position), asc(question.id)).limit(p.perPage).offset((p.page - 1) * p.perPage);
  return page(site, url, p, total, await questionsOut(site, rows));
}

export async function getQuestionApi(site: string, id: string) {
  const rows = await questionQuery(eq(question.id, id));
  return rows.length ? (await questionsOut(site, rows))[0] : null;
}

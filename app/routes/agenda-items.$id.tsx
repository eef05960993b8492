import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCan } from "~/auth/use-can";
import { getViewer } from "~/auth/viewer.server";
import { StatusBasisNote, Tag, UpdateNotes } from "~/components/notes";
import { DecisionList } from "~/components/decisions";
import { ExemptItemNote } from "~/components/exempt-notes";
import { InlineAnswer } from "~/components/inline-answer";
import { MinutesStateNote } from "~/components/minutes-state";
import { Pagination } from "~/components/pagination";
import { agendaItemUpdates, decisionsOf, getAgendaItem } from "~/models/meetings";
import { getMeeting } from "~/models/meetings";
import { latestResponsesFor, listQuestions } from "~/models/questions";
import { topicsOfAgendaItem } from "~/models/oversight";
import { municipalYearLabel } from "~/rules/municipal-year.server";
import { idParam, invariantFound, pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { RecordTools } from "~/components/record-tools";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Item ${data.item.number}: ${data.item.title}` : "Agenda item", {
    description: data ? `Item ${data.item.number} of ${data.item.meeting.title}: ${data.item.title}. Its reports, minutes and the questions raised on it.` : null,
  });

export const handle = {
  breadcrumbs: (data: { item: { meeting: { slug: string; title: string } } } | undefined) => [
    { label: "Home", to: "/" },
    { label: "Meetings", to: "/meetings" },
    ...(data ? [{ label: data.item.meeting.title, to: `/meetings/${data.item.meeting.slug}` }] : []),
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const item = invariantFound(await getAgendaItem(viewer, idParam(params)));
  const meeting = invariantFound(await getMeeting(viewer, item.meeting.slug));
  const page = parsePage(request.url);
  const questions = item.contentVisible
    ? await listQuestions(viewer, { page, agendaItemId: item.id })
    : { total: 0, more: false, questions: [] };
  const updates = await agendaItemUpdates(item);
  const answers = await latestResponsesFor(questions.questions.map((q) => q.id));
  const decisions = await decisionsOf(viewer, { itemId: item.id });
  const topics = (await topicsOfAgendaItem(viewer, item.id)).map((t) => ({ id: t.id, title: t.title, yearLabel: municipalYearLabel(t.year) }));
  return json({
    item,
    decisions,
    topics,
    updates,
    meeting: {
      date: meeting.date,
      dateApproximate: meeting.dateApproximate,
      body: meeting.body,
      minutesState: meeting.minutesState,
      minutesApproved: meeting.minutesApproved,
      minutesApprovedAtMeeting: meeting.minutesApprovedAtMeeting,
    },
    questions,
    answers,
    page,
    pageCount: pageCount(questions.total),
  });
}

export default function AgendaItemPage() {
  const { item, updates, meeting, questions, answers, page, pageCount, decisions, topics } = useLoaderData<typeof loader>();
  const can = useCan();
  return (
    <>
      <span className="govuk-caption-l">
        {item.meeting.title} · {meeting.date}
        {meeting.dateApproximate ? " (approximate)" : ""}
      </span>
      <h1 className="govuk-heading-xl">
        <span className="govuk-visually-hidden">Agenda item </span>
        {item.number}. {item.title}
      </h1>
      {item.contentVisible && <RecordTools linkAs="agenda_item" id={item.id} />}
      <UpdateNotes updates={updates} />
      <ExemptItemNote item={item} full />
      {item.publicSummaryHtml && !item.contentVisible && (
        <>
          <h2 className="govuk-heading-m">Public summary</h2>
          <div className="portal-prose" dangerouslySetInnerHTML={{ __html: item.publicSummaryHtml }} />
        </>
      )}
      {item.purposeHtml && (
        <div className="govuk-inset-text portal-prose" dangerouslySetInnerHTML={{ __html: item.purposeHtml }} />
      )}
      {item.leadOfficer && <p className="govuk-body">Lead officer: {item.leadOfficer}</p>}
      {item.bodyHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />}

      {item.documents.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Documents</h2>
          <ul className="govuk-list">
            {item.documents.map((d) => (
              <li key={d.slug}>
                <Link className="govuk-link" to={`/documents/${d.slug}`}>{d.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}

      {item.priorities.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Strategic priorities</h2>
          <ul className="govuk-list">
            {item.priorities.map((p) => (
              <li key={p.slug}>
                <Link className="govuk-link" to={`/priorities/${p.slug}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}

      {topics.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Work programme</h2>
          <ul className="govuk-list">
            {topics.map((t) => (
              <li key={t.id}>
                <Link className="govuk-link" to={`/work-programme/topics/${t.id}`}>{t.title}</Link> (work programme {t.yearLabel})
              </li>
            ))}
          </ul>
        </>
      )}

      {item.minute && (
        <section aria-labelledby="minutes-heading">
          <h2 className="govuk-heading-l" id="minutes-heading">Minutes</h2>
          <MinutesStateNote state={meeting.minutesState} approved={meeting.minutesApproved} at={meeting.minutesApprovedAtMeeting} />
          <UpdateNotes updates={item.minute.updates} />
          <div className="portal-prose" dangerouslySetInnerHTML={{ __html: item.minute.bodyHtml }} />
          {item.minute.decisionsHtml && (
            <>
              <h3 className="govuk-heading-m">Resolved</h3>
              <div className="portal-prose" dangerouslySetInnerHTML={{ __html: item.minute.decisionsHtml }} />
            </>
          )}
          {item.minute.amendments.map((a, i) => (
            <details className="govuk-details" key={i}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  Amended when approved at {a.meeting.title} ({a.meeting.on}): the text before and after
                </span>
              </summary>
              <div className="govuk-details__text">
                <h3 className="govuk-heading-s">As published in draft</h3>
                <p className="govuk-body portal-pre-wrap">{a.before}</p>
                <h3 className="govuk-heading-s">As approved</h3>
                <p className="govuk-body portal-pre-wrap">{a.after}</p>
              </div>
            </details>
          ))}
        </section>
      )}

      {decisions.length > 0 && (
        <section aria-labelledby="decisions-heading">
          <h2 className="govuk-heading-l" id="decisions-heading">Decisions</h2>
          <DecisionList decisions={decisions} headingLevel={3} />
        </section>
      )}

      {questions.total > 0 && (
        <section aria-labelledby="questions-heading">
          <h2 className="govuk-heading-l" id="questions-heading">Questions and responses</h2>
          <p className="govuk-body">
            {questions.total === 1 ? "1 question" : `${questions.total} questions`} on this item, each with its latest
            response. Each links to its full record and timeline.
          </p>
          <ol className="govuk-list govuk-list--number portal-item-questions" start={(page - 1) * 20 + 1}>
            {questions.questions.map((q) => (
              <li key={q.id} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={`/questions/${q.id}`}>{q.text}</Link>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-2">
                  <Tag className={q.status === "closed" ? "govuk-tag--grey" : "govuk-tag--blue"}>{q.statusLabel}</Tag>
                  <StatusBasisNote basis={q.statusBasis} />
                  {q.isSummarised && <span className="portal-meta"> · Summarised from the minutes</span>}
                </p>
                <InlineAnswer answer={answers[q.id]} />
              </li>
            ))}
          </ol>
          <Pagination page={page} pageCount={pageCount} href={(p) => `/agenda-items/${item.id}?page=${p}#questions-heading`} />
        </section>
      )}
      {can("create:question:own") && item.publishedAt && !item.isExempt && (
        <p className="govuk-body portal-no-print">
          <Link className="govuk-button govuk-button--secondary" to={`/questions/new?item=${item.id}`}>
            {can("create:question:any") ? "Record a question raised at the meeting" : "Raise a question on this item"}
          </Link>
        </p>
      )}
      <p className="govuk-body portal-no-print">
        <Link className="govuk-link" to={`/meetings/${item.meeting.slug}`}>Back to the meeting's agenda</Link>
      </p>
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { useCan } from "~/auth/use-can";
import { SourceNote, StatusBasisNote, Tag } from "~/components/notes";
import { ActionsChart, RagTag, TrailCounts } from "~/components/trail";
import { ActionsTable } from "~/components/actions-table";
import { getPriority } from "~/models/oversight";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { RecordTools } from "~/components/record-tools";
import { followingSubscriptionId } from "~/models/publishing";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? `Priority: ${data.priority.title}` : "Priority");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Strategic priorities", to: "/priorities" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const priority = invariantFound(await getPriority(viewer, params.slug ?? ""));
  const url = new URL(request.url);
  return json({ priority, saved: url.searchParams.has("saved"), following: await followingSubscriptionId(viewer, "priority", priority.id) });
}

export default function PriorityPage() {
  const { priority: p, saved, following } = useLoaderData<typeof loader>();
  const can = useCan();
  return (
    <>
      {saved && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="saved-title">Success</h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">The priority has been saved.</p>
          </div>
        </div>
      )}
      <span className="govuk-caption-l">Strategic priority{p.organisation ? ` · ${p.organisation}` : ""}</span>
      <h1 className="govuk-heading-xl">{p.title}</h1>
      <RecordTools follow="priority" following={following} id={p.id} />
      {p.descriptionHtml && <div className="portal-prose" dangerouslySetInnerHTML={{ __html: p.descriptionHtml }} />}
      <p className="govuk-body">Owner: {p.owner ?? "not named in the sources"}</p>
      <SourceNote note={p.sourceNote} />
      {can("update:priority:any") && (
        <p className="govuk-body portal-no-print">
          <Link className="govuk-link" to={`/priorities/${p.slug}/edit`}>Edit this priority</Link>
          {" · "}
          <Link className="govuk-link" to={`/clerk/links?subject=priority:${p.id}`}>Link records to this priority</Link>
        </p>
      )}

      <h2 className="govuk-heading-l" id="linked">Linked to this priority</h2>
      <p className="govuk-body-s">
        What is open among the questions, actions and recommendations linked to this priority. Overdue ones are also counted as open.
      </p>
      <TrailCounts counts={p.counts} />

      {p.documents.length > 0 && (
        <>
          <h3 className="govuk-heading-m">Annual reviews and documents</h3>
          <ul className="govuk-list">
            {p.documents.map((d) => (
              <li key={d.slug}><Link className="govuk-link" to={d.href}>{d.title}</Link></li>
            ))}
          </ul>
        </>
      )}

      <h3 className="govuk-heading-m">Agenda items and minutes</h3>
      {p.agendaItems.length === 0 ? (
        <p className="govuk-body">No agenda items are linked to this priority.</p>
      ) : (
        <ul className="govuk-list">
          {p.agendaItems.map((i) => (
            <li key={i.id} className="govuk-!-margin-bottom-3">
              <Link className="govuk-link" to={`/agenda-items/${i.id}`}>{i.title}</Link>
              {i.hasMinute ? " (with minutes)" : ""}
              <br />
              <span className="portal-meta">
                <Link className="govuk-link" to={`/meetings/${i.meetingSlug}`}>{i.meetingTitle}</Link> · {i.date}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3 className="govuk-heading-m">Inspection recommendations and points to improve</h3>
      {p.recommendations.length === 0 ? (
        <p className="govuk-body">No inspection recommendations or points to improve are linked to this priority.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Inspection recommendations and points to improve linked to this priority</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Recommendation or point to improve</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {p.recommendations.map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/recommendations/${r.id}`}>{r.reference}: {r.text}</Link>
                  <br />
                  <span className="portal-meta">{r.kindLabel} · {r.inspectionTitle}</span>
                </td>
                <td className="govuk-table__cell">
                  {r.status}
                  {r.overdue ? " (overdue)" : ""} <RagTag rag={r.rag} label={r.ragLabel} />
                  <br />
                  <StatusBasisNote basis={r.statusBasis} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3 className="govuk-heading-m">Questions linked to this priority</h3>
      <QuestionsTable questions={p.questions.filter((q) => q.linked)} caption="Questions linked to this priority" empty="No questions are linked to this priority." />

      <h3 className="govuk-heading-m">Actions linked to this priority</h3>
      <p className="govuk-body-s">Actions linked to it, actions on the questions linked to it, and the work answering the recommendations linked to it.</p>
      <ActionsTable captionHidden actions={p.actions.filter((a) => a.linked)} caption="Actions linked to this priority" empty="No actions are linked to this priority." />

      <h2 className="govuk-heading-l" id="on-linked-items">On agenda items linked to this priority</h2>
      <p className="govuk-body">
        Questions raised on the agenda items above, and their actions. They are not themselves linked to this priority: an
        agenda item can cover several subjects.
      </p>
      <TrailCounts counts={p.itemCounts} />
      <h3 className="govuk-heading-m">Questions on linked agenda items</h3>
      <QuestionsTable questions={p.questions.filter((q) => !q.linked)} caption="Questions raised on agenda items linked to this priority" empty="No other questions were raised on the linked agenda items." />
      <h3 className="govuk-heading-m">Actions on those questions</h3>
      <ActionsTable captionHidden actions={p.actions.filter((a) => !a.linked)} caption="Actions on questions raised on agenda items linked to this priority" empty="No actions on those questions." />

      <h2 className="govuk-heading-l">Actions opened and closed over time</h2>
      <ActionsChart periods={p.chart} caption="Actions opened and closed, by quarter" />
    </>
  );
}

type PriorityData = SerializeFrom<typeof loader>["priority"];

function QuestionsTable({ questions, caption, empty }: { questions: PriorityData["questions"]; caption: string; empty: string }) {
  if (questions.length === 0) return <p className="govuk-body">{empty}</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Question</th>
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {questions.map((q) => (
          <tr className="govuk-table__row" key={q.id}>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/questions/${q.id}`}>{q.text}</Link>
              <br />
              <span className="portal-meta">
                {q.how} · {q.tabled} · to {q.addressedTo}
              </span>
            </td>
            <td className="govuk-table__cell">
              {q.statusLabel}
              {q.overdue && (
                <>
                  {" "}
                  <Tag className="govuk-tag--red">Overdue</Tag>
                </>
              )}
              <StatusBasisNote basis={q.statusBasis} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}


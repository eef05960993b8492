import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { useCan } from "~/auth/use-can";
import { SourceNote, StatusBasisNote, Tag } from "~/components/notes";
import { ActionsChart, RagTag, TrailCounts } from "~/components/trail";
import { getPriority } from "~/models/oversight";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { RecordTools } from "~/components/record-tools";

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
  return json({ priority, saved: url.searchParams.has("saved") });
}

export default function PriorityPage() {
  const { priority: p, saved } = useLoaderData<typeof loader>();
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
      <RecordTools follow="priority" id={p.id} />
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

      <h2 className="govuk-heading-l">What is open</h2>
      <p className="govuk-body-s">Questions, actions and recommendations on this page. Overdue ones are also counted as open.</p>
      <TrailCounts counts={p.counts} />

      {p.documents.length > 0 && (
        <>
          <h2 className="govuk-heading-l">Annual reviews and documents</h2>
          <ul className="govuk-list">
            {p.documents.map((d) => (
              <li key={d.slug}><Link className="govuk-link" to={d.href}>{d.title}</Link></li>
            ))}
          </ul>
        </>
      )}

      <h2 className="govuk-heading-l">Agenda items and minutes</h2>
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

      <h2 className="govuk-heading-l">Inspection recommendations</h2>
      {p.recommendations.length === 0 ? (
        <p className="govuk-body">No inspection recommendations are linked to this priority.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Inspection recommendations linked to this priority</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Recommendation</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {p.recommendations.map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/recommendations/${r.id}`}>{r.reference}: {r.text}</Link>
                  <br />
                  <span className="portal-meta">{r.inspectionTitle}</span>
                </td>
                <td className="govuk-table__cell">
                  {r.status}
                  {r.overdue ? " (overdue)" : ""} <RagTag rag={r.rag} label={r.ragLabel} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="govuk-heading-l">Questions</h2>
      {p.questions.length === 0 ? (
        <p className="govuk-body">No questions are linked to this priority.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Questions linked to this priority</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Question</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {p.questions.map((q) => (
              <tr className="govuk-table__row" key={q.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/questions/${q.id}`}>{q.text}</Link>
                  <br />
                  <span className="portal-meta">{q.how} · {q.tabled} · to {q.addressedTo}</span>
                </td>
                <td className="govuk-table__cell">
                  {q.statusLabel}
                  {q.overdue && <> <Tag className="govuk-tag--red">Overdue</Tag></>}
                  <StatusBasisNote basis={q.statusBasis} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="govuk-heading-l">Actions</h2>
      {p.actions.length === 0 ? (
        <p className="govuk-body">No actions are linked to this priority.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Actions linked to this priority</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Action</th>
              <th scope="col" className="govuk-table__header">Lead</th>
              <th scope="col" className="govuk-table__header">Due</th>
              <th scope="col" className="govuk-table__header">Progress</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {p.actions.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/actions/${a.id}`}>{a.reference ? `${a.reference}: ` : ""}{a.description}</Link>
                </td>
                <td className="govuk-table__cell">{a.lead}</td>
                <td className="govuk-table__cell">{a.due}</td>
                <td className="govuk-table__cell">
                  {a.status}
                  {a.overdue ? " (overdue)" : ""} <RagTag rag={a.rag} label={a.ragLabel} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="govuk-heading-l">Actions opened and closed over time</h2>
      <ActionsChart periods={p.chart} caption="Actions opened and closed, by quarter" />
    </>
  );
}

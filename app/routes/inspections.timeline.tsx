import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateText, StatusBasisNote } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { RagTag } from "~/components/trail";
import { inspectionTimeline } from "~/models/oversight";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Inspection history");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Inspections and visits", to: "/inspections" },
  ],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = parsePage(request.url);
  const openPage = parsePage(request.url, "openPage");
  const t = await inspectionTimeline(viewer, { page, openPage });
  return json({ ...t, page, openPage, pageCount: pageCount(t.total), openPageCount: pageCount(t.openTotal) });
}

export default function Timeline() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">Inspection history</h1>
      <p className="govuk-body">Every inspection and visit, oldest first, with its judgements, and the recommendations and points to improve that are still open.</p>
      <h2 className="govuk-heading-l">Judgements over time</h2>
      <ol className="govuk-list portal-timeline">
        {d.inspections.map((i) => (
          <li key={i.slug} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
              <DateText text={i.date} approximate={i.dateApproximate} />: <Link className="govuk-link" to={`/inspections/${i.slug}`}>{i.title}</Link>
            </h3>
            <p className="govuk-body govuk-!-margin-bottom-1">
              {i.kindLabel}
              {i.organisation ? ` of ${i.organisation}` : ""}. Overall judgement: <strong>{i.overallJudgement ?? "not graded, or not given in the sources"}</strong>
            </p>
            {i.areaJudgements.length > 0 && (
              <ul className="govuk-list govuk-list--bullet govuk-body-s">
                {i.areaJudgements.map((a) => (
                  <li key={a.area}>{a.area}: {a.judgement}</li>
                ))}
              </ul>
            )}
            <p className="govuk-body-s portal-meta">
              {i.made === 0 ? "No recommendations recorded" : `Recorded: ${i.pointsCount}; ${i.open} still open`}
            </p>
          </li>
        ))}
      </ol>
      <Pagination page={d.page} pageCount={d.pageCount} href={(p) => `/inspections/timeline?page=${p}&openPage=${d.openPage}`} />

      <h2 className="govuk-heading-l" id="open">Recommendations and points to improve still open ({d.openTotal})</h2>
      {d.open.length === 0 ? (
        <p className="govuk-body">Every recorded recommendation is closed or was found met.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Recommendations and points to improve still open</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Recommendation or point to improve</th>
              <th scope="col" className="govuk-table__header">Made by</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {d.open.map((r) => (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/recommendations/${r.id}`}>{r.reference}: {r.text}</Link>
                  <br />
                  <span className="portal-meta">{r.kindLabel}</span>
                </td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/inspections/${r.inspectionSlug}`}>{r.inspectionTitle}</Link>
                </td>
                <td className="govuk-table__cell">
                  <RagTag rag={r.rag} label={r.ragLabel} /> {r.status}
                  {r.overdue ? " (overdue)" : ""}
                  <br />
                  <StatusBasisNote basis={r.statusBasis} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={d.openPage} pageCount={d.openPageCount} href={(p) => `/inspections/timeline?page=${d.page}&openPage=${p}#open`} />
    </>
  );
}

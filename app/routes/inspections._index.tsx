import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCan } from "~/auth/use-can";
import { getViewer } from "~/auth/viewer.server";
import { DateText } from "~/components/notes";
import { Pagination } from "~/components/pagination";
import { listInspections } from "~/models/oversight";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Inspections and visits");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const page = parsePage(request.url);
  const { total, inspections } = await listInspections(viewer, { page });
  return json({ inspections, page, pageCount: pageCount(total) });
}

export default function Inspections() {
  const data = useLoaderData<typeof loader>();
  const can = useCan();
  return (
    <>
      <h1 className="govuk-heading-xl">Inspections and visits</h1>
      <p className="govuk-body">Ofsted inspections and visits of children's services in Sandwell, newest first.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/inspections/timeline">Inspection history: judgements over time and what is still open</Link>
        {can("create:inspection:any") && (
          <>
            {" · "}
            <Link className="govuk-link" to="/inspections/new">Record an inspection or visit</Link>
          </>
        )}
      </p>
      {data.inspections.length === 0 ? (
        <p className="govuk-body">No inspections have been recorded.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Inspections and visits, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">Inspection or visit</th>
              <th scope="col" className="govuk-table__header">Judgement</th>
              <th scope="col" className="govuk-table__header">Recommendations or points to improve</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.inspections.map((i) => (
              <tr className="govuk-table__row" key={i.slug}>
                <td className="govuk-table__cell"><DateText text={i.date} approximate={i.dateApproximate} /></td>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/inspections/${i.slug}`}>{i.title}</Link>
                  <br />
                  <span className="govuk-body-s portal-meta">{i.kindLabel}</span>
                </td>
                <td className="govuk-table__cell">{i.overallJudgement ?? "Not graded or not given"}</td>
                <td className="govuk-table__cell">{i.pointsCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/inspections?page=${p}`} />
    </>
  );
}

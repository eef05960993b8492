import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCan } from "~/auth/use-can";
import { getViewer } from "~/auth/viewer.server";
import { RagTag } from "~/components/trail";
import { DateText, SourceNote, Tag, StatusBasisNote } from "~/components/notes";
import { SummaryList } from "~/components/summary-list";
import { getInspection } from "~/models/oversight";
import { invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.inspection.title ?? "Inspection");
export const handle = {
  breadcrumbs: () => [
    { label: "Home", to: "/" },
    { label: "Inspections and visits", to: "/inspections" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  return json({ inspection: invariantFound(await getInspection(viewer, params.slug ?? "")) });
}

export default function InspectionPage() {
  const { inspection: i } = useLoaderData<typeof loader>();
  const can = useCan();
  return (
    <>
      <span className="govuk-caption-l">{i.kindLabel}</span>
      <h1 className="govuk-heading-xl">{i.title}</h1>
      <SummaryList
        rows={[
          ["Inspectorate", i.inspectorate],
          ["Inspected", i.organisation],
          ["When", <DateText key="w" text={i.date} approximate={i.dateApproximate} />],
          ["Letter dated", i.letterDated],
          ["Published", i.published],
          ["Overall judgement", i.overallJudgement ?? "Not graded, or not given in the sources"],
          ...i.areaJudgements.map((a): [string, string] => [a.area, a.judgement]),
          [
            "Report or letter",
            i.document ? (
              <Link key="doc" className="govuk-link" to={`/documents/${i.document.slug}`}>{i.document.title}</Link>
            ) : null,
          ],
        ]}
      />
      {can("update:inspection:any") && (
        <p className="govuk-body portal-no-print">
          <Link className="govuk-link" to={`/inspections/${i.slug}/edit`}>Edit this inspection or add recommendations</Link>
        </p>
      )}
      <p className="govuk-body portal-no-print">
        <Link className="govuk-link" to="/inspections/timeline">Inspection history and open recommendations</Link>
      </p>
      <SourceNote note={i.dateNote} title="About the dates" />
      <SourceNote note={i.sourceNote} />
      {i.summaryHtml && (
        <>
          <h2 className="govuk-heading-l">Findings</h2>
          <div className="portal-prose" dangerouslySetInnerHTML={{ __html: i.summaryHtml }} />
        </>
      )}
      <h2 className="govuk-heading-l">Recommendations and what needs to improve</h2>
      {i.recommendations.length === 0 ? (
        <p className="govuk-body">The sources record no recommendations for this inspection or visit.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption">
            {i.pointsTerm} ({i.pointsCount})
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Ref</th>
              <th scope="col" className="govuk-table__header">{i.pointsTerm}</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {i.recommendations.map((r) => (
              <tr className="govuk-table__row" key={r.id} id={`recommendation-${r.reference}`}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/recommendations/${r.id}`}>{r.reference}</Link>
                </td>
                <td className="govuk-table__cell">
                  {r.text}
                  {r.metBySlug && (
                    <p className="govuk-body-s">
                      Found met by <Link className="govuk-link" to={`/inspections/${r.metBySlug}`}>{r.metByTitle}</Link>
                      {r.metFinding ? `: ${r.metFinding}` : ""}
                    </p>
                  )}
                </td>
                <td className="govuk-table__cell">
                  <Tag className={r.open ? "govuk-tag--blue" : "govuk-tag--green"}>{r.status}</Tag>{" "}
                  <RagTag rag={r.rag} label={r.ragLabel} />
                  <br />
                  <StatusBasisNote basis={r.statusBasis} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { Button, ErrorSummary, TextInput } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { StatusBasisNote } from "~/components/notes";
import { RagTag } from "~/components/trail";
import { parseRange, REPORT_PAGE_SIZE, trackingReport } from "~/models/oversight";
import { formatDate } from "~/rules/dates.server";
import { AMBER_WINDOW_DAYS, RAG_RULE } from "~/rules/rag.server";
import { LINKED_WORK_RULE } from "~/rules/recommendation-state.server";
import { invalid } from "~/utils/forms.server";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Recommendation and action tracker");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const range = parseRange(url);
  const rule = { green: RAG_RULE.green, amber: RAG_RULE.amber, red: RAG_RULE.red, window: AMBER_WINDOW_DAYS, linkedWork: LINKED_WORK_RULE };
  if (!range.ok) {
    const values = { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" };
    const payload = { errors: range.asked ? range.errors : {}, values, report: null, rule };
    return range.asked ? invalid(context, payload) : json(payload);
  }
  const now = new Date();
  const all = await trackingReport(viewer, range, now);
  const page = Math.min(parsePage(request.url), pageCount(all.length, REPORT_PAGE_SIZE));
  return json({
    errors: {},
    values: { from: range.from, to: range.to },
    rule,
    report: {
      from: formatDate(range.from),
      to: formatDate(range.to),
      asAt: formatDate(now),
      total: all.length,
      page,
      pageCount: pageCount(all.length, REPORT_PAGE_SIZE),
      rows: all.slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE),
      counts: { red: all.filter((r) => r.rag === "red").length, amber: all.filter((r) => r.rag === "amber").length, green: all.filter((r) => r.rag === "green").length },
    },
  });
}

export default function TrackingReport() {
  const { errors, values, report, rule } = useLoaderData<typeof loader>();
  const query = `from=${encodeURIComponent(values.from)}&to=${encodeURIComponent(values.to)}`;
  return (
    <>
      <div className="portal-no-print">
        <ErrorSummary errors={errors} />
      </div>
      <h1 className="govuk-heading-xl">Recommendation and action tracker</h1>
      <p className="govuk-body">
        Every inspection recommendation (and each point an inspection names under "What needs to improve") and follow-up action made in the period, and any made earlier that are still open,
        with what was done and a red, amber or green status. Print this page, or download it as a spreadsheet.
      </p>
      <Form method="get" noValidate className="portal-no-print">
        <TextInput name="from" label="First day" hint="For example, 2024-04-01" width="10" defaultValue={values.from} error={errors && "from" in errors ? (errors as Record<string, string>).from : undefined} />
        <TextInput name="to" label="Last day" hint="For example, 2024-09-30" width="10" defaultValue={values.to} error={errors && "to" in errors ? (errors as Record<string, string>).to : undefined} />
        <Button>Show the report</Button>
      </Form>

      <h2 className="govuk-heading-m">How the status is worked out</h2>
      <dl className="govuk-summary-list portal-rag-rule">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Red</dt>
          <dd className="govuk-summary-list__value">{rule.red}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Amber</dt>
          <dd className="govuk-summary-list__value">{rule.amber}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Green</dt>
          <dd className="govuk-summary-list__value">{rule.green}</dd>
        </div>
      </dl>
      <p className="govuk-body">{rule.linkedWork}</p>

      {report && (
        <>
          <h2 className="govuk-heading-l" id="report">
            {report.from} to {report.to}
          </h2>
          <p className="govuk-body">
            Status as at {report.asAt}. {report.total} record{report.total === 1 ? "" : "s"}: {report.counts.red} red,{" "}
            {report.counts.amber} amber, {report.counts.green} green.
          </p>
          <p className="govuk-body portal-no-print">
            <a className="govuk-link" href={`/reports/tracking.csv?${query}`} download>Download as CSV (spreadsheet)</a>
          </p>
          {report.rows.length === 0 ? (
            <p className="govuk-body">No recommendations or actions were made in this period, and none made earlier are still open.</p>
          ) : (
            <table className="govuk-table portal-report-table">
              <caption className="govuk-table__caption govuk-visually-hidden">
                Recommendations and actions, {report.from} to {report.to}
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Type</th>
                  <th scope="col" className="govuk-table__header">Reference</th>
                  <th scope="col" className="govuk-table__header">Origin</th>
                  <th scope="col" className="govuk-table__header">Date</th>
                  <th scope="col" className="govuk-table__header">Lead</th>
                  <th scope="col" className="govuk-table__header">What was done</th>
                  <th scope="col" className="govuk-table__header">Status</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {report.rows.map((r) => (
                  <tr className="govuk-table__row" key={r.href}>
                    <td className="govuk-table__cell">{r.kind}</td>
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" to={r.href}>{r.reference}</Link>
                      <br />
                      {r.summary}
                    </td>
                    <td className="govuk-table__cell">{r.origin}</td>
                    <td className="govuk-table__cell">{r.date}</td>
                    <td className="govuk-table__cell">{r.lead}</td>
                    <td className="govuk-table__cell">{r.done}</td>
                    <td className="govuk-table__cell">
                      <RagTag rag={r.rag} label={r.ragLabel} /> {r.status}
                      <br />
                      <StatusBasisNote basis={r.statusBasis} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pagination page={report.page} pageCount={report.pageCount} href={(p) => `/reports/tracking?${query}&page=${p}`} />
        </>
      )}
    </>
  );
}

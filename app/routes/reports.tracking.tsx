import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getViewer } from "~/auth/viewer.server";
import { DateInput } from "~/components/date-input";
import { Button, ErrorSummary } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { StatusBasisNote } from "~/components/notes";
import { RagTag } from "~/components/trail";
import { parseRange, REPORT_PAGE_SIZE, responseTimelinessReport, trackingReport } from "~/models/oversight";
import { TimelinessTable } from "~/components/recommendation-register";
import { formatDate } from "~/rules/dates.server";
import { AMBER_WINDOW_DAYS, BOARD_RAG_RULE, RAG_RULE } from "~/rules/rag.server";
import { TIMELINESS_RULE } from "~/rules/response-state.server";
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
  const rule = { green: RAG_RULE.green, amber: RAG_RULE.amber, red: RAG_RULE.red, window: AMBER_WINDOW_DAYS, linkedWork: LINKED_WORK_RULE, board: BOARD_RAG_RULE };
  // How promptly each addressee responded: over every response due so far, whatever the range.
  const timeliness = { rows: await responseTimelinessReport(viewer), rule: TIMELINESS_RULE };
  if (!range.ok) {
    const values = range.typed;
    const payload = { errors: range.asked ? range.errors : {}, values, report: null, rule, timeliness };
    return range.asked ? invalid(context, payload) : json(payload);
  }
  const now = new Date();
  const all = await trackingReport(viewer, range, now);
  const page = Math.min(parsePage(request.url), pageCount(all.length, REPORT_PAGE_SIZE));
  return json({
    errors: {},
    values: { from: range.from, to: range.to },
    rule,
    timeliness,
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
  const { errors, values, report, rule, timeliness } = useLoaderData<typeof loader>();
  // The report's own links carry the range as YYYY-MM-DD (still read: parseRange).
  const query = `from=${encodeURIComponent(values.from)}&to=${encodeURIComponent(values.to)}`;
  return (
    <>
      <div className="portal-no-print">
        <ErrorSummary errors={errors} />
      </div>
      <h1 className="govuk-heading-xl">Recommendation and action tracker</h1>
      <p className="govuk-body">
        Every inspection recommendation (and each point an inspection names under "What needs to improve"), every recommendation of the board itself
        and every follow-up action made in the period, and any made earlier that are still open, with what was done and a red, amber or green
        status. For the board's own, the addressee, when its response was due and when it came. Print this page, or download it as a spreadsheet.
        All recommendations are also in the <Link className="govuk-link" to="/recommendations">register of recommendations</Link>.
      </p>
      <Form method="get" noValidate className="portal-no-print">
        <DateInput name="from" legend="First day" hint="For example, 1 4 2024" defaultValue={values.from} error={errors && "from" in errors ? (errors as Record<string, string>).from : undefined} />
        <DateInput name="to" legend="Last day" hint="For example, 30 9 2024" defaultValue={values.to} error={errors && "to" in errors ? (errors as Record<string, string>).to : undefined} />
        <Button>Show the report</Button>
      </Form>

      <h2 className="govuk-heading-m">How the status is worked out</h2>
      <RagRule rule={rule} />
      <p className="govuk-body">{rule.linkedWork}</p>
      <h3 className="govuk-heading-s">The board's own recommendations</h3>
      <RagRule rule={rule.board} />

      <h2 className="govuk-heading-m" id="responses-on-time">Responses on time, late or not at all</h2>
      <TimelinessTable rows={timeliness.rows} rule={timeliness.rule} />
      <p className="govuk-body portal-no-print">
        <a className="govuk-link" href="/reports/tracking.csv?table=response-timeliness" download>Download these figures as CSV (spreadsheet)</a>
      </p>

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
                    <td className="govuk-table__cell">
                      {r.lead}
                      {r.addressee && (
                        <>
                          <br />
                          <span className="govuk-body-s">Addressed to {r.addressee}</span>
                        </>
                      )}
                    </td>
                    <td className="govuk-table__cell">
                      {r.responseDueText && (
                        <>
                          Response due {r.responseDueText}
                          {r.responseReceivedText ? `, received ${r.responseReceivedText}` : ""}
                          {r.response ? `. ${r.response}` : ""}
                          <br />
                        </>
                      )}
                      {r.done}
                    </td>
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

/** A RAG rule in words: red, amber, green. */
function RagRule({ rule }: { rule: { red: string; amber: string; green: string } }) {
  return (
    <dl className="govuk-summary-list portal-rag-rule">
      {(["red", "amber", "green"] as const).map((rag) => (
        <div className="govuk-summary-list__row" key={rag}>
          <dt className="govuk-summary-list__key">{rag === "red" ? "Red" : rag === "amber" ? "Amber" : "Green"}</dt>
          <dd className="govuk-summary-list__value">{rule[rag]}</dd>
        </div>
      ))}
    </dl>
  );
}

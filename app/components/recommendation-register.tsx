/**
 * The register of recommendations (inspection and board in one list) and the table of how
 * promptly each addressee responded: they render what the oversight models give them.
 */
import { Link } from "@remix-run/react";

export interface RegisterRowView {
  id: string;
  source: "inspection" | "board";
  sourceLabel: string;
  reference: string;
  text: string;
  origin: string;
  agreed: string;
  addressee: string | null;
  lead: string | null;
  state: string | null;
  stateLabel: string;
  clockSummary: string;
  response: { outcomeLabel: string } | null;
  implementationLabel: string | null;
  href: string;
}

const STATE_TAGS: Record<string, string> = {
  not_sent: "govuk-tag--grey",
  awaiting: "govuk-tag--blue",
  due_soon: "govuk-tag--yellow",
  overdue: "govuk-tag--red",
  received: "govuk-tag--green",
};

export function RegisterTable({ rows }: { rows: RegisterRowView[] }) {
  if (rows.length === 0) return <p className="govuk-body">There are no recommendations to show.</p>;
  return (
    <table className="govuk-table portal-register-table">
      <caption className="govuk-table__caption govuk-visually-hidden">Recommendations</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Recommendation</th>
          <th scope="col" className="govuk-table__header">Addressed to</th>
          <th scope="col" className="govuk-table__header">Response</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r) => (
          <tr key={r.id} className="govuk-table__row">
            <td className="govuk-table__cell">
              <strong className="govuk-tag govuk-tag--grey">{r.sourceLabel}</strong>{" "}
              <Link className="govuk-link" to={r.href}>{r.reference}</Link>
              <br />
              {r.text}
              <br />
              <span className="govuk-body-s portal-meta">
                {r.origin}. Agreed {r.agreed}.
              </span>
            </td>
            <td className="govuk-table__cell">
              {r.addressee ?? "Not recorded"}
              {r.lead && (
                <>
                  <br />
                  <span className="govuk-body-s portal-meta">Lead: {r.lead}</span>
                </>
              )}
            </td>
            <td className="govuk-table__cell">
              {r.state ? <strong className={`govuk-tag ${STATE_TAGS[r.state] ?? ""}`}>{r.stateLabel}</strong> : <span className="govuk-body-s">{r.stateLabel}</span>}
              {r.clockSummary && (
                <>
                  <br />
                  <span className="govuk-body-s">{r.clockSummary}</span>
                </>
              )}
              {r.response && (
                <>
                  <br />
                  <span className="govuk-body-s">{r.response.outcomeLabel}</span>
                </>
              )}
              {r.implementationLabel && (
                <>
                  <br />
                  <span className="govuk-body-s">The board's judgement: {r.implementationLabel}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface TimelinessRowView {
  addressee: string;
  year: string;
  onTime: number;
  late: number;
  none: number;
  medianDays: number | null;
}

/** Per addressee and municipal year: on time, late, none, median days to respond. */
export function TimelinessTable({ rows, rule }: { rows: TimelinessRowView[]; rule: string }) {
  return (
    <>
      <p className="govuk-body">{rule}</p>
      {rows.length === 0 ? (
        <p className="govuk-body">No response to a board recommendation has fallen due yet.</p>
      ) : (
        <table className="govuk-table" id="response-timeliness">
          <caption className="govuk-table__caption govuk-table__caption--s">Responses to the board's recommendations, by addressee and municipal year</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Addressee</th>
              <th scope="col" className="govuk-table__header">Year</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">On time</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Late</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">None</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Median days to respond</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr key={`${r.addressee}-${r.year}`} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">{r.addressee}</th>
                <td className="govuk-table__cell">{r.year}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.onTime}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.late}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.none}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{r.medianDays ?? "None yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

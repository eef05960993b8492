/** Decisions as lists show them: on an agenda item's page and on /decisions (issue 18 item 4). */
import { Link } from "@remix-run/react";
import { DateText, Tag } from "./notes";

export interface DecisionView {
  id: string;
  textHtml: string;
  reasonsHtml: string;
  status: string;
  statusLabel: string;
  date: string;
  dateApproximate: boolean;
  meeting: { slug: string; title: string };
  item: { id: string; title: string };
  body: { slug: string; name: string };
}

const TAG_CLASS: Record<string, string> = {
  made: "govuk-tag--blue",
  subject_to_call_in: "govuk-tag--yellow",
  called_in: "govuk-tag--orange",
  implemented: "govuk-tag--green",
};

export function DecisionStatusTag({ status, label }: { status: string; label: string }) {
  return <Tag className={TAG_CLASS[status] ?? "govuk-tag--grey"}>{label}</Tag>;
}

/**
 * Each decision: its text, status, reasons, and (with `withOrigin`) who made it, when and at
 * which item. The heading names the decision by its place in the list, and links to its page.
 */
export function DecisionList({ decisions, headingLevel = 2, withOrigin = false }: { decisions: DecisionView[]; headingLevel?: 2 | 3; withOrigin?: boolean }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="govuk-list portal-decisions">
      {decisions.map((d) => (
        <li key={d.id} className="govuk-!-margin-bottom-6">
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
            <Link className="govuk-link" to={`/decisions/${d.id}`}>
              {withOrigin ? `${d.body.name}, ` : "Decision, "}
              <DateText text={d.date} approximate={d.dateApproximate} />
              {withOrigin ? `: ${d.item.title}` : ""}
            </Link>
          </Heading>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            <DecisionStatusTag status={d.status} label={d.statusLabel} />
          </p>
          <div className="portal-prose" dangerouslySetInnerHTML={{ __html: d.textHtml }} />
          {d.reasonsHtml && (
            <>
              <p className="govuk-body-s govuk-!-margin-bottom-1"><strong>Reasons</strong></p>
              <div className="portal-prose govuk-body-s" dangerouslySetInnerHTML={{ __html: d.reasonsHtml }} />
            </>
          )}
          {withOrigin && (
            <p className="govuk-body-s portal-meta">
              Made at <Link className="govuk-link" to={`/meetings/${d.meeting.slug}`}>{d.meeting.title}</Link> (
              <DateText text={d.date} approximate={d.dateApproximate} />) on{" "}
              <Link className="govuk-link" to={`/agenda-items/${d.item.id}`}>{d.item.title}</Link>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

import { Link } from "@remix-run/react";

/** One thing waiting for the clerk (app/models/inbox), linked to where it is done. */
export interface InboxRowView {
  id: string;
  text: string;
  href: string;
  detail: string;
  warning?: string;
}

export function inboxCount(count: number, more: boolean): string {
  return more ? `more than ${count.toLocaleString("en-GB")}` : count.toLocaleString("en-GB");
}

/** The rows of an inbox section: each a link to the page where it is done, with its detail. */
export function InboxRows({ rows }: { rows: InboxRowView[] }) {
  return (
    <ul className="govuk-list portal-inbox">
      {rows.map((r) => (
        <li key={r.id} className="govuk-!-margin-bottom-3">
          <Link className="govuk-link" to={r.href}>{r.text}</Link>
          {r.warning && (
            <>
              {" "}
              <strong className="govuk-tag govuk-tag--red">{r.warning}</strong>
            </>
          )}
          <br />
          <span className="govuk-body-s">{r.detail}</span>
        </li>
      ))}
    </ul>
  );
}

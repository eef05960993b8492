import { Link } from "@remix-run/react";

/** Says, wherever minutes are shown, whether they are a draft, approved, or of unknown status. */
export function MinutesStateNote({
  state,
  approved,
  at,
}: {
  state: string;
  approved: string | null;
  /** The meeting that approved them (and its agenda item), where known. */
  at?: { title: string; slug: string; itemNumber: string | null } | null;
}) {
  if (state === "draft") {
    return (
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Draft minutes, not yet approved as a correct record.
        </strong>
      </div>
    );
  }
  if (state === "approved") {
    return (
      <p className="govuk-body">
        Approved as a correct record
        {at ? (
          <>
            {" "}at{" "}
            <Link className="govuk-link" to={`/meetings/${at.slug}`}>
              {at.title}
            </Link>
            {at.itemNumber ? ` (item ${at.itemNumber})` : ""}
          </>
        ) : null}
        {approved ? ` on ${approved}` : ""}.
      </p>
    );
  }
  if (state === "approval_unknown") {
    return (
      <div className="govuk-inset-text">
        The source does not say whether these minutes were approved as a correct record.
      </div>
    );
  }
  return null;
}

/** Says, wherever minutes are shown, whether they are a draft, approved, or of unknown status. */
export function MinutesStateNote({ state, approved }: { state: string; approved: string | null }) {
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
    return <p className="govuk-body">Approved as a correct record{approved ? ` on ${approved}` : ""}.</p>;
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

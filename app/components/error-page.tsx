import { WRITE_NOT_SAVED, WRITE_OUTCOME_UNKNOWN } from "~/utils/write-outcome";
import { Link } from "@remix-run/react";

/** `detail`: for a 503 answering a form, whether the change was stored (app/utils/write-outcome.ts). */
export function ErrorPage({ status, detail }: { status: number; detail?: unknown }) {
  if (status === 404) {
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        <p className="govuk-body">
          You can <Link className="govuk-link" to="/meetings">browse meetings</Link> or{" "}
          <Link className="govuk-link" to="/">go to the home page</Link>.
        </p>
      </>
    );
  }
  if (status === 400) {
    return (
      <>
        <h1 className="govuk-heading-l">There is a problem with the address</h1>
        <p className="govuk-body">Part of the web address was not understood. Check it and try again.</p>
      </>
    );
  }
  if (status === 403) {
    return (
      <>
        <h1 className="govuk-heading-l">You cannot see this page</h1>
        <p className="govuk-body">Your account does not have permission to see or do this.</p>
      </>
    );
  }
  if (status === 503) {
    return (
      <>
        <h1 className="govuk-heading-l">Sorry, the portal is unavailable</h1>
        <p className="govuk-body">It cannot reach its database at the moment. Try again in a few minutes.</p>
        {detail === WRITE_NOT_SAVED ? (
          <p className="govuk-body">Your change was not saved: nothing you sent was stored. Send it again once the portal is back.</p>
        ) : detail === WRITE_OUTCOME_UNKNOWN ? (
          <p className="govuk-body">
            The connection was lost while your change was being stored, so the portal cannot tell whether it was saved. Check
            whether your change was saved before you send it again.
          </p>
        ) : (
          <p className="govuk-body">If you were sending a form, check whether your change was saved before you send it again.</p>
        )}
      </>
    );
  }
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the portal</h1>
      <p className="govuk-body">Try again later. Nothing you sent has been lost if you were only reading.</p>
    </>
  );
}

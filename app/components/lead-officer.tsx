/**
 * An agenda item's lead officer on the item's form: who it is, and the link to the page that
 * chooses one a page of people at a time (docs/decisions/050). The choice travels with the form
 * in a hidden field, so saving the item keeps it.
 */
import { Link } from "@remix-run/react";
import { HiddenFields } from "./forms";

export interface LeadOfficer {
  name: string;
  jobTitle: string | null;
}

/** "Name, job title", as every list of people shows an officer. */
export function officerLabel(person: LeadOfficer): string {
  return person.jobTitle ? `${person.name}, ${person.jobTitle}` : person.name;
}

export function LeadOfficerField({ itemId, value, lead, error }: { itemId: string; value: string; lead: LeadOfficer | null; error?: string }) {
  return (
    <>
      <HiddenFields fields={[["leadOfficerId", value]]} />
      <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`} id="leadOfficerId-group">
        <h3 className="govuk-label govuk-label--s">Lead officer</h3>
        {error && (
          <p className="govuk-error-message" id="leadOfficerId-error">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <p className="govuk-body">
          {lead ? officerLabel(lead) : "None"}{" "}
          {/* The error summary links here: the field itself is hidden. */}
          <Link className="govuk-link" id="leadOfficerId" to={`/clerk/items/${itemId}/lead-officer`}>
            {lead ? "Change" : "Choose"}
            <span className="govuk-visually-hidden"> the lead officer</span>
          </Link>
        </p>
      </div>
    </>
  );
}

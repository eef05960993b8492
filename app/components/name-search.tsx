/**
 * A search of a list by name (a GET form, so it works without JavaScript and the address
 * can be shared), and the line that says how many were found: the clerk's people, and the
 * people a lead officer is chosen from.
 */
import { Form } from "@remix-run/react";

export function NameSearch({ q, label = "Name" }: { q: string; label?: string }) {
  return (
    <Form method="get" role="search" className="govuk-!-margin-bottom-6">
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="q">
          {label}
        </label>
        <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={q} />
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Search
      </button>
    </Form>
  );
}

/** "45 people whose name contains “Smith”, page 1 of 3". */
export function PeopleFound({ total, q, page, pageCount }: { total: number; q: string; page?: number; pageCount?: number }) {
  return (
    <p className="govuk-body">
      {total} {total === 1 ? "person" : "people"}
      {q ? ` whose name contains “${q}”` : ""}
      {page && pageCount && pageCount > 1 ? `, page ${page} of ${pageCount}` : ""}
    </p>
  );
}

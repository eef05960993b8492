import { Form, Link } from "@remix-run/react";

export interface FollowingItem {
  id: string;
  typeLabel: string;
  title: string;
  path: string | null;
}

/** What someone follows, each with a button to stop (a plain form: works without JavaScript). */
export function FollowingList({ items }: { items: FollowingItem[] }) {
  if (items.length === 0) return <p className="govuk-body">You do not follow anything.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">You follow</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">What</th>
          <th scope="col" className="govuk-table__header">Kind</th>
          <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Action</span></th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((i) => (
          <tr key={i.id} className="govuk-table__row">
            <td className="govuk-table__cell">{i.path ? <Link className="govuk-link" to={i.path}>{i.title}</Link> : i.title}</td>
            <td className="govuk-table__cell">{i.typeLabel}</td>
            <td className="govuk-table__cell">
              <Form method="post">
                <input type="hidden" name="subscription" value={i.id} />
                <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                  Stop following<span className="govuk-visually-hidden"> {i.title}</span>
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The chase list's rows: each overdue question or action with a checkbox (`records`, for
 * "Send reminders to the selected") and its own "Send a reminder" button (`one`), all in
 * the page's one form, so both work without JavaScript. Three columns, so the table fits
 * 390 px.
 */
import { Link } from "@remix-run/react";
import { ErrorMessage } from "~/components/forms";

export interface ChaseRow {
  /** "question:<id>" or "action:<id>", as posted. */
  key: string;
  href: string;
  text: string;
  /** Who must answer: the organisation, and an action's owner. */
  who: string;
  due: string | null;
  daysLate: number;
  /** The last day it was chased, formatted; null when never. */
  lastChased: string | null;
  chasedToday: boolean;
}

export function ChaseTable({ rows, caption, checked, firstId, what }: { rows: ChaseRow[]; caption: string; checked: string[]; firstId: string | null; what: string }) {
  if (rows.length === 0) return <p className="govuk-body">There are no overdue {what}s.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Select</th>
          <th scope="col" className="govuk-table__header">{what === "question" ? "Question" : "Action"}</th>
          <th scope="col" className="govuk-table__header">Reminder</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((r, i) => {
          const id = i === 0 && firstId ? firstId : `records-${r.key.replace(":", "-")}`;
          return (
            <tr key={r.key} className="govuk-table__row">
              <td className="govuk-table__cell">
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  <div className="govuk-checkboxes__item">
                    <input className="govuk-checkboxes__input" id={id} name="records" type="checkbox" value={r.key} defaultChecked={checked.includes(r.key)} />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                      <span className="govuk-visually-hidden">Select: {r.text}</span>
                    </label>
                  </div>
                </div>
              </td>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={r.href}>{r.text}</Link>
                <br />
                <span className="govuk-body-s portal-meta">
                  {r.who} · due {r.due ?? "no date"} · {r.daysLate} {r.daysLate === 1 ? "day" : "days"} late
                  {r.lastChased ? ` · last chased ${r.lastChased}` : ""}
                </span>
              </td>
              <td className="govuk-table__cell">
                {r.chasedToday ? (
                  <span className="govuk-body-s">Chased today</span>
                ) : (
                  <button type="submit" name="one" value={r.key} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                    Send a reminder<span className="govuk-visually-hidden"> about: {r.text}</span>
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The selection's error ("nothing chosen"), beside the checkboxes. */
export function SelectionError({ error }: { error?: string }) {
  return error ? <ErrorMessage id="records-error" message={error} /> : null;
}

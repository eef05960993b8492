/** Pieces the clerk's pages share: the stale-save view and the version field. */
import type { ReactNode } from "react";
import { ErrorMessage } from "./forms";

/** Shown when someone else saved first: their text beside what was typed, so nothing is lost. */
export function ConflictPanel({
  fields,
  current,
  typed,
}: {
  fields: { name: string; label: string }[];
  current: Record<string, unknown>;
  typed: Record<string, string>;
}) {
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-m" id="conflict">Someone else saved a newer version</h2>
      <p className="govuk-body">
        Your changes have not been saved. Compare the two versions below, copy what you need into the form, and save
        again: the form now holds your text and will save over the newer version.
      </p>
      <table className="govuk-table portal-conflict">
        <caption className="govuk-table__caption govuk-visually-hidden">Their version and yours</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Field</th>
            <th scope="col" className="govuk-table__header">Saved by someone else</th>
            <th scope="col" className="govuk-table__header">What you typed</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {fields
            .filter((f) => String(current[f.name] ?? "") !== (typed[f.name] ?? ""))
            .map((f) => (
              <tr className="govuk-table__row" key={f.name}>
                <th scope="row" className="govuk-table__header">{f.label}</th>
                <td className="govuk-table__cell"><pre className="portal-pre">{String(current[f.name] ?? "")}</pre></td>
                <td className="govuk-table__cell"><pre className="portal-pre">{typed[f.name] ?? ""}</pre></td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

export function Checkbox({ name, label, defaultChecked, hint }: { name: string; label: ReactNode; defaultChecked?: boolean; hint?: string }) {
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input className="govuk-checkboxes__input" id={name} name={name} type="checkbox" value="yes" defaultChecked={defaultChecked} aria-describedby={hint ? `${name}-hint` : undefined} />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={name}>{label}</label>
          {hint && <div id={`${name}-hint`} className="govuk-hint govuk-checkboxes__hint">{hint}</div>}
        </div>
      </div>
    </div>
  );
}

/** Checkboxes in a fieldset, each with its own value; an error is shown in the fieldset, beside the boxes. */
export function CheckboxGroup({
  name,
  legend,
  options,
  checked,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? errorId : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {error && <ErrorMessage id={errorId} message={error} />}
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {options.map((o, i) => (
            <div className="govuk-checkboxes__item" key={o.value}>
              <input
                className="govuk-checkboxes__input"
                id={i === 0 ? name : `${name}-${i + 1}`}
                name={name}
                type="checkbox"
                value={o.value}
                defaultChecked={checked.includes(o.value)}
                aria-describedby={error && i === 0 ? errorId : undefined}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? name : `${name}-${i + 1}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * The GOV.UK date input, the one pattern for every date a person types (meetings,
 * due dates, filters, reports): day, month and year as three boxes in a fieldset.
 * - the boxes are posted as `<name>-day`, `<name>-month`, `<name>-year` and read as
 *   one value "day/month/year" (app/utils/form-fields.ts), checked by `dayField`
 *   with the pattern's messages (app/utils/day-field.ts);
 * - the day box has the id `<name>`, so the error summary's `#<name>` link lands on it;
 * - after an error the boxes keep what was typed, and the boxes left empty are the
 *   ones marked in error ("must include a month"); otherwise all three are.
 */
import type { ReactNode } from "react";
import { DATE_PARTS, type DatePart, datePartName, missingDateParts, splitDay } from "~/utils/day-field";
import { ErrorMessage } from "./forms";

const WIDTH: Record<DatePart, string> = { day: "2", month: "2", year: "4" };
const LABEL: Record<DatePart, string> = { day: "Day", month: "Month", year: "Year" };

export function DateInput({
  name,
  legend,
  hint = "For example, 27 3 2026",
  error,
  defaultValue,
  legendAsHeading,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** A stored day (YYYY-MM-DD) or what was typed ("d/m/y"). */
  defaultValue?: string | null;
  legendAsHeading?: boolean;
}) {
  const values = splitDay(defaultValue);
  const missing = missingDateParts(defaultValue);
  const partial = error && missing.length > 0 && missing.length < 3 && /must include/.test(error);
  const inError = (part: DatePart) => Boolean(error) && (!partial || missing.includes(part));
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
        <legend className={`govuk-fieldset__legend ${legendAsHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--s"}`}>
          {legendAsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint && (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={errorId!} message={error} />}
        <div className="govuk-date-input">
          {DATE_PARTS.map((part) => {
            const id = part === "day" ? name : datePartName(name, part);
            return (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                    {LABEL[part]}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${WIDTH[part]}${inError(part) ? " govuk-input--error" : ""}`}
                    id={id}
                    name={datePartName(name, part)}
                    type="text"
                    inputMode="numeric"
                    defaultValue={values[part]}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

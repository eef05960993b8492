/**
 * GOV.UK form components, for every form in the portal:
 * - `ErrorSummary` at the top links to each field (`#field-id`), takes focus and
 *   (with JavaScript) makes the title start with "Error: ";
 * - each field shows its message with a visually hidden "Error:" prefix and
 *   points at its hint and error with `aria-describedby`;
 * - forms are `noValidate`: the server checks everything (app/utils/forms.server.ts).
 * A field's id is its name, so `errors[name]` links to `#name`. An error about the
 * whole form (`errors.form`, e.g. "the item is already last") has no field to link
 * to, so the summary shows it as plain text.
 */
import { useEffect, useRef, type ReactNode } from "react";

export type FieldErrors = Partial<Record<string, string>>;

/** The key of an error about the whole form rather than one field. */
export const FORM_ERROR = "form";

/**
 * Hidden fields every form may carry (which button was pressed, the version the
 * form was loaded at): never a field a reader can reach, so their messages are text.
 */
const HIDDEN_FIELDS = ["intent", "version"];

export function ErrorSummary({
  errors,
  title = "There is a problem",
  unlinked = [],
}: {
  errors?: FieldErrors | null;
  title?: string;
  /** Error keys with no visible field of that id (besides `form`): shown as plain text, not as a link. */
  unlinked?: string[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  const hasErrors = entries.length > 0;
  useEffect(() => {
    if (!hasErrors) return;
    ref.current?.focus();
    // Without JavaScript the server already wrote "Error: " into the title.
    if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
    return () => {
      document.title = document.title.replace(/^Error: /, "");
    };
  }, [hasErrors, errors]);
  if (!hasErrors) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                {field === FORM_ERROR || HIDDEN_FIELDS.includes(field) || unlinked.includes(field) ? message : <a href={`#${field}`}>{message}</a>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined | null)[]) {
  const value = ids.filter(Boolean).join(" ");
  return value || undefined;
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Show the label as the page's heading (GOV.UK one-question pages). */
  labelAsHeading?: boolean;
}

function Label({ name, label, labelAsHeading }: Pick<FieldProps, "name" | "label" | "labelAsHeading">) {
  if (labelAsHeading) {
    return (
      <h1 className="govuk-label-wrapper">
        <label className="govuk-label govuk-label--l" htmlFor={name}>
          {label}
        </label>
      </h1>
    );
  }
  return (
    <label className="govuk-label" htmlFor={name}>
      {label}
    </label>
  );
}

/**
 * A field's frame: the form group (red when in error), its label, hint and error
 * message; `children` is the control, given the ids to point at.
 */
function FieldFrame({
  name,
  label,
  hint,
  error,
  labelAsHeading,
  children,
}: FieldProps & { children: (describedBy: string | undefined) => ReactNode }) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label name={name} label={label} labelAsHeading={labelAsHeading} />
      {hint && (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={errorId!} message={error} />}
      {children(describedBy(hintId, errorId))}
    </div>
  );
}

export function TextInput({
  name,
  label,
  hint,
  error,
  labelAsHeading,
  defaultValue,
  type = "text",
  autoComplete,
  spellCheck,
  width,
  inputMode,
}: FieldProps & {
  defaultValue?: string;
  type?: "text" | "email" | "password" | "search" | "tel" | "url";
  autoComplete?: string;
  spellCheck?: boolean;
  inputMode?: "text" | "numeric";
  /** GOV.UK width class suffix: "20", "10", "one-half", ... */
  width?: string;
}) {
  const widthClass = width ? (/^\d+$/.test(width) ? ` govuk-input--width-${width}` : ` govuk-!-width-${width}`) : "";
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} labelAsHeading={labelAsHeading}>
      {(described) => (
        <input
          className={`govuk-input${error ? " govuk-input--error" : ""}${widthClass}`}
          id={name}
          name={name}
          type={type}
          defaultValue={type === "password" ? undefined : defaultValue}
          autoComplete={autoComplete}
          spellCheck={spellCheck}
          inputMode={inputMode}
          aria-describedby={described}
        />
      )}
    </FieldFrame>
  );
}

export function PasswordInput(props: Omit<Parameters<typeof TextInput>[0], "type" | "defaultValue" | "spellCheck">) {
  return <TextInput {...props} type="password" spellCheck={false} />;
}

export function Textarea({
  name,
  label,
  hint,
  error,
  labelAsHeading,
  defaultValue,
  rows = 5,
}: FieldProps & { defaultValue?: string; rows?: number }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} labelAsHeading={labelAsHeading}>
      {(described) => (
        <textarea
          className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
          id={name}
          name={name}
          rows={rows}
          defaultValue={defaultValue}
          aria-describedby={described}
        />
      )}
    </FieldFrame>
  );
}

/** The file types every upload accepts (checked by content on the server: app/models/files.server.ts). */
export const UPLOAD_HINT = "PDF, DOCX, XLSX, ODT, PNG, JPEG or GIF, smaller than 20 MB";

/**
 * A GOV.UK file upload. Its form needs `encType="multipart/form-data"`. A browser
 * cannot refill a file field, so after an error the person chooses the file again.
 */
export function FileUpload({ name, label, hint = UPLOAD_HINT, error }: FieldProps) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(described) => (
        <input className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`} id={name} name={name} type="file" aria-describedby={described} />
      )}
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function Select({
  name,
  label,
  hint,
  error,
  options,
  defaultValue,
  placeholder,
}: FieldProps & { options: Option[]; defaultValue?: string; placeholder?: string }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(described) => (
        <select
          className={`govuk-select${error ? " govuk-select--error" : ""}`}
          id={name}
          name={name}
          defaultValue={defaultValue ?? ""}
          aria-describedby={described}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** Radios in a fieldset; the first radio's id is the field name, so the error summary can link to it. */
export function Radios({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  small,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: Option[];
  defaultValue?: string;
  small?: boolean;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={errorId!} message={error} />}
        <div className={`govuk-radios${small ? " govuk-radios--small" : ""}`} data-module="govuk-radios">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            const optionHintId = o.hint ? `${id}-item-hint` : undefined;
            return (
              <div className="govuk-radios__item" key={o.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={o.value}
                  defaultChecked={defaultValue === o.value}
                  aria-describedby={optionHintId}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {o.label}
                </label>
                {o.hint && (
                  <div id={optionHintId} className="govuk-hint govuk-radios__hint">
                    {o.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({
  children,
  variant = "primary",
  name,
  value,
  type = "submit",
}: {
  children: ReactNode;
  variant?: "primary" | "secondary" | "warning";
  name?: string;
  value?: string;
  type?: "submit" | "button";
}) {
  const cls = variant === "primary" ? "govuk-button" : `govuk-button govuk-button--${variant}`;
  return (
    <button type={type} className={cls} data-module="govuk-button" name={name} value={value}>
      {children}
    </button>
  );
}

/** Hidden inputs for a list of [name, value] pairs. */
export function HiddenFields({ fields }: { fields: [string, string][] }) {
  return (
    <>
      {fields.map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A GOV.UK notification banner (success or important). */
export function NotificationBanner({
  title,
  children,
  success,
}: {
  title?: string;
  children: ReactNode;
  success?: boolean;
}) {
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

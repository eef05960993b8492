/** Tables of questions and actions, and the register's filter form (plain GET: works without JavaScript). */
import { DateInput } from "./date-input";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { StatusBasisNote, Tag } from "./notes";

export interface QuestionRow {
  id: string;
  text: string;
  isSummarised: boolean;
  tabled: string;
  due: string | null;
  askedBy: string | null;
  addressedTo: string;
  agendaItem: { id: string; title: string };
  status: string;
  statusLabel: string;
  /** What the status rests on (app/rules/question-status-basis.server.ts). */
  statusBasis?: { kind: "recorded" | "source" | "rule"; note: string } | null;
  overdue: boolean;
  daysLate: number;
  daysOpen: number | null;
}

export function StatusTags({ status, label, overdue, daysLate }: { status: string; label: string; overdue: boolean; daysLate: number }) {
  return (
    <>
      <Tag className={status === "closed" || status === "completed" || status === "cancelled" ? "govuk-tag--grey" : status === "rejected" ? "govuk-tag--red" : "govuk-tag--blue"}>{label}</Tag>
      {overdue && (
        <>
          {" "}
          <Tag className="govuk-tag--red">Overdue</Tag> <span className="govuk-body-s">{daysLate} {daysLate === 1 ? "day" : "days"} late</span>
        </>
      )}
    </>
  );
}

/** "Chased by the clerk on …" under a row's status (the officer's queue: which reminders came). */
function ChasedNote({ on }: { on?: string }) {
  return on ? <p className="govuk-body-s portal-meta govuk-!-margin-bottom-0 govuk-!-margin-top-1">Chased by the clerk on {on}</p> : null;
}

export function QuestionTable({ questions, caption, chased }: { questions: QuestionRow[]; caption: string; chased?: Record<string, string> }) {
  if (questions.length === 0) return <p className="govuk-body">There are no questions to show.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Question</th>
          <th scope="col" className="govuk-table__header">Asked of</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {questions.map((q) => (
          <tr key={q.id} className="govuk-table__row">
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/questions/${q.id}`}>{q.text}</Link>
              <br />
              <span className="govuk-body-s portal-meta">
                Tabled {q.tabled}
                {q.askedBy ? ` by ${q.askedBy}` : ""} on <Link className="govuk-link" to={`/agenda-items/${q.agendaItem.id}`}>{q.agendaItem.title}</Link>
                {q.isSummarised ? " · summarised from the minutes" : ""}
                {q.daysOpen !== null ? ` · open ${q.daysOpen} days` : ""}
              </span>
            </td>
            <td className="govuk-table__cell">{q.addressedTo}</td>
            <td className="govuk-table__cell">{q.due ?? "None"}</td>
            <td className="govuk-table__cell">
              <StatusTags status={q.status} label={q.statusLabel} overdue={q.overdue} daysLate={q.daysLate} />
              <StatusBasisNote basis={q.statusBasis} />
              <ChasedNote on={chased?.[q.id]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ActionRow {
  id: string;
  description: string;
  due: string;
  organisation: string;
  owner: string | null;
  source: string;
  /** Where it came from: its question, minute or recommendation. */
  origin?: { label: string; href: string } | null;
  status: string;
  statusLabel: string;
  statusBasis?: { kind: "recorded" | "source" | "rule"; note: string };
  overdue: boolean;
  daysLate: number;
}

export function ActionTable({ actions, caption, chased }: { actions: ActionRow[]; caption: string; chased?: Record<string, string> }) {
  if (actions.length === 0) return <p className="govuk-body">There are no actions to show.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Action</th>
          <th scope="col" className="govuk-table__header">Owner</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {actions.map((a) => (
          <tr key={a.id} className="govuk-table__row">
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/actions/${a.id}`}>{a.description}</Link>
              {a.origin ? (
                <><br /><span className="govuk-body-s portal-meta">From <Link className="govuk-link" to={a.origin.href}>{a.origin.label}</Link></span></>
              ) : (
                a.source && <><br /><span className="govuk-body-s portal-meta">From a {a.source.toLowerCase()}</span></>
              )}
            </td>
            <td className="govuk-table__cell">{[a.owner, a.organisation].filter(Boolean).join(", ")}</td>
            <td className="govuk-table__cell">{a.due}</td>
            <td className="govuk-table__cell">
              <StatusTags status={a.status} label={a.statusLabel} overdue={a.overdue} daysLate={a.daysLate} />
              <StatusBasisNote basis={a.statusBasis} />
              <ChasedNote on={chased?.[a.id]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface FilterField {
  name: string;
  label: string;
  options?: { value: string; label: string }[];
  /** A text field's hint. */
  hint?: string;
  /** A message beside the field (a date that is not a real day). */
  error?: string;
  /** A GOV.UK date input (`<name>-day/-month/-year`; the old `<name>=YYYY-MM-DD` still reads). */
  date?: boolean;
}

/**
 * A filter that is a select while its choices are few, and a text field when the
 * model found too many to list (`null`, FILTER_CHOICES_MAX in questions.server.ts).
 */
export function choiceOrText<T>(name: string, label: string, rows: T[] | null, option: (row: T) => { value: string; label: string }, hint: string): FilterField {
  return rows ? { name, label, options: rows.map(option) } : { name, label, hint };
}

/** The inspection recommendation filter of the question and action registers. */
export const recommendationFilter = (rows: { id: string; label: string }[] | null) =>
  choiceOrText("recommendation", "Inspection recommendation or point to improve", rows, (r) => ({ value: r.id, label: r.label }), "Its reference and words from it or its inspection, for example R3 focused visit");

/** The hint and the message a filter's field is described by, if any. */
const describedBy = (f: FilterField) => [f.hint ? `filter-${f.name}-hint` : "", f.error ? `filter-${f.name}-error` : ""].filter(Boolean).join(" ") || undefined;

/** Wide enough for the filters beside the results' first screen (GOV.UK's tablet breakpoint). */
const WIDE_SCREEN = "(min-width: 40.0625em)";

/**
 * A GET form of selects, text and date fields; the values come from the query string.
 * The filters behind a disclosure (issue #15 item 14): closed on a small screen so the
 * first results come first, open when a filter is set, and (with JavaScript) open on a
 * wide screen. Without JavaScript it is a plain <details>, opened by a tap.
 */
export function FilterForm({
  fields,
  values,
  errors,
  action,
  resetTo,
}: {
  fields: FilterField[];
  values: Record<string, string>;
  errors?: Record<string, string>;
  action: string;
  resetTo: string;
}) {
  const set = fields.filter((f) => values[f.name]).length;
  const invalid = fields.some((f) => f.error);
  const hasErrors = errors !== undefined && Object.keys(errors).length > 0;
  const disclosure = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (disclosure.current && window.matchMedia(WIDE_SCREEN).matches) disclosure.current.open = true;
  }, []);
  return (
    <details className="govuk-details portal-filters-disclosure" open={set > 0 || invalid || hasErrors} ref={disclosure}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Filter and sort{set > 0 ? ` (${set} set)` : ""}</span>
      </summary>
      <div className="govuk-details__text">
    <Form method="get" action={action} className="portal-filters">
      <div className="govuk-grid-row">
        {fields.map((f) => (
          <div key={f.name} className="govuk-grid-column-one-third">
            {f.date ? (
              <DateInput name={f.name} legend={f.label} hint={f.hint} defaultValue={values[f.name]} error={errors?.[f.name] ?? f.error} />
            ) : (
            <div className={`govuk-form-group${f.error ? " govuk-form-group--error" : ""}`}>
              <label className="govuk-label govuk-label--s" htmlFor={`filter-${f.name}`}>{f.label}</label>
              {f.hint && <div className="govuk-hint" id={`filter-${f.name}-hint`}>{f.hint}</div>}
              {f.error && (
                <p className="govuk-error-message" id={`filter-${f.name}-error`}>
                  <span className="govuk-visually-hidden">Error:</span> {f.error}
                </p>
              )}
              {f.options ? (
                <select className={`govuk-select${f.error ? " govuk-select--error" : ""} portal-filter-select`} id={`filter-${f.name}`} name={f.name} defaultValue={values[f.name] ?? ""} aria-describedby={describedBy(f)}>
                  <option value="">Any</option>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>{o.label}</option>
                  ))}
                </select>
              ) : (
                <input className={`govuk-input govuk-input--width-10${f.error ? " govuk-input--error" : ""}`} id={`filter-${f.name}`} name={f.name} type="text" defaultValue={values[f.name] ?? ""} aria-describedby={describedBy(f)} />
              )}
            </div>
            )}
          </div>
        ))}
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">Apply filters</button>
        <Link className="govuk-link" to={resetTo}>Clear filters</Link>
      </div>
    </Form>
      </div>
    </details>
  );
}

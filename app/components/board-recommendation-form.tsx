/**
 * The fields of a board recommendation (issue 17), for recording one from a minute and for
 * the clerk's edit: reference, text, addressee, lead, priorities, the inspection recommendations it
 * follows up, date received, review date.
 * There is no due-date field: the response clock is computed from the date received.
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { CheckboxGroup } from "./clerk";
import { DateInput } from "./date-input";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Select, Textarea, TextInput, type Option } from "./forms";

export interface RecommendationFieldValues {
  reference: string;
  text: string;
  addresseeOrganisationId: string;
  leadPersonId: string;
  receivedOn: string;
  reviewOn: string;
  receiptChangeReason?: string;
}

export function BoardRecommendationFields({
  values,
  priorityIds,
  inspectionRecommendationIds,
  errors,
  choices,
  editing,
}: {
  values: RecommendationFieldValues;
  priorityIds: string[];
  inspectionRecommendationIds: string[];
  errors?: Record<string, string>;
  choices: { addressees: Option[]; people: Option[]; priorities: Option[]; inspectionRecommendations: Option[] };
  /** On the edit page, a changed receipt date asks for a reason. */
  editing?: boolean;
}) {
  return (
    <>
      <TextInput name="reference" label="Reference" hint="Unique for this board, for example SB/2026/04" width="10" defaultValue={values.reference} error={errors?.reference} />
      <Textarea name="text" label="Recommendation (Markdown)" hint="In the words the board agreed" rows={5} defaultValue={values.text} error={errors?.text} />
      <Select name="addresseeOrganisationId" label="Addressed to" placeholder="Select an organisation" options={choices.addressees} defaultValue={values.addresseeOrganisationId} error={errors?.addresseeOrganisationId} />
      <Select name="leadPersonId" label="Lead person (optional)" hint="Someone who works for the organisation it is addressed to" placeholder="No named lead" options={choices.people} defaultValue={values.leadPersonId} error={errors?.leadPersonId} />
      <CheckboxGroup name="priorityIds" legend="Strategic priorities it serves (optional)" options={choices.priorities} checked={priorityIds} error={errors?.priorityIds} />
      {choices.inspectionRecommendations.length > 0 && (
        <CheckboxGroup
          name="inspectionRecommendationIds"
          legend="Inspection recommendations it follows up (optional)"
          options={choices.inspectionRecommendations}
          checked={inspectionRecommendationIds}
          error={errors?.inspectionRecommendationIds}
        />
      )}
      <DateInput
        name="receivedOn"
        legend="Date the addressee received it (optional)"
        hint="Leave empty until it is sent: the response is due from this date. For example, 14 3 2026"
        defaultValue={values.receivedOn}
        error={errors?.receivedOn}
      />
      {editing && (
        <Textarea
          name="receiptChangeReason"
          label="Reason for changing the date received"
          hint="Needed only when you change a date already recorded: it moves the response clock, so the reason is kept in the history"
          rows={2}
          defaultValue={values.receiptChangeReason}
          error={errors?.receiptChangeReason}
        />
      )}
      <DateInput name="reviewOn" legend="Date the board will review its implementation (optional)" hint="After the day it was agreed. For example, 1 9 2026" defaultValue={values.reviewOn} error={errors?.reviewOn} />
    </>
  );
}

/**
 * The clerk's page of the board's recommendations agreed at one place (a minute, a review
 * report): the refusal's summary or the notice, the heading, the list (each linking to the
 * clerk's page of one), then `children` (the form to record one, the way back).
 */
export function AgreedRecommendationsPage({
  errors,
  notice,
  caption,
  heading,
  intro,
  recommendations,
  tableCaption,
  children,
}: {
  errors?: Record<string, string>;
  notice: string | null;
  caption: string;
  heading: string;
  intro: ReactNode;
  recommendations: { id: string; reference: string; addressee: string | null; due: string | null }[];
  tableCaption: string;
  children: ReactNode;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {notice && <NotificationBanner success>{notice}</NotificationBanner>}
        <span className="govuk-caption-l">{caption}</span>
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">{intro}</p>
        <h2 className="govuk-heading-m" id="recommendations">Recommendations agreed here</h2>
        {recommendations.length === 0 ? (
          <p className="govuk-body">None recorded yet.</p>
        ) : (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">{tableCaption}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Addressed to</th>
                <th scope="col" className="govuk-table__header">Response due</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {recommendations.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/clerk/recommendations/${r.id}`}>{r.reference}</Link>
                  </td>
                  <td className="govuk-table__cell">{r.addressee}</td>
                  <td className="govuk-table__cell">{r.due ?? "Not yet received"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {children}
      </div>
    </div>
  );
}

/**
 * The clerk's form to record a recommendation, what was typed kept on a refusal. `children`
 * are the fields saying where it was agreed, where the page asks (a review report's board and day).
 */
export function RecordRecommendationForm({
  nextReference,
  data,
  choices,
  children,
}: {
  nextReference: string;
  data?: { values?: Record<string, string>; errors?: Record<string, string>; priorityIds?: string[]; inspectionRecommendationIds?: string[] };
  choices: { addressees: Option[]; people: Option[]; priorities: Option[]; inspectionRecommendations: Option[] };
  children?: ReactNode;
}) {
  const typed = data?.values;
  return (
    <Form method="post" noValidate id="recommendation-form">
      <h2 className="govuk-heading-m">Record a recommendation</h2>
      <HiddenFields fields={[["intent", "create"]]} />
      {children}
      <BoardRecommendationFields
        values={{
          reference: typed?.reference ?? nextReference,
          text: typed?.text ?? "",
          addresseeOrganisationId: typed?.addresseeOrganisationId ?? "",
          leadPersonId: typed?.leadPersonId ?? "",
          receivedOn: typed?.receivedOn ?? "",
          reviewOn: typed?.reviewOn ?? "",
        }}
        priorityIds={data?.priorityIds ?? []}
        inspectionRecommendationIds={data?.inspectionRecommendationIds ?? []}
        errors={data?.errors}
        choices={choices}
      />
      <Button>Record the recommendation</Button>
    </Form>
  );
}

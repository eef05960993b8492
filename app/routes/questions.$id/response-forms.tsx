/**
 * The forms of the organisation the question is addressed to: a holding or full response (with
 * an optional follow-up action) and a correction. Each posts its `intent` to the route's action.
 */
import { Form } from "@remix-run/react";
import { Button, HiddenFields, Radios, Select, TextInput, Textarea } from "~/components/forms";
import type { FieldErrors } from "~/utils/form-fields";

/** A holding or full response, with an optional follow-up action for a full one. */
export function RespondForm({ values, errors, addressedTo, offerHolding, ownerOptions }: { values?: Record<string, string>; errors?: FieldErrors; addressedTo: string; offerHolding: boolean; ownerOptions: { value: string; label: string }[] }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "respond"]]} />
      <h3 className="govuk-heading-m">Respond for {addressedTo}</h3>
      <Radios
        name="kind"
        legend="Kind of response"
        options={[
          ...(offerHolding ? [{ value: "holding", label: "Holding response", hint: "Not the full answer yet: give the date it is expected" }] : []),
          { value: "full", label: "Full response", hint: "Answers the question" },
        ]}
        defaultValue={values?.kind}
        error={errors?.kind}
      />
      <Textarea name="body" label="Response" hint="You can use Markdown: a blank line starts a new paragraph." defaultValue={values?.body} error={errors?.body} rows={8} />
      <TextInput name="expectedOn" label="For a holding response: date the full response is expected" hint="For example, 31/3/2026" width="10" defaultValue={values?.expectedOn} error={errors?.expectedOn} />
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">For a full response: a follow-up action (optional)</legend>
        <Textarea name="actionDescription" label="Action" defaultValue={values?.actionDescription} error={errors?.actionDescription} rows={2} />
        <TextInput name="actionDueOn" label="Action due date" hint="For example, 30/6/2026" width="10" defaultValue={values?.actionDueOn} error={errors?.actionDueOn} />
        <Select name="actionOwnerId" label="Action owner" placeholder="No named owner" options={ownerOptions} defaultValue={values?.actionOwnerId} error={errors?.actionOwnerId} />
      </fieldset>
      <Button>Publish the response</Button>
    </Form>
  );
}

/** A correction of the response, published as a new version. */
export function CorrectForm({ values, errors }: { values?: Record<string, string>; errors?: FieldErrors }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "correct"]]} />
      <Textarea name="correctionBody" label={<strong>Correct the response</strong>} hint="The correction becomes a new version; the earlier text stays visible, marked as superseded." defaultValue={values?.correctionBody} error={errors?.correctionBody} rows={6} />
      <Button variant="secondary">Publish the correction</Button>
    </Form>
  );
}

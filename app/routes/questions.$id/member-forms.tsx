/**
 * The forms of the member who asked: changing the question until it is accepted, marking the
 * answer satisfactory and asking a supplementary question. Each posts its `intent` to the route's action.
 */
import { Form } from "@remix-run/react";
import { Button, HiddenFields, Textarea } from "~/components/forms";
import type { FieldErrors } from "~/utils/form-fields";

/** Changing the question until the clerk accepts it. */
export function EditQuestionForm({ values, errors, text }: { values?: Record<string, string>; errors?: FieldErrors; text: string }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "edit"]]} />
      <Textarea name="text" label={<strong>Change your question</strong>} hint="You can change it until the clerk accepts it." defaultValue={values?.text ?? text} error={errors?.text} />
      <Button variant="secondary">Save the question</Button>
    </Form>
  );
}

/** Marking the answer satisfactory. */
export function SatisfactoryForm({ errors }: { errors?: FieldErrors }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "satisfactory"]]} />
      <h3 className="govuk-heading-m">Is the answer satisfactory?</h3>
      {errors?.satisfactory && <p className="govuk-error-message" id="satisfactory">{errors?.satisfactory}</p>}
      <Button>Mark the answer satisfactory</Button>
    </Form>
  );
}

/** Asking a supplementary question, linked to this one. */
export function SupplementaryForm({ values, errors }: { values?: Record<string, string>; errors?: FieldErrors }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "supplementary"]]} />
      <Textarea name="supplementaryText" label={<strong>Ask a supplementary question</strong>} hint="It is linked to this question and goes to the clerk to accept." defaultValue={values?.supplementaryText} error={errors?.supplementaryText} rows={3} />
      <Button variant="secondary">Ask the supplementary question</Button>
    </Form>
  );
}

/**
 * The clerk's forms: accepting or rejecting the question, changing its due date, adding a
 * follow-up action and closing it. Each posts its `intent` to the route's action.
 */
import { Form } from "@remix-run/react";
import { Button, HiddenFields, Select, TextInput, Textarea } from "~/components/forms";
import { DateInput } from "~/components/date-input";
import type { FieldErrors } from "~/utils/form-fields";

/** Accepting the question: it becomes public and the organisation is told. */
export function AcceptForm({ addressedTo, due }: { addressedTo: string; due: string | null }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "accept"]]} />
      <h3 className="govuk-heading-m">Accept the question</h3>
      <p className="govuk-body">Once accepted it is public, and {addressedTo} is told it has until {due} to respond.</p>
      <Button>Accept the question</Button>
    </Form>
  );
}

/** Rejecting the question, with the reason the member sees. */
export function RejectForm({ values, errors }: { values?: Record<string, string>; errors?: FieldErrors }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "reject"]]} />
      <Textarea name="rejectionReason" label={<strong>Reject the question</strong>} hint="The member sees this reason. A rejected question is never public." defaultValue={values?.rejectionReason} error={errors?.rejectionReason} rows={3} />
      <Button variant="warning">Reject the question</Button>
    </Form>
  );
}

/** Changing the due date, with a reason. */
export function ChangeDueForm({ values, errors, due }: { values?: Record<string, string>; errors?: FieldErrors; due: string | null }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "due"]]} />
      <h3 className="govuk-heading-m">Change the due date</h3>
      <DateInput name="dueOn" legend="New due date" hint={`Currently ${due ?? "none"}. For example, 31 3 2026`} defaultValue={values?.dueOn} error={errors?.dueOn} />
      <TextInput name="dueChangeReason" label="Reason" defaultValue={values?.dueChangeReason} error={errors?.dueChangeReason} />
      <Button variant="secondary">Change the due date</Button>
    </Form>
  );
}

/** Adding a follow-up action. */
export function AddActionForm({ values, errors, ownerOptions }: { values?: Record<string, string>; errors?: FieldErrors; ownerOptions: { value: string; label: string }[] }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "action"]]} />
      <h3 className="govuk-heading-m">Add a follow-up action</h3>
      <Textarea name="newActionDescription" label="Action" defaultValue={values?.newActionDescription} error={errors?.newActionDescription} rows={2} />
      <DateInput name="newActionDueOn" legend="Due date" hint="For example, 30 6 2026" defaultValue={values?.newActionDueOn} error={errors?.newActionDueOn} />
      <Select name="newActionOwnerId" label="Owner" placeholder="No named owner" options={ownerOptions} defaultValue={values?.newActionOwnerId} error={errors?.newActionOwnerId} />
      <Button variant="secondary">Add the action</Button>
    </Form>
  );
}

/** Closing the question for a reason other than being answered. */
export function CloseForm({ values, errors }: { values?: Record<string, string>; errors?: FieldErrors }) {
  return (
    <Form method="post" noValidate className="portal-question-form">
      <HiddenFields fields={[["intent", "close"]]} />
      <Textarea name="closureReason" label={<strong>Close the question</strong>} hint="A question closes by itself once answered and all its actions are done. Close it here only for another reason." defaultValue={values?.closureReason} error={errors?.closureReason} rows={3} />
      <Button variant="warning">Close the question</Button>
    </Form>
  );
}

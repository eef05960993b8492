/**
 * The forms of the organisation the question is addressed to (issue 16, item 9), each a
 * step that works without JavaScript:
 * 1. the kind of response first (holding or full: a GET form, `?respond=<kind>`);
 * 2. only that kind's fields (a holding response: the date the full answer is expected;
 *    a full one: an optional follow-up action), posted as `preview-respond`;
 * 3. the preview, as the public page will show it, then "Publish" (`respond`) or
 *    "Change" (`change-respond`, back to step 2 with what was typed).
 * A correction shows the text now published beside the new one before it is saved
 * (`preview-correct`, then `correct` or `change-correct`).
 */
import { Form, Link } from "@remix-run/react";
import { DateInput } from "~/components/date-input";
import { Button, HiddenFields, Radios, Select, Textarea } from "~/components/forms";
import type { FieldErrors } from "~/utils/form-fields";
import { TimelineEntry } from "./timeline";

export type ResponseKind = "holding" | "full";
type Values = Record<string, string> | undefined;
type TimelineStep = Parameters<typeof TimelineEntry>[0]["e"];

/** Step 1: which kind of response. */
export function RespondChoice({ addressedTo, error }: { addressedTo: string; error?: string }) {
  return (
    <Form method="get" className="portal-question-form" id="respond-form">
      <HiddenFields fields={[["step", "kind"]]} />
      <h3 className="govuk-heading-m">Respond for {addressedTo}</h3>
      <Radios
        name="respond"
        legend="Is this a holding response or a full response?"
        options={[
          { value: "holding", label: "Holding response", hint: "Not the full answer yet: you give the date it is expected" },
          { value: "full", label: "Full response", hint: "Answers the question; you can add a follow-up action" },
        ]}
        error={error}
      />
      <Button>Continue</Button>
    </Form>
  );
}

/** Step 2: the fields of the chosen kind. */
export function RespondForm({ kind, values, errors, addressedTo, canChooseKind, ownerOptions }: { kind: ResponseKind; values?: Values; errors?: FieldErrors; addressedTo: string; canChooseKind: boolean; ownerOptions: { value: string; label: string }[] }) {
  return (
    <Form method="post" noValidate className="portal-question-form" id="respond-form">
      <HiddenFields fields={[["intent", "preview-respond"], ["kind", kind]]} />
      <h3 className="govuk-heading-m">{kind === "holding" ? "Holding response" : "Full response"} for {addressedTo}</h3>
      {canChooseKind && (
        <p className="govuk-body">
          <Link className="govuk-link" to={{ search: "", hash: "respond-form" }}>Choose the other kind of response</Link>
        </p>
      )}
      <Textarea name="body" label="Response" hint="You can use Markdown: a blank line starts a new paragraph." defaultValue={values?.body} error={errors?.body} rows={8} />
      {kind === "holding" ? (
        <DateInput name="expectedOn" legend="Date the full response is expected" hint="Today or later. For example, 27 3 2027" defaultValue={values?.expectedOn} error={errors?.expectedOn} />
      ) : (
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">A follow-up action (optional)</legend>
          <Textarea name="actionDescription" label="Action" defaultValue={values?.actionDescription} error={errors?.actionDescription} rows={2} />
          <DateInput name="actionDueOn" legend="Action due date" hint="For example, 30 6 2027" defaultValue={values?.actionDueOn} error={errors?.actionDueOn} />
          <Select name="actionOwnerId" label="Action owner" placeholder="No named owner" options={ownerOptions} defaultValue={values?.actionOwnerId} error={errors?.actionOwnerId} />
        </fieldset>
      )}
      <Button>Preview the response</Button>
    </Form>
  );
}

const RESPOND_FIELDS = ["kind", "body", "expectedOn", "actionDescription", "actionDueOn", "actionOwnerId"];

/** Step 3: the response as the public page will show it, then publish or change it. */
export function RespondPreview({ step, values }: { step: TimelineStep; values: Record<string, string> }) {
  return (
    <div className="portal-question-form" id="respond-form">
      <h3 className="govuk-heading-m">Check the response before publishing it</h3>
      <p className="govuk-body">This is how it will look on the question's public page:</p>
      <div className="govuk-inset-text">
        <ol className="govuk-list portal-timeline">
          <TimelineEntry e={step} />
        </ol>
      </div>
      <Form method="post" noValidate>
        <HiddenFields fields={RESPOND_FIELDS.map((f) => [f, values[f] ?? ""] as [string, string])} />
        <div className="govuk-button-group">
          <Button name="intent" value="respond">Publish the response</Button>
          <Button name="intent" value="change-respond" variant="secondary">Change the response</Button>
        </div>
      </Form>
    </div>
  );
}

/** A correction of the response, published as a new version after a look at old beside new. */
export function CorrectForm({ values, errors, current }: { values?: Values; errors?: FieldErrors; current: string }) {
  return (
    <Form method="post" noValidate className="portal-question-form" id="correct-form">
      <HiddenFields fields={[["intent", "preview-correct"]]} />
      <Textarea
        name="correctionBody"
        label={<strong>Correct the response</strong>}
        hint="The correction becomes a new version; the earlier text stays visible, marked as superseded. You see both before it is saved."
        defaultValue={values?.correctionBody ?? current}
        error={errors?.correctionBody}
        rows={6}
      />
      <Button variant="secondary">Compare with the published text</Button>
    </Form>
  );
}

/** The published text beside the correction, then save or change it. */
export function CorrectPreview({ oldHtml, newHtml, body }: { oldHtml: string; newHtml: string; body: string }) {
  return (
    <div className="portal-question-form" id="correct-form">
      <h3 className="govuk-heading-m">Check the correction before saving it</h3>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h4 className="govuk-heading-s">Published now</h4>
          <div className="portal-prose portal-superseded" dangerouslySetInnerHTML={{ __html: oldHtml }} />
        </div>
        <div className="govuk-grid-column-one-half">
          <h4 className="govuk-heading-s">Your correction</h4>
          <div className="portal-prose" dangerouslySetInnerHTML={{ __html: newHtml }} />
        </div>
      </div>
      <Form method="post" noValidate>
        <HiddenFields fields={[["correctionBody", body]]} />
        <div className="govuk-button-group">
          <Button name="intent" value="correct">Publish the correction</Button>
          <Button name="intent" value="change-correct" variant="secondary">Change the correction</Button>
        </div>
      </Form>
    </div>
  );
}

/**
 * The clerk's recording forms (issue 18, item 5): the meeting's webcast or
 * recording link on its edit page, and an agenda item's start in it on the item's page.
 */
import { Form } from "@remix-run/react";
import { Button, HiddenFields, Radios, TextInput, type FieldErrors } from "./forms";

export function MeetingRecordingForm({ values, errors }: { values: Record<string, string>; errors?: FieldErrors }) {
  return (
    <>
      <h2 className="govuk-heading-m" id="recording">Webcast or recording</h2>
      <Form method="post" noValidate>
        <HiddenFields fields={[["intent", "recording"]]} />
        <TextInput
          name="recordingUrl"
          type="url"
          label="Link to the webcast or recording (optional)"
          hint="A full web address starting with https://. Leave blank to remove the link."
          spellCheck={false}
          defaultValue={values.recordingUrl}
          error={errors?.recordingUrl}
        />
        <Radios
          name="recordingKind"
          legend="The link is"
          small
          options={[
            { value: "live", label: "A live webcast", hint: "Streamed as the meeting happens" },
            { value: "archived", label: "A recording", hint: "Watched after the meeting" },
          ]}
          defaultValue={values.recordingKind}
          error={errors?.recordingKind}
        />
        <TextInput
          name="recordingLength"
          label="Length of the recording (optional)"
          hint="Hours, minutes and seconds, for example 2:15:00. Items cannot start after the end."
          width="10"
          inputMode="text"
          defaultValue={values.recordingLength}
          error={errors?.recordingLength}
        />
        <Button variant="secondary">Save the link</Button>
      </Form>
    </>
  );
}

export function ItemOffsetForm({ value, error, recording }: { value: string; error?: string; recording: string | null }) {
  return (
    <>
      <h2 className="govuk-heading-l" id="recording">In the recording</h2>
      {recording ? (
        <p className="govuk-body">The meeting’s link: {recording}</p>
      ) : (
        <p className="govuk-body">The meeting has no webcast or recording link yet: add it on the meeting’s edit page first.</p>
      )}
      <Form method="post" noValidate>
        <HiddenFields fields={[["intent", "recording-offset"]]} />
        <TextInput
          name="recordingOffset"
          label="Where this item starts in the recording (optional)"
          hint="Hours, minutes and seconds from the start, for example 0:42:30. Not shown to the public for an exempt item."
          width="10"
          defaultValue={value}
          error={error}
        />
        <Button variant="secondary">Save the start time</Button>
      </Form>
    </>
  );
}

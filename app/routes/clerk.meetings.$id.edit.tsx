import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { ConflictPanel } from "~/components/clerk";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, Textarea, TextInput } from "~/components/forms";
import { DateInput } from "~/components/date-input";
import { db } from "~/models/records";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { getClerkMeeting, londonClock, setMeetingStatus, updateMeeting } from "~/models/meetings";
import { MeetingRecordingForm } from "~/components/recording-forms";
import { saveMeetingRecording } from "~/handlers/recording-forms.server";
import { formatOffset } from "~/rules/recording.server";
import { isoDay } from "~/rules/dates.server";
import { MEETING_FIELDS, MODE_OPTIONS, meetingDetailsSchema, versionField } from "~/utils/clerk-schemas";
import { choiceField, formFields, formText, longTextField, parseForm, textField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Edit: ${data.meeting.title}` : "Edit meeting");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:meeting:any");
  const { meeting: m } = invariantFound(await getClerkMeeting(idParam(params)));
  return json({
    meeting: {
      id: m.id,
      title: m.title,
      day: isoDay(m.startsAt),
      startTime: londonClock(m.startsAt),
      endTime: m.endsAt ? londonClock(m.endsAt) : "",
      venue: m.venue ?? "",
      attendanceMode: m.attendanceMode ?? "in_person",
      status: m.status,
      statusReason: m.statusReason ?? "",
      version: m.version,
    },
    recordingSaved: new URL(request.url).searchParams.get("saved") === "recording",
    recording: {
      recordingUrl: m.recordingUrl ?? "",
      recordingKind: m.recordingKind ?? "",
      recordingLength: m.recordingLengthSeconds === null ? "" : formatOffset(m.recordingLengthSeconds),
    },
  });
}

const detailsSchema = meetingDetailsSchema.extend({
  reason: textField({ label: "Reason for the change", max: 300, optional: true }),
  version: versionField,
});
const statusSchema = z.object({
  status: choiceField(["scheduled", "confirmed", "postponed", "cancelled"] as const, "Select the meeting's status"),
  statusReason: longTextField({ label: "Reason", max: 1000, optional: true }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:meeting:any");
  const form = await readForm(request);
  const intent = formText(form, "intent");
  const id = idParam(params);
  const actor = actorOf(viewer, context);
  if (intent === "recording") return saveMeetingRecording(context, form, actor, id, `/clerk/meetings/${id}/edit?saved=recording#recording`);
  if (intent === "status") {
    const values = formFields(form, ["status", "statusReason"]);
    const parsed = parseForm(statusSchema, form);
    if (!parsed.ok) return invalid(context, { intent, errors: parsed.errors, values });
    const r = await runClerkWrite(context, intent, values, () =>
      db().transaction((tx) => setMeetingStatus(tx, actor, id, parsed.data.status, parsed.data.statusReason)),
    );
    return r.ok ? redirect(`/clerk/meetings/${id}`, { status: 303 }) : r.response;
  }
  const values = formFields(form, [...MEETING_FIELDS, "reason", "version"]);
  const parsed = parseForm(detailsSchema, form);
  if (!parsed.ok) return invalid(context, { intent: "details", errors: parsed.errors, values });
  const { version, reason, ...input } = parsed.data;
  const r = await runClerkWrite(context, "details", values, () =>
    db().transaction((tx) => updateMeeting(tx, actor, id, version, input, reason)),
  );
  return r.ok ? redirect(`/clerk/meetings/${id}`, { status: 303 }) : r.response;
}

export default function EditMeeting() {
  const { meeting, recording, recordingSaved } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const details = data?.intent === "details" ? data.values : undefined;
  const status = data?.intent === "status" ? data.values : undefined;
  const v = (name: keyof typeof meeting) => details?.[name] ?? String(meeting[name] ?? "");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {recordingSaved && !data && <NotificationBanner success>The recording link has been saved.</NotificationBanner>}
        <h1 className="govuk-heading-l">Edit {meeting.title}</h1>
        {data?.conflict && (
          <ConflictPanel
            fields={MEETING_FIELDS.map((f) => ({ name: f, label: f }))}
            current={data.conflict.current}
            typed={data.values}
          />
        )}
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "details"], ["version", String(data?.conflict?.currentVersion ?? meeting.version)]]} />
          <TextInput name="title" label="Title" defaultValue={v("title")} error={errors?.title} />
          <DateInput name="day" legend="Date" hint="For example, 16 3 2026" defaultValue={v("day")} error={errors?.day} />
          <TextInput name="startTime" label="Start time" hint="24-hour clock, London time" width="5" defaultValue={v("startTime")} error={errors?.startTime} />
          <TextInput name="endTime" label="End time (optional)" width="5" defaultValue={v("endTime")} error={errors?.endTime} />
          <TextInput name="venue" label="Venue (optional)" defaultValue={v("venue")} error={errors?.venue} />
          <Radios name="attendanceMode" legend="How people attend" options={MODE_OPTIONS} defaultValue={v("attendanceMode")} error={errors?.attendanceMode} />
          <TextInput name="reason" label="Reason for the change (optional)" hint="Kept in the history of changes" defaultValue={details?.reason} error={errors?.reason} />
          <Button>Save details</Button>
        </Form>

        <h2 className="govuk-heading-m">Status</h2>
        <Form method="post" noValidate>
          <HiddenFields fields={[["intent", "status"]]} />
          <Radios
            name="status"
            legend="The meeting is"
            options={[
              { value: "scheduled", label: "Scheduled" },
              { value: "confirmed", label: "Confirmed" },
              { value: "postponed", label: "Postponed" },
              { value: "cancelled", label: "Cancelled" },
            ]}
            defaultValue={status?.status ?? meeting.status}
            error={errors?.status}
          />
          <Textarea name="statusReason" label="Reason (required to postpone or cancel)" hint="Shown on the public meeting page" defaultValue={status?.statusReason ?? meeting.statusReason} error={errors?.statusReason} />
          <Button variant="secondary">Save status</Button>
        </Form>
        <MeetingRecordingForm values={data?.intent === "recording" ? data.values : recording} errors={data?.intent === "recording" ? errors : undefined} />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/clerk/meetings/${meeting.id}`}>Back to the agenda</Link>
        </p>
      </div>
    </div>
  );
}

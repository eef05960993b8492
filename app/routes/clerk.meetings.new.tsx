import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, Radios, Select, TextInput } from "~/components/forms";
import { DateInput } from "~/components/date-input";
import { db } from "~/models/records";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { clerkBodies, createMeeting } from "~/models/meetings";
import { MEETING_FIELDS, MODE_OPTIONS, meetingDetailsSchema } from "~/utils/clerk-schemas";
import { formFields, parseForm } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Create a meeting");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const FIELDS = ["bodyId", ...MEETING_FIELDS] as const;

const schema = z.object({ bodyId: z.string().min(1, "Select the board or committee"), ...meetingDetailsSchema.shape });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:meeting:any");
  return json({ bodies: await clerkBodies() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "create:meeting:any");
  const form = await readForm(request);
  const values = formFields(form, FIELDS);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { errors: parsed.errors, values });
  const result = await runClerkWrite(context, "create", values, () =>
    db().transaction((tx) => createMeeting(tx, actorOf(viewer, context), parsed.data)),
  );
  if (!result.ok) return result.response;
  return redirect(`/clerk/meetings/${result.value.id}`, { status: 303 });
}

export default function NewMeeting() {
  const { bodies } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const values = data?.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Create a meeting</h1>
        <Form method="post" noValidate>
          <Select name="bodyId" label="Board or committee" placeholder="Select" options={bodies.map((b) => ({ value: b.id, label: b.name }))} defaultValue={values?.bodyId} error={errors?.bodyId} />
          <TextInput name="title" label="Title" defaultValue={values?.title} error={errors?.title} />
          <DateInput name="day" legend="Date" hint="For example, 16 3 2026" defaultValue={values?.day} error={errors?.day} />
          <TextInput name="startTime" label="Start time" hint="24-hour clock, London time, for example 18:00" width="5" defaultValue={values?.startTime} error={errors?.startTime} />
          <TextInput name="endTime" label="End time (optional)" hint="For example 20:00" width="5" defaultValue={values?.endTime} error={errors?.endTime} />
          <TextInput name="venue" label="Venue (optional)" defaultValue={values?.venue} error={errors?.venue} />
          <Radios name="attendanceMode" legend="How people attend" options={MODE_OPTIONS} defaultValue={values?.attendanceMode ?? "in_person"} error={errors?.attendanceMode} />
          <Button>Create meeting</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/clerk">Cancel</Link>
        </p>
      </div>
    </div>
  );
}

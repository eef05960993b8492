import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, Radios, Select, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import { itemChoices } from "~/models/meetings";
import { addAttendance, attendanceList, ATTENDANCE_ROLE_LABELS, ATTENDANCE_ROLES, ATTENDANCE_STATUSES, ATTENDANCE_STATUS_LABELS, removeAttendance } from "~/models/meetings";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { getClerkMeeting } from "~/models/meetings";
import { choiceField, formFields, formText, parseForm, textField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Attendance: ${data.meeting.title}` : "Attendance");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:meeting:any");
  const data = invariantFound(await getClerkMeeting(idParam(params)));
  return json({
    meeting: { id: data.meeting.id, title: data.meeting.title },
    attendance: await attendanceList(data.meeting.id),
    people: (await itemChoices()).people,
    // The labels come from a .server module, which the browser bundle does not have: they travel with the data.
    roleOptions: ATTENDANCE_ROLES.map((r) => ({ value: r, label: ATTENDANCE_ROLE_LABELS[r] })),
    statusOptions: ATTENDANCE_STATUSES.map((s) => ({ value: s, label: ATTENDANCE_STATUS_LABELS[s] })),
  });
}

const FIELDS = ["personId", "name", "role", "status", "substituteForId"] as const;
const schema = z.object({
  personId: z.string(),
  name: textField({ label: "Name", max: 200, optional: true }),
  role: choiceField(ATTENDANCE_ROLES, "Select the person's role"),
  status: choiceField(ATTENDANCE_STATUSES, "Select present, apologies or absent"),
  substituteForId: z.string(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:meeting:any");
  const form = await readForm(request);
  const id = idParam(params);
  const actor = actorOf(viewer, context);
  invariantFound(await getClerkMeeting(id));
  if (formText(form, "intent") === "remove") {
    const r = await runClerkWrite(context, "remove", {}, () => db().transaction((tx) => removeAttendance(tx, actor, id, formText(form, "attendanceId"))));
    return r.ok ? redirect(`/clerk/meetings/${id}/attendance`, { status: 303 }) : r.response;
  }
  const values = formFields(form, FIELDS);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(context, { intent: "add", errors: parsed.errors, values });
  const d = parsed.data;
  const r = await runClerkWrite(context, "add", values, () =>
    db().transaction((tx) =>
      addAttendance(tx, actor, id, { personId: d.personId || null, name: d.name, role: d.role, status: d.status, substituteForId: d.substituteForId || null }),
    ),
  );
  return r.ok ? redirect(`/clerk/meetings/${id}/attendance`, { status: 303 }) : r.response;
}

export default function Attendance() {
  const { meeting, attendance, people, roleOptions, statusOptions } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const values = data?.values;
  const personOptions = people.map((p) => ({ value: p.id, label: p.name }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Attendance: {meeting.title}</h1>
        {attendance.length === 0 ? (
          <p className="govuk-body">Nobody recorded yet.</p>
        ) : (
          <ul className="govuk-list">
            {attendance.map((a) => (
              <li key={a.id}>
                {a.name}: {a.roleLabel}, {a.statusLabel}
                {a.substituteFor ? ` (substitute for ${a.substituteFor})` : ""}{" "}
                <Form method="post" className="portal-inline-form">
                  <HiddenFields fields={[["intent", "remove"], ["attendanceId", a.id]]} />
                  <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                    Remove<span className="govuk-visually-hidden"> {a.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate>
          <h2 className="govuk-heading-m">Record someone</h2>
          <HiddenFields fields={[["intent", "add"]]} />
          <Select name="personId" label="Person" placeholder="Not in the list" options={personOptions} defaultValue={values?.personId} error={errors?.personId} />
          <TextInput name="name" label="Name, if not in the list" defaultValue={values?.name} error={errors?.name} />
          <Radios name="role" legend="Role" small options={roleOptions} defaultValue={values?.role ?? "member"} error={errors?.role} />
          <Radios name="status" legend="Attendance" small options={statusOptions} defaultValue={values?.status ?? "present"} error={errors?.status} />
          <Select name="substituteForId" label="Substitute for (substitutes)" placeholder="Not a substitute" options={personOptions} defaultValue={values?.substituteForId} error={errors?.substituteForId} />
          <Button>Record attendance</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/clerk/meetings/${meeting.id}`}>Back to the agenda</Link>
        </p>
      </div>
    </div>
  );
}
